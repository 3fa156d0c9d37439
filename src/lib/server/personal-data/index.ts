import type { SignedIn } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { accountPersonalData, sessionsPersonalData } from '../accounts/personal-data.ts';
import { activitiesPersonalData } from '../activities/personal-data.ts';
import { notificationsPersonalData } from '../activities/notifications/personal-data.ts';
import { joinRequestsPersonalData, membershipsPersonalData } from '../initiatives/personal-data.ts';
import { exchangePausePersonalData, exchangePersonalData } from '../exchange/personal-data.ts';
import { messagesPersonalData } from '../messages/personal-data.ts';
import { announcementsPersonalData } from '../announcements/personal-data.ts';
import { noticesPersonalData } from '../notify/personal-data.ts';
import { moderationPersonalData } from '../moderation/personal-data.ts';
import { dealsPersonalData } from '../deals/personal-data.ts';
import { profilesPersonalData } from '../profiles/personal-data.ts';
import { storiesPersonalData } from '../stories/personal-data.ts';
import { handoverPersonalData } from '../handover/personal-data.ts';
import { expertisePersonalData } from '../expertise/personal-data.ts';
import { spacePersonalData } from '../space/personal-data.ts';
import { impactPersonalData } from '../impact/personal-data.ts';
import type { PersonalDataPart } from './part.ts';
import { jsonText, Later } from '../http/stream.ts';

/*
 * Personal data, composed from every capability: the one list that the export
 * (AVG/GDPR art. 15 and 20) and account deletion (art. 17, delete.ts) walk
 * through. This room sits above all capabilities; each exports its own part
 * (see part.ts) and a new capability adds its part to the list below.
 */

export type { PersonalDataPart } from './part.ts';

/** Every part, in the order of the export file. Add a capability's part here. */
export const personalDataParts: PersonalDataPart[] = [
	accountPersonalData,
	membershipsPersonalData,
	joinRequestsPersonalData,
	activitiesPersonalData,
	notificationsPersonalData,
	exchangePersonalData,
	exchangePausePersonalData,
	messagesPersonalData,
	announcementsPersonalData,
	noticesPersonalData,
	moderationPersonalData,
	dealsPersonalData,
	profilesPersonalData,
	storiesPersonalData,
	impactPersonalData,
	handoverPersonalData,
	expertisePersonalData,
	spacePersonalData,
	sessionsPersonalData
];

export interface PersonalDataExport {
	format: 'herstelplein-export';
	version: 1;
	exportedAt: string;
	parts: Record<string, unknown>;
}

/** Everything Herstelplein keeps about the viewer, as one JSON-ready object. */
export async function exportPersonalData(db: Db, viewer: SignedIn, parts: PersonalDataPart[] = personalDataParts, now = new Date()): Promise<PersonalDataExport> {
	const collected: Record<string, unknown> = {};
	for (const part of parts) collected[part.key] = await part.collect(db, viewer);
	return { format: 'herstelplein-export', version: 1, exportedAt: now.toISOString(), parts: collected };
}

/**
 * The same as the download sends it (`JSON.stringify(…, null, 2)` of the
 * above, byte for byte), written while each part is read: only one part of a
 * long-time member's data is in memory at a time.
 */
export function personalDataFile(db: Db, viewer: SignedIn, parts: PersonalDataPart[] = personalDataParts, now = new Date()): AsyncGenerator<string> {
	const later = Object.fromEntries(parts.map((part) => [part.key, new Later(() => part.collect(db, viewer))]));
	return jsonText({ format: 'herstelplein-export', version: 1, exportedAt: now.toISOString(), parts: later });
}
