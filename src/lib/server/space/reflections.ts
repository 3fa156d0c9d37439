import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { ownReflection, spaceOwner } from '../access/space.ts';
import type { Viewer } from '../accounts/viewer.ts';
import { openJson, sealJson } from './crypto.ts';
import { dataKey, existingDataKey, type SpaceStore } from './keys.ts';
import { spaceReflection, spaceWeb } from './schema.ts';

/*
 * Reflecting without scores: now and then, in the person's own words, how it
 * goes; optionally with a personal web on dimensions they pick. It is theirs
 * alone: never compared with anyone, never summed up, never in any list or
 * report but their own page and their own export. The dimension names are
 * sealed with the points, so a moment keeps its own words when the person
 * later picks other dimensions.
 */

/** Where the web's dimensions came from: Positieve Gezondheid's six, CHIME's five (labels/space.ts), or the person's own words. */
export type DimensionSet = 'health' | 'chime' | 'own';

export const DIMENSIONS_MAX = 10;
export const DIMENSION_NAME_MAX = 40;
export const REFLECTION_TEXT_MAX = 5_000;
/** The points on a web go from 0 (the centre) to this. */
export const WEB_TOP = 10;
export const REFLECTIONS_PER_PAGE = 10;
/** Moments with a web to choose from for the chart, newest first. */
export const WEB_MOMENTS_MAX = 12;
/** Moments drawn over each other when the person chose none. */
export const WEB_MOMENTS_SHOWN = 3;

export interface Web {
	set: DimensionSet;
	dimensions: string[];
}

export interface WebPoint {
	name: string;
	value: number;
}

export interface Reflection {
	id: string;
	day: string;
	text: string;
	points: WebPoint[];
	createdAt: Date;
}

const reflectionContext = (ownerId: string, id: string) => `space-reflection:${ownerId}:${id}`;
const webContext = (ownerId: string) => `space-web:${ownerId}`;

/** The dimensions the viewer chose, or undefined when they have no web (yet). */
export async function getWeb(store: SpaceStore, viewer: Viewer): Promise<Web | undefined> {
	const owner = spaceOwner(viewer);
	const key = await existingDataKey(store, owner.userId);
	if (!key) return undefined;
	const [row] = await store.db.select().from(spaceWeb).where(eq(spaceWeb.userId, owner.userId));
	return row ? openJson<Web>(key, row.sealed, webContext(owner.userId)) : undefined;
}

/** Choose the web's dimensions (names already in the person's words or language); choosing none removes the web. */
export async function setWeb(store: SpaceStore, viewer: Viewer, web: Web): Promise<void> {
	const owner = spaceOwner(viewer);
	if (!web.dimensions.length) {
		await store.db.delete(spaceWeb).where(eq(spaceWeb.userId, owner.userId));
		return;
	}
	const key = await dataKey(store, owner.userId);
	const sealed = sealJson(key, web, webContext(owner.userId));
	await store.db
		.insert(spaceWeb)
		.values({ userId: owner.userId, sealed })
		.onConflictDoUpdate({ target: spaceWeb.userId, set: { sealed, updatedAt: new Date() } });
}

/** Write a reflection: words, points on the web, or both. */
export async function addReflection(store: SpaceStore, viewer: Viewer, input: { day: string; text: string; points: WebPoint[] }): Promise<string> {
	const owner = spaceOwner(viewer);
	const key = await dataKey(store, owner.userId);
	const id = randomUUID();
	const content = { text: input.text, points: input.points };
	await store.db.insert(spaceReflection).values({ id, ownerId: owner.userId, day: input.day, sealed: sealJson(key, content, reflectionContext(owner.userId, id)) });
	return id;
}

function openReflection(key: Buffer, row: typeof spaceReflection.$inferSelect): Reflection {
	const content = openJson<{ text: string; points: WebPoint[] }>(key, row.sealed, reflectionContext(row.ownerId, row.id));
	return { id: row.id, day: row.day, createdAt: row.createdAt, text: content.text, points: content.points };
}

async function reflectionRows(store: SpaceStore, ownerId: string, limit?: number, offset = 0) {
	const query = store.db
		.select()
		.from(spaceReflection)
		.where(eq(spaceReflection.ownerId, ownerId))
		.orderBy(desc(spaceReflection.day), desc(spaceReflection.createdAt), desc(spaceReflection.id))
		.offset(offset);
	return limit === undefined ? query : query.limit(limit);
}

/** A page of the viewer's reflections, newest first; `more` when an older page exists. */
export async function listReflections(store: SpaceStore, viewer: Viewer, page = 1): Promise<{ reflections: Reflection[]; more: boolean }> {
	const owner = spaceOwner(viewer);
	const key = await existingDataKey(store, owner.userId);
	if (!key) return { reflections: [], more: false };
	const rows = await reflectionRows(store, owner.userId, REFLECTIONS_PER_PAGE + 1, (page - 1) * REFLECTIONS_PER_PAGE);
	return { reflections: rows.slice(0, REFLECTIONS_PER_PAGE).map((row) => openReflection(key, row)), more: rows.length > REFLECTIONS_PER_PAGE };
}

/**
 * The latest moments with points on the web, newest first, to draw over each
 * other. Looks at a bounded number of recent reflections only.
 */
export async function webMoments(store: SpaceStore, viewer: Viewer): Promise<Reflection[]> {
	const owner = spaceOwner(viewer);
	const key = await existingDataKey(store, owner.userId);
	if (!key) return [];
	const rows = await reflectionRows(store, owner.userId, WEB_MOMENTS_MAX * 4);
	return rows
		.map((row) => openReflection(key, row))
		.filter((r) => r.points.length > 0)
		.slice(0, WEB_MOMENTS_MAX);
}

/** Remove one reflection. */
export async function removeReflection(store: SpaceStore, viewer: Viewer, reflectionId: string): Promise<void> {
	const row = await ownReflection(store.db, viewer, reflectionId);
	await store.db.delete(spaceReflection).where(and(eq(spaceReflection.id, row.id), eq(spaceReflection.ownerId, row.ownerId)));
}

/** Every reflection of a person, newest first, for their own export only. */
export async function allReflections(store: SpaceStore, ownerId: string): Promise<Reflection[]> {
	const key = await existingDataKey(store, ownerId);
	if (!key) return [];
	return (await reflectionRows(store, ownerId)).map((row) => openReflection(key, row));
}
