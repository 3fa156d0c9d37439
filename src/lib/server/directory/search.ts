import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { loadSchedules, localMoment, openNow, openToday, walkInToday, type Schedule } from '../initiatives/hours.ts';
import { walkInText } from '../initiatives/profile-view.ts';
import { initiativePhotoPath, mainPhotos } from '../initiatives/profile.ts';
import type { Locale } from '../../paraglide/runtime.js';
import { initiative, openingHours, type Accessibility, type Theme } from '../initiatives/schema.ts';
import { locate, type Geocoder, type Location } from './locate.ts';
import { distanceFrom, nearConditions } from './near.ts';
import type { DirectoryQuery } from './query.ts';

/**
 * The public directory (de wegwijzer): published initiatives near a place,
 * filtered by what they offer, how accessible they are and whether they are
 * open. One call serves the list and the map, so both always show the same.
 */

export const PAGE_SIZE = 20;
/** With the "open" filter, at most this many nearby candidates are checked (far more than exist). */
const OPEN_CANDIDATES = 2000;

export interface DirectoryItem {
	id: string;
	slug: string;
	name: string;
	town: string;
	/** The start of the initiative's own description, shortened for the list. */
	summary: string;
	themes: Theme[];
	accessibility: Accessibility[];
	latitude: number | null;
	longitude: number | null;
	/** Kilometres from the searched place; null without a place. */
	distanceKm: number | null;
	/** Today's walk-in in the same words as the initiative's page; null when it has no walk-in today at all. */
	walkIn: { open: boolean; text: string } | null;
	/** The initiative's main photo, for the card; null without one. */
	photo: { src: string; alt: string; width: number; height: number } | null;
}

export interface DirectoryResult {
	location: Location;
	items: DirectoryItem[];
	page: number;
	hasNext: boolean;
}

export interface SearchOptions {
	/** "Now", for open now/today; tests pass a fixed moment. */
	at?: Date;
	geocoder?: Geocoder;
	pageSize?: number;
	locale?: Locale;
}

/** Search the directory. Only published initiatives are ever returned. */
export async function searchDirectory(db: Db, query: DirectoryQuery, options: SearchOptions = {}): Promise<DirectoryResult> {
	const at = options.at ?? new Date();
	const pageSize = options.pageSize ?? PAGE_SIZE;
	const location = await locate(query.place, options.geocoder);
	if (location.kind === 'postcode' || location.kind === 'unknown') return { location, items: [], page: query.page, hasNext: false };

	const centre = location.kind === 'found' ? location : undefined;
	const distance = centre ? distanceFrom(centre) : sql<null>`null::float8`;

	const conditions: SQL[] = [eq(initiative.status, 'published')];
	// Only initiatives with a known place can be near one.
	if (centre) conditions.push(...nearConditions(centre, query.distance));
	if (query.themes.length) conditions.push(sql`${initiative.themes} && ${textArray(query.themes)}`);
	if (query.accessibility.length) conditions.push(sql`${initiative.accessibility} @> ${textArray(query.accessibility)}`);
	if (query.open) {
		// A cheap first sieve: some walk-in hours on today's weekday. Whether it is really
		// open (closures, holidays, the time) is decided below, by hours.ts alone.
		conditions.push(
			sql`exists (select 1 from ${openingHours} where ${openingHours.initiativeId} = ${initiative.id} and ${openingHours.weekday} = ${localMoment(at).weekday})`
		);
	}

	const order = centre ? [sql`${distance}`, asc(initiative.name), asc(initiative.id)] : [asc(initiative.name), asc(initiative.id)];
	const columns = {
		id: initiative.id,
		slug: initiative.slug,
		name: initiative.name,
		town: initiative.town,
		description: sql<string>`left(${initiative.description}, 400)`,
		themes: initiative.themes,
		accessibility: initiative.accessibility,
		latitude: initiative.latitude,
		longitude: initiative.longitude,
		distanceKm: distance
	};
	const offset = (query.page - 1) * pageSize;

	let rows: Row[];
	let schedules: Map<string, Schedule>;
	let hasNext: boolean;
	if (query.open) {
		const candidates: Row[] = await db
			.select(columns)
			.from(initiative)
			.where(and(...conditions))
			.orderBy(...order)
			.limit(OPEN_CANDIDATES);
		schedules = await loadSchedules(db, candidates.map((c) => c.id), localMoment(at).date);
		const open = candidates.filter((c) => isOpen(schedules.get(c.id), query.open!, at));
		rows = open.slice(offset, offset + pageSize);
		hasNext = open.length > offset + pageSize;
	} else {
		// One extra row tells whether there is a next page.
		const found: Row[] = await db
			.select(columns)
			.from(initiative)
			.where(and(...conditions))
			.orderBy(...order)
			.limit(pageSize + 1)
			.offset(offset);
		rows = found.slice(0, pageSize);
		hasNext = found.length > pageSize;
		schedules = await loadSchedules(db, rows.map((r) => r.id), localMoment(at).date);
	}
	// The page's main photos in one query, whatever the page size.
	const photos = await mainPhotos(db, rows.map((r) => r.id));

	const items = rows.map(({ description, distanceKm, ...row }): DirectoryItem => {
		const schedule = schedules.get(row.id);
		return {
			...row,
			summary: summarise(description),
			distanceKm: distanceKm === null ? null : Number(distanceKm),
			walkIn: schedule ? walkIn(schedule, at, options.locale ?? 'nl') : null,
			photo: photoOf(row.slug, photos.get(row.id))
		};
	});
	return { location, items, page: query.page, hasNext };
}

interface Row {
	id: string;
	slug: string;
	name: string;
	town: string;
	description: string;
	themes: Theme[];
	accessibility: Accessibility[];
	latitude: number | null;
	longitude: number | null;
	distanceKm: number | null;
}

function photoOf(slug: string, photo: { id: string; alt: string; width: number; height: number } | undefined): DirectoryItem['photo'] {
	return photo ? { src: initiativePhotoPath(slug, photo.id), alt: photo.alt, width: photo.width, height: photo.height } : null;
}

function walkIn(schedule: Schedule, at: Date, locale: Locale): DirectoryItem['walkIn'] {
	const status = walkInToday(schedule, at, locale);
	// A list stays calm: a day without walk-in needs no line in every card.
	if (status.kind === 'closed-today') return null;
	return { open: status.kind === 'open', text: walkInText(status, localMoment(at).date, locale) };
}

function isOpen(schedule: Schedule | undefined, open: 'nu' | 'vandaag', at: Date): boolean {
	if (!schedule) return false;
	return open === 'nu' ? openNow(schedule, at).open : openToday(schedule, at);
}

function textArray(values: readonly string[]): SQL {
	return sql`array[${sql.join(
		values.map((v) => sql`${v}`),
		sql`, `
	)}]::text[]`;
}

/** The first paragraph, cut at a word near 180 characters. */
export function summarise(description: string, max = 180): string {
	const first = description.trim().split(/\n\s*\n/)[0].replace(/\s+/g, ' ');
	if (first.length <= max) return first;
	const cut = first.slice(0, max);
	const space = cut.lastIndexOf(' ');
	return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, '')}…`;
}
