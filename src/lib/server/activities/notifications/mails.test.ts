import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NOTIFICATION_KINDS, notificationMail } from './mails.ts';
import { stopRemindersToken, verifyStopRemindersToken } from './opt-out.ts';

const base = {
	origin: 'https://herstelplein.test',
	activity: { id: 'a1', title: 'Samen wandelen', startsAt: new Date('2030-03-05T13:00:00Z'), endsAt: new Date('2030-03-05T15:00:00Z'), place: '' },
	initiative: { slug: 'de-kroon', name: 'De Kroon', address: 'Markt 1, Zwolle' },
	stopPath: '/herinneringen-uitzetten?token=t'
};

describe('activity e-mails', () => {
	for (const kind of NOTIFICATION_KINDS) {
		it(`${kind}: Dutch and English, with the time in Amsterdam, the place and a link to the activity`, () => {
			const nl = notificationMail({ ...base, kind, person: { email: 'a@voorbeeld.test', name: 'Anna', locale: 'nl' } });
			expect(nl.to).toBe('a@voorbeeld.test');
			expect(nl.subject).toContain('Samen wandelen');
			expect(nl.text).toContain('Hallo Anna');
			expect(nl.text).toContain('Wanneer: dinsdag 5 maart, 14:00–16:00');
			expect(nl.text).toContain('Waar: De Kroon, Markt 1, Zwolle');
			expect(nl.text).toContain('https://herstelplein.test/initiatieven/de-kroon/activiteiten/a1');
			const en = notificationMail({ ...base, kind, person: { email: 'e@voorbeeld.test', name: 'Emma', locale: 'en' } });
			expect(en.text).toContain('Hello Emma');
			expect(en.text).toContain('https://herstelplein.test/en/initiatieven/de-kroon/activiteiten/a1');
			expect(nl.text.includes('/herinneringen-uitzetten?token=t')).toBe(kind === 'reminder');
		});
	}
});

describe('the "no more reminders" token', () => {
	it('names the person it was made for, and nobody else', () => {
		fc.assert(
			fc.property(fc.string({ minLength: 1, maxLength: 64 }), fc.string(), (userId, garbage) => {
				const token = stopRemindersToken('s'.repeat(32), userId);
				expect(verifyStopRemindersToken('s'.repeat(32), token)).toBe(userId);
				expect(verifyStopRemindersToken('t'.repeat(32), token)).toBeNull();
				expect(verifyStopRemindersToken('s'.repeat(32), garbage)).toBeNull();
			})
		);
	});
});
