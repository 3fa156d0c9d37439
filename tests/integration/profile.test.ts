import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFound } from '#lib/server/access/core.ts';
import { user } from '#lib/server/accounts/schema.ts';
import type { SignedIn } from '#lib/server/accounts/viewer.ts';
import type { Database } from '#lib/server/db/index.ts';
import { CONTACT_LIMITS, sendContactMessage, type ContactInput } from '#lib/server/initiatives/contact.ts';
import { localMoment, openNow } from '#lib/server/initiatives/hours.ts';
import { addPhoto, photoFor, PHOTO_LIMITS, removePhoto } from '#lib/server/initiatives/photos.ts';
import { addClosure, profileFor, profileForEditing, removeClosure, updateProfile } from '#lib/server/initiatives/profile.ts';
import { parseProfileForm, type ProfileInput } from '#lib/server/initiatives/profile-forms.ts';
import { membership } from '#lib/server/initiatives/schema.ts';
import { createInitiative, setInitiativeStatus, type Initiative } from '#lib/server/initiatives/service.ts';
import { recordingMailer } from '../helpers/accounts.ts';
import { databases } from '../helpers/databases.ts';
import { makePerson } from '../helpers/people.ts';

/** The profile form as a browser sends it. */
function profileForm(fields: Record<string, string | string[]>): FormData {
	const form = new FormData();
	for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(key, v);
	return form;
}

const valid = {
	name: 'De Kroon',
	description: 'Een plek om elkaar te ontmoeten.\n\nKom gerust langs.',
	address: 'Kerkstraat 1',
	postcode: '8011ab',
	town: 'zwolle',
	themes: ['inloop', 'wandelen'],
	accessibility: ['rolstoeltoegankelijk'],
	phone: '038 - 123 45 67',
	website: 'www.dekroon.nl',
	closedOnHolidays: 'on',
	hours_1_1_from: '10:00',
	hours_1_1_to: '16:00',
	hours_4_1_from: '09:30',
	hours_4_1_to: '12:00',
	hours_4_2_from: '19:00',
	hours_4_2_to: '21:00'
};

describe('the profile form', () => {
	it('accepts a full profile and tidies what was typed', () => {
		const parsed = parseProfileForm(profileForm(valid));
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		expect(parsed.data).toMatchObject({
			postcode: '8011 AB',
			town: 'Zwolle',
			website: 'https://www.dekroon.nl/',
			phone: '038 - 123 45 67',
			closedOnHolidays: true,
			themes: ['inloop', 'wandelen']
		});
		expect(parsed.data.latitude).toBeCloseTo(52.5, 0);
		expect(parsed.data.hours).toEqual([
			{ weekday: 1, opensAt: '10:00', closesAt: '16:00' },
			{ weekday: 4, opensAt: '09:30', closesAt: '12:00' },
			{ weekday: 4, opensAt: '19:00', closesAt: '21:00' }
		]);
	});

	it('"the same times as Monday" copies Monday to that day, whatever else was typed for it', () => {
		const parsed = parseProfileForm(
			profileForm({ ...valid, hours_1_2_from: '19:00', hours_1_2_to: '21:00', hours_2_same: 'on', hours_2_1_from: '25:00', hours_5_same: 'on', hours_1_same: 'on' })
		);
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		const monday = [
			{ opensAt: '10:00', closesAt: '16:00' },
			{ opensAt: '19:00', closesAt: '21:00' }
		];
		expect(parsed.data.hours.filter((h) => h.weekday === 2)).toEqual(monday.map((p) => ({ weekday: 2, ...p })));
		expect(parsed.data.hours.filter((h) => h.weekday === 5)).toEqual(monday.map((p) => ({ weekday: 5, ...p })));
		expect(parsed.data.hours.filter((h) => h.weekday === 1)).toEqual(monday.map((p) => ({ weekday: 1, ...p })));
		expect(parsed.data.hours.filter((h) => h.weekday === 3)).toEqual([]);
	});

	it('reports every mistake next to its field', () => {
		const parsed = parseProfileForm(
			profileForm({
				...valid,
				postcode: '80111',
				town: 'Atlantis aan Zee',
				website: 'javascript:alert(1)',
				phone: 'bel me',
				themes: ['inloop', 'toveren'],
				hours_1_1_from: '16:00',
				hours_1_1_to: '10:00',
				hours_2_1_from: '10:00',
				hours_3_1_from: '25:00',
				hours_3_1_to: '26:00',
				hours_4_2_from: '11:00'
			})
		);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(Object.fromEntries(Object.entries(parsed.errors).map(([k, v]) => [k, v.key]))).toEqual({
			postcode: 'profile_error_postcode',
			town: 'profile_error_town_unknown',
			website: 'profile_error_website',
			phone: 'profile_error_phone',
			themes: 'form_error_invalid',
			hours_1_1_to: 'profile_error_hours_order',
			hours_2_1_to: 'profile_error_hours_both',
			hours_3_1_from: 'profile_error_hours_time',
			hours_3_1_to: 'profile_error_hours_time',
			hours_4_2_from: 'profile_error_hours_overlap'
		});
		expect(parsed.errors.town.params).toEqual({ town: 'Atlantis aan Zee' });
	});
});

