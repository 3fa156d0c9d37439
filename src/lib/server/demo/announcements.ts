import type { announcement, announcementRecipient } from '../announcements/schema.ts';
import type { DemoHome } from './activities.ts';

/*
 * Demo berichten aan een groep: the coordinators of the first two
 * initiatives wrote to all their members; about half have read it.
 */

const TEXTS = [
	'Hallo allemaal! Volgende week donderdag is de huiskamer dicht, want we krijgen een nieuwe vloer. Vrijdag zijn we er weer vanaf 10 uur, met verse koffie. Tot dan!',
	'Fijn dat jullie er zijn. Vanaf januari beginnen we op dinsdag een half uur later, om 10.30 uur. Dan hoeft niemand zich meer te haasten na het brengen van de kinderen.'
];

/** The rows, with ids made by `uuid`. */
export function demoAnnouncements(homes: DemoHome[], now: Date, uuid: () => string) {
	const announcements: Array<typeof announcement.$inferInsert> = [];
	const recipients: Array<typeof announcementRecipient.$inferInsert> = [];
	homes.slice(0, TEXTS.length).forEach((home, i) => {
		if (!home.members.length) return;
		const id = uuid();
		const createdAt = new Date(now.getTime() - (i + 1) * 26 * 3_600_000);
		announcements.push({ id, initiativeId: home.id, writerId: home.coordinator, body: TEXTS[i], createdAt });
		home.members.forEach((userId, k) => recipients.push({ announcementId: id, userId, createdAt, readAt: k % 2 === 0 ? new Date(createdAt.getTime() + 3_600_000) : null }));
	});
	return { announcements, recipients };
}
