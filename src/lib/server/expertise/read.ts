import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { expertProfileFor, notAboutFor, profilesInScope, publicColumns, published, requirePoolCoordinator, type PublicProfile } from '../access/expertise.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { EXPERTISE_FORMS, EXPERTISE_REGIONS, EXPERTISE_THEMES, expertProfile, type ExpertiseForm, type ExpertiseRegion, type ExpertiseTheme } from './schema.ts';
import { matches, rank, wordsQuery } from './search.ts';

/*
 * Reading profiles: the public search (only published profiles, never
 * "hier praat ik niet over"), one profile page, and the pool coordinators'
 * overview, which adds "hier praat ik niet over" for the profiles in their
 * scope. Decisions: access/expertise.ts.
 */

export const PAGE_SIZE = 20;
/** Searches stop after this many pages: narrow the search instead. */
export const MAX_PAGES = 25;

export interface ExpertFilter {
	theme?: ExpertiseTheme;
	form?: ExpertiseForm;
	/** A province, or `online`. */
	region?: ExpertiseRegion | 'online';
	words?: string;
	page: number;
}

/** What the search form shows again. */
export interface ExpertQueryForm {
	thema: string;
	vorm: string;
	regio: string;
	zoek: string;
	pagina: number;
}

/** The search's choices from the address (a GET form, so every search is a link); anything unknown is ignored. */
export function readExpertQuery(params: URLSearchParams): { filter: ExpertFilter; form: ExpertQueryForm } {
	const theme = EXPERTISE_THEMES.find((t) => t === params.get('thema'));
	const form = EXPERTISE_FORMS.find((f) => f === params.get('vorm'));
	const regio = params.get('regio');
	const region = regio === 'online' ? 'online' : EXPERTISE_REGIONS.find((r) => r === regio);
	const words = (params.get('zoek') ?? '').slice(0, 200).trim();
	const page = Math.min(Math.max(Number.parseInt(params.get('pagina') ?? '1', 10) || 1, 1), MAX_PAGES);
	return {
		filter: { theme, form, region, words: words || undefined, page },
		form: { thema: theme ?? '', vorm: form ?? '', regio: region ?? '', zoek: words, pagina: page }
	};
}

export interface ExpertSummary {
	id: string;
	name: string;
	themes: ExpertiseTheme[];
	ownThemes: string;
	forms: ExpertiseForm[];
	regions: ExpertiseRegion[];
	online: boolean;
	/** The beginning of the introduction. */
	intro: string;
}

function conditions(filter: ExpertFilter): { where: SQL[]; query: SQL | null } {
	const where: SQL[] = [];
	if (filter.theme) where.push(sql`${expertProfile.themes} @> array[${filter.theme}]::text[]`);
	if (filter.form) where.push(sql`${expertProfile.forms} @> array[${filter.form}]::text[]`);
	if (filter.region === 'online') where.push(eq(expertProfile.online, true));
	else if (filter.region) where.push(sql`${expertProfile.regions} @> array[${filter.region}]::text[]`);
	const query = filter.words ? wordsQuery(filter.words) : null;
	if (query) where.push(matches(query));
	return { where, query };
}

const summaryColumns = {
	id: expertProfile.id,
	name: publicColumns.name,
	themes: expertProfile.themes,
	ownThemes: expertProfile.ownThemes,
	forms: expertProfile.forms,
	regions: expertProfile.regions,
	online: expertProfile.online,
	intro: sql<string>`left(${expertProfile.introduction}, 400)`
};

/** One page of profiles within `scope` that match the filter; `R` is the row of `columns`. */
async function page<R>(db: Db, scope: SQL, filter: ExpertFilter, columns: Record<string, unknown>): Promise<{ rows: R[]; more: boolean }> {
	const pageNo = Math.min(Math.max(filter.page, 1), MAX_PAGES);
	const { where, query } = conditions(filter);
	const rows = await db
		.select(columns as never)
		.from(expertProfile)
		.where(and(scope, ...where))
		.orderBy(...(query ? [desc(rank(query))] : []), desc(expertProfile.publishedAt), asc(expertProfile.id))
		.limit(PAGE_SIZE + 1)
		.offset((pageNo - 1) * PAGE_SIZE);
	return { rows: rows.slice(0, PAGE_SIZE) as never, more: rows.length > PAGE_SIZE && pageNo < MAX_PAGES };
}

const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, Math.max(text.lastIndexOf(' ', max), 1))} …` : text);

/** One page of published profiles: best match first when searching by words, newest first otherwise. */
export async function searchExperts(db: Db, filter: ExpertFilter): Promise<{ experts: ExpertSummary[]; more: boolean }> {
	const { rows, more } = await page<ExpertSummary>(db, published, filter, summaryColumns);
	return { experts: rows.map((r) => ({ ...r, intro: shorten(r.intro, 220) })), more };
}

export interface ExpertProfileView extends PublicProfile {
	isOwner: boolean;
	/** "Hier praat ik niet over": only for the expert and their pool coordinators, null for everyone else. */
	notAbout: string | null;
}

/** One profile as this viewer may see it; NotFound when unpublished (and not theirs) or unknown. */
export async function getExpertProfile(db: Db, viewer: Viewer, profileId: string): Promise<ExpertProfileView> {
	const access = await expertProfileFor(db, viewer, profileId);
	const notAbout = access.mayReadNotAbout ? await notAboutFor(db, viewer, profileId) : null;
	return { ...access.profile, isOwner: access.isOwner, notAbout };
}

export interface PoolExpert extends ExpertSummary {
	notAbout: string;
	availability: string;
}

/** The pool coordinators' overview: the published profiles in their scope, with "hier praat ik niet over". */
export async function poolOverview(db: Db, viewer: Viewer, filter: ExpertFilter): Promise<{ experts: PoolExpert[]; more: boolean; wide: boolean }> {
	const { scope } = await requirePoolCoordinator(db, viewer);
	const { rows, more } = await page<PoolExpert>(db, profilesInScope(scope), filter, { ...summaryColumns, notAbout: expertProfile.notAbout, availability: expertProfile.availability });
	return { experts: rows.map((r) => ({ ...r, intro: shorten(r.intro, 220) })), more, wide: scope.wide };
}