for (const target of databases) {
	describe.skipIf(target.skip)(`initiative profile on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let admin: SignedIn, anna: SignedIn, bram: SignedIn, cor: SignedIn, dewi: SignedIn;
		let kroon: Initiative, anker: Initiative;
		let input: ProfileInput;

		async function start(viewer: SignedIn, name: string) {
			const result = await createInitiative(database.db, viewer, { name, town: 'Zwolle', slug: '', description: '', joinPolicy: 'invite' });
			if (!result.ok) throw new Error(result.error);
			return result.initiative;
		}

		beforeAll(async () => {
			database = await target.open();
			admin = await makePerson(database.db, 'Beheer', { isAdmin: true });
			anna = await makePerson(database.db, 'Anna');
			bram = await makePerson(database.db, 'Bram');
			cor = await makePerson(database.db, 'Cor');
			dewi = await makePerson(database.db, 'Dewi');
			kroon = await start(anna, 'De Kroon');
			anker = await start(cor, 'Het Anker');
			await database.db.insert(membership).values({ initiativeId: kroon.id, userId: bram.userId, role: 'member' });
			await database.db.insert(membership).values({ initiativeId: kroon.id, userId: dewi.userId, role: 'coordinator' });
			await setInitiativeStatus(database.db, admin, kroon.id, 'published');
			const parsed = parseProfileForm(profileForm(valid));
			if (!parsed.ok) throw new Error('valid profile did not parse');
			input = parsed.data;
		});
		afterAll(() => database?.drop());

		it('a coordinator saves the profile and hours, and the public page shows them at once', async () => {
			const before = (await profileFor(database.db, null, { id: kroon.id })).initiative.updatedAt;
			await updateProfile(database.db, anna, kroon.id, input);
			const seen = await profileFor(database.db, null, { slug: kroon.slug });
			expect(seen.initiative).toMatchObject({ name: 'De Kroon', postcode: '8011 AB', town: 'Zwolle', themes: ['inloop', 'wandelen'], website: 'https://www.dekroon.nl/' });
			expect(seen.initiative.updatedAt.getTime()).toBeGreaterThanOrEqual(before.getTime());
			expect(seen.schedule.hours.map((h) => [h.weekday, h.opensAt.slice(0, 5), h.closesAt.slice(0, 5)]).sort()).toEqual([
				[1, '10:00', '16:00'],
				[4, '09:30', '12:00'],
				[4, '19:00', '21:00']
			]);
			// Monday 2 February 2026, 11:00 in Amsterdam (10:00 UTC): open until 16:00.
			expect(openNow(seen.schedule, new Date('2026-02-02T10:00:00Z'))).toEqual({ open: true, closesAt: '16:00' });
		});

		it('saving again replaces the hours; an empty week means no walk-in', async () => {
			await updateProfile(database.db, anna, kroon.id, { ...input, hours: [{ weekday: 2, opensAt: '13:00', closesAt: '17:00' }] });
			expect((await profileFor(database.db, null, { id: kroon.id })).schedule.hours).toHaveLength(1);
			await updateProfile(database.db, dewi, kroon.id, { ...input, hours: [] });
			expect((await profileFor(database.db, null, { id: kroon.id })).schedule.hours).toEqual([]);
			await updateProfile(database.db, anna, kroon.id, input);
		});

		it('a save that fails halfway changes nothing (one transaction)', async () => {
			const broken = { ...input, name: 'Half opgeslagen', hours: [{ weekday: 9, opensAt: '10:00', closesAt: '11:00' }] };
			await expect(updateProfile(database.db, anna, kroon.id, broken)).rejects.toThrow();
			const seen = await profileFor(database.db, null, { id: kroon.id });
			expect(seen.initiative.name).toBe('De Kroon');
			expect(seen.schedule.hours).toHaveLength(3);
		});

		it('closures round trip: added, shown, counted in "open now", removed', async () => {
			await addClosure(database.db, anna, kroon.id, { startsOn: '2099-07-20', endsOn: '2099-08-09', note: 'Zomersluiting' });
			const editing = await profileForEditing(database.db, anna, { id: kroon.id }, new Date('2099-07-01T10:00:00Z'));
			expect(editing.closures).toMatchObject([{ startsOn: '2099-07-20', endsOn: '2099-08-09', note: 'Zomersluiting' }]);
			// Monday 27 July 2099 during the closure: closed, open again on Monday 10 August.
			const during = new Date('2099-07-27T10:00:00Z');
			expect(localMoment(during).weekday).toBe(1);
			const status = openNow(editing.schedule, during);
			expect(status).toMatchObject({ open: false, today: { kind: 'closure', note: 'Zomersluiting' }, next: { date: '2099-08-10', opensAt: '10:00' } });
			await expect(removeClosure(database.db, cor, kroon.id, editing.closures[0].id)).rejects.toThrow(NotFound);
			await expect(removeClosure(database.db, cor, anker.id, editing.closures[0].id)).rejects.toThrow(NotFound);
			await removeClosure(database.db, anna, kroon.id, editing.closures[0].id);
			expect((await profileForEditing(database.db, anna, { id: kroon.id })).closures).toEqual([]);
		});

		it('only its coordinators may edit: a member, a coordinator elsewhere and outsiders get "not found"', async () => {
			for (const viewer of [bram, cor, admin]) {
				await expect(updateProfile(database.db, viewer, kroon.id, { ...input, name: 'Overgenomen' })).rejects.toThrow(NotFound);
				await expect(profileForEditing(database.db, viewer, { slug: kroon.slug })).rejects.toThrow(NotFound);
				await expect(addClosure(database.db, viewer, kroon.id, { startsOn: '2099-01-01', endsOn: '2099-01-02', note: '' })).rejects.toThrow(NotFound);
				await expect(addPhoto(database.db, viewer, kroon.id, { bytes: new Uint8Array(10), alt: 'x' })).rejects.toThrow(NotFound);
			}
			await expect(updateProfile(database.db, null, kroon.id, input)).rejects.toThrow();
			expect((await profileFor(database.db, null, { id: kroon.id })).initiative.name).toBe('De Kroon');
		});

		describe('photos', () => {
			let photoId: string;

			it('a JPEG with EXIF (and a location) goes in; it is stored upright, smaller, as WebP, without EXIF', async () => {
				const jpeg = await sharp({ create: { width: 2400, height: 1800, channels: 3, background: '#3a7d5c' } })
					.jpeg()
					.withExif({ IFD0: { Copyright: 'Geheim', ImageDescription: 'Thuisadres' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 30/1 0/1' } })
					.withMetadata({ orientation: 6 })
					.toBuffer();
				const before = await sharp(jpeg).metadata();
				expect(before.exif).toBeDefined();
				expect(before.orientation).toBe(6);
				const added = await addPhoto(database.db, anna, kroon.id, { bytes: jpeg, alt: 'Een groene muur' });
				expect(added.ok).toBe(true);
				if (!added.ok) return;
				photoId = added.id;
				const stored = await photoFor(database.db, null, kroon.slug, photoId);
				expect(stored.contentType).toBe('image/webp');
				const after = await sharp(stored.data).metadata();
				expect(after.format).toBe('webp');
				expect(after.exif).toBeUndefined();
				expect(after.xmp).toBeUndefined();
				expect(after.orientation).toBeUndefined();
				// Rotated upright (orientation 6: portrait) and at most 1600 px.
				expect([after.width, after.height]).toEqual([1200, 1600]);
				expect(stored.data.includes(Buffer.from('Thuisadres'))).toBe(false);
				expect((await profileFor(database.db, null, { id: kroon.id })).photos).toEqual([{ id: photoId, alt: 'Een groene muur', width: 1200, height: 1600 }]);
			});

			it('a text file called .jpg, an SVG and an empty file are not photos', async () => {
				const fake = Buffer.from('Dit is geen foto, alleen tekst met de naam foto.jpg\n');
				expect(await addPhoto(database.db, anna, kroon.id, { bytes: fake, alt: 'Nep' })).toEqual({ ok: false, error: 'not_image' });
				const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
				expect(await addPhoto(database.db, anna, kroon.id, { bytes: svg, alt: 'Nep' })).toEqual({ ok: false, error: 'not_image' });
				expect(await addPhoto(database.db, anna, kroon.id, { bytes: new Uint8Array(0), alt: 'Leeg' })).toEqual({ ok: false, error: 'not_image' });
			});

			it('a photo needs a description, and may not be too large', async () => {
				const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#fff' } }).png().toBuffer();
				expect(await addPhoto(database.db, anna, kroon.id, { bytes: png, alt: '   ' })).toEqual({ ok: false, error: 'alt_missing' });
				const huge = new Uint8Array(PHOTO_LIMITS.maxBytes + 1);
				expect(await addPhoto(database.db, anna, kroon.id, { bytes: huge, alt: 'Groot' })).toEqual({ ok: false, error: 'too_large' });
			});

			it(`at most ${PHOTO_LIMITS.maxPhotos} photos`, async () => {
				const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#abc' } }).png().toBuffer();
				for (let n = 1; n < PHOTO_LIMITS.maxPhotos; n++) expect((await addPhoto(database.db, dewi, kroon.id, { bytes: png, alt: `Foto ${n}` })).ok).toBe(true);
				expect(await addPhoto(database.db, anna, kroon.id, { bytes: png, alt: 'Eén te veel' })).toEqual({ ok: false, error: 'too_many' });
				const [, second] = (await profileFor(database.db, null, { id: kroon.id })).photos;
				await removePhoto(database.db, anna, kroon.id, second.id);
				expect((await profileFor(database.db, null, { id: kroon.id })).photos).toHaveLength(PHOTO_LIMITS.maxPhotos - 1);
			});

			it("another initiative's coordinator cannot remove a photo, and the photo is not found under another initiative", async () => {
				await expect(removePhoto(database.db, cor, anker.id, photoId)).rejects.toThrow(NotFound);
				await expect(removePhoto(database.db, cor, kroon.id, photoId)).rejects.toThrow(NotFound);
				await expect(photoFor(database.db, null, anker.slug, photoId)).rejects.toThrow(NotFound);
			});

			it("an unpublished initiative's photos are only for its members and the admin", async () => {
				await setInitiativeStatus(database.db, admin, kroon.id, 'unpublished');
				await expect(photoFor(database.db, null, kroon.slug, photoId)).rejects.toThrow(NotFound);
				await expect(photoFor(database.db, cor, kroon.slug, photoId)).rejects.toThrow(NotFound);
				expect((await photoFor(database.db, bram, kroon.slug, photoId)).public).toBe(false);
				expect((await photoFor(database.db, admin, kroon.slug, photoId)).public).toBe(false);
				await setInitiativeStatus(database.db, admin, kroon.id, 'published');
				expect((await photoFor(database.db, null, kroon.slug, photoId)).public).toBe(true);
			});
		});

		describe('contact form', () => {
			const message: ContactInput = { name: 'Eva', email: 'eva@voorbeeld.test', message: 'Mag ik dinsdag een keer langskomen?', homepage: '' };
			const context = (ip: string) => ({ slug: kroon.slug, ip, origin: 'https://herstelplein.test', locale: 'nl' as const });

			it('mails every coordinator in their own language; a sender who is not signed in gets no copy', async () => {
				await database.db.update(user).set({ locale: 'en' }).where(eq(user.id, dewi.userId));
				const mailer = recordingMailer();
				expect(await sendContactMessage(database.db, mailer, null, context('10.0.0.1'), message)).toEqual({ ok: true, copy: false });
				const to = mailer.sent.map((m) => m.to).sort();
				expect(to).toEqual([anna.email, dewi.email].sort());
				const toAnna = mailer.sent.find((m) => m.to === anna.email)!;
				expect(toAnna.replyTo).toBe('eva@voorbeeld.test');
				expect(toAnna.subject).toContain('Bericht via Herstelplein');
				expect(toAnna.text).toContain('Mag ik dinsdag een keer langskomen?');
				expect(toAnna.text).toContain(`https://herstelplein.test/initiatieven/${kroon.slug}`);
				const toDewi = mailer.sent.find((m) => m.to === dewi.email)!;
				expect(toDewi.subject).toContain('Message via Herstelplein');
				expect(toDewi.text).toContain(`https://herstelplein.test/en/initiatieven/${kroon.slug}`);
				expect(to).not.toContain(bram.email);
			});

			it('a signed-in sender gets a copy at their own address, never at another one', async () => {
				const mailer = recordingMailer();
				expect(await sendContactMessage(database.db, mailer, bram, context('10.0.0.9'), { ...message, name: 'Bram', email: bram.email.toUpperCase() })).toEqual({ ok: true, copy: true });
				const copy = mailer.sent.find((m) => m.to === bram.email.toUpperCase())!;
				expect(copy.subject).toBe('Kopie van je bericht aan De Kroon');
				// The sender never learns the coordinators' addresses.
				expect(copy.text).not.toContain(anna.email);
				const other = recordingMailer();
				expect(await sendContactMessage(database.db, other, bram, context('10.0.0.9'), message)).toEqual({ ok: true, copy: false });
				expect(other.sent.map((m) => m.to)).not.toContain('eva@voorbeeld.test');
			});

			it('a bot that fills in the hidden field is told "sent", but nothing is mailed', async () => {
				const mailer = recordingMailer();
				expect(await sendContactMessage(database.db, mailer, null, context('10.0.0.2'), { ...message, homepage: 'https://spam.example' })).toEqual({ ok: true, copy: false });
				expect(mailer.sent).toEqual([]);
			});

			it(`at most ${CONTACT_LIMITS.perIp.max} messages an hour from one address`, async () => {
				const mailer = recordingMailer();
				for (let n = 0; n < CONTACT_LIMITS.perIp.max; n++) expect((await sendContactMessage(database.db, mailer, null, context('10.0.0.3'), message)).ok).toBe(true);
				const before = mailer.sent.length;
				expect(await sendContactMessage(database.db, mailer, null, context('10.0.0.3'), message)).toEqual({ ok: false, error: 'rate_limited' });
				expect(mailer.sent.length).toBe(before);
				expect((await sendContactMessage(database.db, mailer, null, context('10.0.0.4'), message)).ok).toBe(true);
			});

			it(`and at most ${CONTACT_LIMITS.perInitiative.max} a day to one initiative, from any address`, async () => {
				const mailer = recordingMailer();
				let sent = 0;
				for (let n = 0; n < CONTACT_LIMITS.perInitiative.max; n++) if ((await sendContactMessage(database.db, mailer, null, context(`10.1.0.${n}`), message)).ok) sent++;
				// Earlier tests used part of today's allowance already.
				expect(sent).toBeLessThan(CONTACT_LIMITS.perInitiative.max);
				expect(await sendContactMessage(database.db, mailer, null, context('10.2.0.1'), message)).toEqual({ ok: false, error: 'rate_limited' });
			});

			it('a hidden initiative cannot be written to', async () => {
				await expect(sendContactMessage(database.db, recordingMailer(), null, { ...context('10.3.0.1'), slug: anker.slug }, message)).rejects.toThrow(NotFound);
			});
		});
	});
}
