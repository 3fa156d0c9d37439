import { and, asc, eq, gte, inArray } from 'drizzle-orm';
import { NotFound, type Role } from '../access/core.ts';
import { initiativeFor, requireCoordinator } from '../access/initiatives.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { log } from '../log/index.ts';
import { localMoment, loadSchedules, type Schedule } from './hours.ts';
import type { ClosureInput, ProfileInput } from './profile-forms.ts';
import { closure, initiative, initiativePhoto, openingHours } from './schema.ts';
import type { Initiative } from './service.ts';

/**
 * An initiative's public profile (who they are, what they offer, walk-in
 * hours, address, photos) and how its coordinators keep it up to date.
 */

export interface PhotoSummary {
	id: string;
	alt: string;
	width: number;
	height: number;
}

export interface Profile {
	initiative: Initiative;
	role: Role | null;
	schedule: Schedule;
	photos: PhotoSummary[];
}

/** What the page of an initiative shows this viewer; NotFound when it is hidden from them. */
export async function profileFor(db: Db, viewer: Viewer, by: { slug: string } | { id: string }, now = new Date()): Promise<Profile> {
	const { initiative: found, role } = await initiativeFor(db, viewer, by);
	return withDetails(db, found, role, now);
}

/** The profile for its coordinators to edit (with ids of closures); NotFound for anyone else. */
export async function profileForEditing(db: Db, viewer: Viewer, by: { slug: string } | { id: string }, now = new Date()) {
	const { initiative: found, role } = await requireCoordinator(db, viewer, by);
	const profile = await withDetails(db, found, role, now);
	const closures = await db
		.select({ id: closure.id, startsOn: closure.startsOn, endsOn: closure.endsOn, note: closure.note })
		.from(closure)
		.where(and(eq(closure.initiativeId, found.id), gte(closure.endsOn, localMoment(now).date)))
		.orderBy(asc(closure.startsOn), asc(closure.id));
	return { ...profile, closures };
}

async function withDetails(db: Db, found: Initiative, role: Role | null, now: Date): Promise<Profile> {
	const [schedules, photos] = await Promise.all([
		loadSchedules(db, [found.id], localMoment(now).date),
		listPhotos(db, found.id)
	]);
	return { initiative: found, role, schedule: schedules.get(found.id)!, photos };
}

/** Photos of an initiative, oldest first (the first is the main photo). Without their bytes. */
export function listPhotos(db: Db, initiativeId: string): Promise<PhotoSummary[]> {
	return db
		.select({ id: initiativePhoto.id, alt: initiativePhoto.alt, width: initiativePhoto.width, height: initiativePhoto.height })
		.from(initiativePhoto)
		.where(eq(initiativePhoto.initiativeId, initiativeId))
		.orderBy(asc(initiativePhoto.createdAt), asc(initiativePhoto.id));
}

/**
 * The main (first) photo of each of these initiatives, in one query for a
 * whole list. Only for initiatives the caller may show: the photo's own
 * address checks again.
 */
export async function mainPhotos(db: Db, initiativeIds: string[]): Promise<Map<string, PhotoSummary>> {
	if (!initiativeIds.length) return new Map();
	const rows = await db
		.selectDistinctOn([initiativePhoto.initiativeId], {
			initiativeId: initiativePhoto.initiativeId,
			id: initiativePhoto.id,
			alt: initiativePhoto.alt,
			width: initiativePhoto.width,
			height: initiativePhoto.height
		})
		.from(initiativePhoto)
		.where(inArray(initiativePhoto.initiativeId, [...new Set(initiativeIds)]))
		.orderBy(asc(initiativePhoto.initiativeId), asc(initiativePhoto.createdAt), asc(initiativePhoto.id));
	return new Map(rows.map(({ initiativeId, ...photo }) => [initiativeId, photo]));
}

/** Where a photo of an initiative is served (routes/initiatieven/[slug]/fotos/[id]). */
export const initiativePhotoPath = (slug: string, photoId: string) => `/initiatieven/${slug}/fotos/${photoId}`;

/** A coordinator saves the profile and the weekly walk-in hours, together, in one transaction. */
export async function updateProfile(db: Db, viewer: Viewer, initiativeId: string, input: ProfileInput): Promise<void> {
	await requireCoordinator(db, viewer, { id: initiativeId });
	const { hours, ...fields } = input;
	await db.transaction(async (tx) => {
		await tx
			.update(initiative)
			.set({ ...fields, updatedAt: new Date() })
			.where(eq(initiative.id, initiativeId));
		await tx.delete(openingHours).where(eq(openingHours.initiativeId, initiativeId));
		if (hours.length) await tx.insert(openingHours).values(hours.map((h) => ({ ...h, initiativeId })));
	});
	log.info({ initiative: initiativeId, by: viewer!.userId }, 'initiative profile updated');
}

/** A coordinator adds a closure (e.g. summer holidays) that the public page shows. */
export async function addClosure(db: Db, viewer: Viewer, initiativeId: string, input: ClosureInput): Promise<void> {
	await requireCoordinator(db, viewer, { id: initiativeId });
	await db.transaction(async (tx) => {
		await tx.insert(closure).values({ initiativeId, ...input });
		await tx.update(initiative).set({ updatedAt: new Date() }).where(eq(initiative.id, initiativeId));
	});
}

/** A coordinator removes a closure of their own initiative; anyone else's is "not found". */
export async function removeClosure(db: Db, viewer: Viewer, initiativeId: string, closureId: string): Promise<void> {
	await requireCoordinator(db, viewer, { id: initiativeId });
	await db.transaction(async (tx) => {
		const rows = await tx
			.delete(closure)
			.where(and(eq(closure.id, closureId), eq(closure.initiativeId, initiativeId)))
			.returning({ id: closure.id });
		if (!rows.length) throw new NotFound();
		await tx.update(initiative).set({ updatedAt: new Date() }).where(eq(initiative.id, initiativeId));
	});
}
