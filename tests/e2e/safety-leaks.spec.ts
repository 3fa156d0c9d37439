import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { cachedRun, PERSONAS, safetyDatabases, startSafetyApp, type Persona, type PersonaKey, type World } from './safety-world.ts';

/*
 * Persona leak hunt (issue 20). A seeded world with a canary string in every
 * kind of private data; each persona crawls every page it can reach by links
 * (bounded), every page's `__data.json`, the feeds and exports, and URLs it
 * could guess (other initiatives' pages, other people's activities, made-up
 * and spent tokens). Each row of the canary table says, in plain words, who
 * may see that canary; a canary found where it must not be fails.
 *
 * A new capability adds its canaries: plant them in safety-world.ts (`plant`),
 * add a row here, and add the pages that show them to `guessedUrls` when no
 * link leads there.
 */

/** `sees`: must be found (proves the canary is planted and the crawl reaches it). `hidden`: must never be found. */
type Sight = 'sees' | 'hidden' | 'may' | { hidden: true; fixme: string };

interface CanaryRow {
	/** The key of the canary in `world.canary`. */
	key: string;
	/** What it is, in plain words. */
	what: string;
	/** Personas not named here must not see it. */
	who: Partial<Record<PersonaKey, Sight>>;
}


export const CANARIES: CanaryRow[] = [
	{ key: 'memberstitle', what: 'the title of a members-only activity', who: { member: 'sees', coordinator: 'sees', removedMember: 'hidden' } },
	{ key: 'membersdescription', what: 'the description of a members-only activity', who: { member: 'sees', coordinator: 'sees', removedMember: 'hidden' } },
	{ key: 'membersplace', what: 'the place of a members-only activity', who: { member: 'sees', coordinator: 'sees', removedMember: 'hidden' } },
	{ key: 'membersphotoalt', what: "the description of a members-only activity's photo", who: { member: 'sees', coordinator: 'sees', removedMember: 'hidden' } },
	{ key: 'networktitle', what: 'the title of an activity for the network', who: { member: 'sees', coordinator: 'sees', otherMember: 'sees', otherCoordinator: 'sees' } },
	{ key: 'networkdescription', what: 'the description of an activity for the network', who: { member: 'sees', coordinator: 'sees', otherMember: 'sees', otherCoordinator: 'sees' } },
	{ key: 'networkplace', what: 'the place of an activity for the network', who: { member: 'sees', coordinator: 'sees', otherMember: 'sees', otherCoordinator: 'sees' } },
	{ key: 'meetinglink', what: 'the meeting link of an online activity they did not sign up for', who: { member: 'sees', coordinator: 'sees' } },
	{ key: 'meetinglinknobody', what: 'the meeting link of an online activity nobody signed up for', who: { coordinator: 'sees' } },
	{ key: 'membername', what: 'the name of a member who did not choose to show it', who: { coordinator: 'sees', member: 'hidden' } },
	{ key: 'memberemail', what: "a member's e-mail address", who: {} },
	{ key: 'coordinatoremail', what: "a coordinator's e-mail address", who: { coordinator: 'may' } },
	{ key: 'guestname', what: 'the name of a guest who signed up', who: { coordinator: 'may' } },
	{ key: 'guestemail', what: "a guest's e-mail address", who: {} },
	{ key: 'guestrequestname', what: 'the name of a guest whose sign-up waits for confirmation', who: { coordinator: 'may' } },
	{ key: 'guestrequestemail', what: 'the e-mail address of a guest whose sign-up waits for confirmation', who: {} },
	{ key: 'guestconfirmtoken', what: "a guest's confirmation token", who: {} },
	{ key: 'pendingname', what: 'the name of an initiative that waits for approval', who: { admin: 'sees' } },
	{ key: 'pendingdescription', what: 'the description of an initiative that waits for approval', who: { admin: 'may' } },
	{ key: 'proposedtitle', what: "the title of a member's proposed activity that waits for a coordinator", who: { coordinator: 'sees' } },
	{ key: 'inviteemail', what: 'the e-mail address an invitation was sent to', who: { coordinator: 'sees' } },
	{ key: 'invitetoken', what: "an invitation's token", who: {} },
	{ key: 'contactname', what: 'the name of someone who wrote through the contact form', who: {} },
	{ key: 'contactemail', what: 'the e-mail address of someone who wrote through the contact form', who: {} },
	{ key: 'contactmessage', what: 'a message sent through the contact form', who: {} },
	{ key: 'feedtoken', what: "a member's private calendar feed token", who: { member: 'may' } },
	{ key: 'turnout', what: 'the turnout of a past date', who: { coordinator: 'sees' } },
	{ key: 'postinitiativetitle', what: 'the title of an offer for the members of one initiative', who: { member: 'sees', coordinator: 'sees' } },
	{ key: 'postinitiativebody', what: 'the text of an offer for the members of one initiative', who: { member: 'sees', coordinator: 'sees' } },
	{ key: 'postnetworktitle', what: 'the title of an offer for the whole network', who: { member: 'sees', coordinator: 'sees', otherMember: 'sees', otherCoordinator: 'sees' } },
	{ key: 'postnetworkbody', what: 'the text of an offer for the whole network', who: { member: 'sees', coordinator: 'sees', otherMember: 'sees', otherCoordinator: 'sees' } },
	{ key: 'messagetext', what: 'a message in a conversation between two members', who: { member: 'sees', otherMember: 'sees' } },
	{ key: 'reportwords', what: "a member's own words in a report about another member's post", who: { otherCoordinator: 'sees', member: 'may' } },
	{ key: 'dealplace', what: 'the place of an afspraak between two members', who: { member: 'sees', otherMember: 'sees' } },
	{ key: 'announcementtext', what: "a coordinator's message to all members of their initiative", who: { member: 'sees', coordinator: 'sees', removedMember: 'hidden' } },
	{ key: 'thankstext', what: 'a bedankje its giver did not show on their profile', who: { member: 'sees', otherMember: 'sees' } },
	{ key: 'profiletalents', what: "a member's profile (their name hidden in the member list)", who: { member: 'sees', coordinator: 'sees', otherMember: 'sees' } },
	{ key: 'storymemberstext', what: 'the text of a story for the members of one initiative', who: { member: 'sees', coordinator: 'sees' } },
	{
		key: 'storypublictext',
		what: 'the text of a public story (the proof that its page is crawled; its writer is the member whose name is hidden)',
		who: { anonymous: 'sees', member: 'sees', coordinator: 'sees', otherMember: 'sees', otherCoordinator: 'sees', admin: 'sees', removedMember: 'may' }
	},
	{ key: 'storylinktext', what: 'the text of a story only for who has its secret link', who: {} },
	{ key: 'notewaiting', what: 'a note of recognition that waits for the coordinators (the writer is not a persona)', who: { member: 'sees', coordinator: 'sees' } },
	{ key: 'notedelivered', what: 'a note of recognition the coordinator passed on to the writer: no longer theirs to read', who: { member: 'sees' } },
	{ key: 'handoverperson', what: 'the name of a person passed on to an initiative (warme overdracht)', who: { coordinator: 'sees' } },
	{ key: 'handoverwords', what: 'what a person passed on is looking for, in their own words', who: { coordinator: 'sees' } },
	{ key: 'handoverreferrer', what: 'the name of the professional who passed someone on', who: { coordinator: 'sees' } },
	{ key: 'handovertoken', what: "the secret link of a handover (only in the professional's mail)", who: {} },
	{ key: 'handoverwaitingperson', what: 'the name of a person in a handover not yet confirmed by mail', who: {} },
	{ key: 'handoverwaitingwords', what: 'the words of a handover not yet confirmed by mail', who: {} },
	{ key: 'handoverwaitingreferrer', what: 'the professional of a handover not yet confirmed by mail', who: {} },
	{
		key: 'expertpublishedintro',
		what: 'the introduction of a published expert profile (the proof that the pool is crawled; under a pseudonym, by the member whose name is hidden)',
		who: { anonymous: 'sees', member: 'sees', coordinator: 'sees', otherMember: 'sees', otherCoordinator: 'sees', admin: 'sees', removedMember: 'sees' }
	},
	{ key: 'expertnotabout', what: '"hier praat ik niet over" of a published expert profile (the coordinator is the pool coordinator)', who: { coordinator: 'sees' } },
	{ key: 'expertdraftintro', what: "an unpublished expert profile (the member's own)", who: { member: 'sees' } },
	{ key: 'impactnote', what: "a member's 'wat is er voor mij veranderd' note (their own page; the coordinators' figures)", who: { member: 'may', coordinator: 'may' } },
	{ key: 'spaceblockname', what: "the name of a block in the member's herstelruimte", who: { member: 'sees' } },
	{ key: 'spaceblocktext', what: "the text of a block in the member's herstelruimte", who: { member: 'sees' } },
	{ key: 'spacesharedtext', what: "the member's crisis plan, shared with Otto (a member of another initiative, in a conversation with him)", who: { member: 'sees', otherMember: 'sees' } },
	{ key: 'spacecrisiscall', what: "a practical part of the member's shared crisis plan", who: { member: 'sees', otherMember: 'sees' } },
	{ key: 'spacejournal', what: "an entry in the member's dagboek", who: { member: 'sees' } },
	{ key: 'spacereflection', what: "the member's reflection in their own words", who: { member: 'sees' } },
	{ key: 'spacedimension', what: "a dimension of the member's own web", who: { member: 'sees' } },
	{ key: 'poolrequestorg', what: 'the organisation of a request to the expertise pool (the coordinator is the pool coordinator)', who: { coordinator: 'sees' } },
	{ key: 'poolrequestcontact', what: "the contact person of an organisation's request to the pool", who: { coordinator: 'sees' } },
	{ key: 'poolrequestgoal', what: "the goal of an organisation's request to the pool", who: { coordinator: 'sees' } },
	{ key: 'poolrequestthread', what: "a question in a request's thread", who: { coordinator: 'sees' } },
	{ key: 'poolrequesttoken', what: "the secret link of a request to the pool (only in the organisation's mail)", who: {} },
	{ key: 'poolwaitingorg', what: 'the organisation of a request to the pool not yet confirmed by mail', who: {} },
	{ key: 'poolwaitinggoal', what: 'the goal of a request to the pool not yet confirmed by mail', who: {} },
	{ key: 'poolwaitingcontact', what: 'the contact person of a request to the pool not yet confirmed by mail', who: {} },
	{ key: 'groupmessagetext', what: 'a message in a small group conversation of the member, the coordinator and Ruud', who: { member: 'sees', coordinator: 'sees', removedMember: 'hidden' } },
];

/** Does this text contain the canary? The turnout is a number: only as a number of its own. */
function contains(text: string, key: string, canary: string): boolean {
	if (key === 'turnout') return /(?<![\w.-])7\.?919(?![\w-])/.test(text);
	return text.toLowerCase().includes(canary.toLowerCase());
}

const sightOf = (row: CanaryRow, persona: PersonaKey): Sight => row.who[persona] ?? 'hidden';

/**
 * The only pages that send a script to the browser (everything else renders
 * on the server, `csr = false`): the map, the story writing pages (autosave),
 * and the pages with a copy button (the initiative, an activity, invite links,
 * the calendar link). The journeys of those scripts run with JavaScript
 * (start.spec, stories.spec, directory.spec); other journeys run once
 * (JOURNEY_SCRIPTING in fixtures.ts). A page that starts sending a script
 * fails the test below until it is listed here and a journey runs its script.
 */
const SCRIPTED_PAGES = [
	/^\/initiatieven\/kaart$/,
	/^\/verhalen\/schrijven$/,
	/^\/verhalen\/[^/]+\/aanpassen$/,
	/^\/initiatieven\/[^/]+$/,
	/^\/initiatieven\/[^/]+\/activiteiten\/[^/]+$/,
	/^\/initiatieven\/[^/]+\/uitnodigen$/,
	/^\/account\/agenda$/
];

/** A script the browser runs; JSON-LD is data, not a script. */
const RUNS_SCRIPT = /<script\b(?![^>]*application\/ld\+json)/i;

/** Bounds: pages per persona, and addresses with the same path but other query strings. */
const MAX_PAGES = 300;
const MAX_VARIANTS = 3;
const PARALLEL = 4;

interface CrawlResult {
	/** Per persona: each canary key with the first few URLs it was found at. */
	found: Record<string, Record<string, string[]>>;
	/** Per persona: URLs answered with a 5xx. */
	errors: Record<string, string[]>;
	/** Per persona: how many requests were made. */
	requests: Record<string, number>;
	/** Per persona: the paths of pages that sent a script. */
	scripted: Record<string, string[]>;
}

/** Addresses nobody links to but anyone can type: other initiatives' pages, other people's activities, feeds, exports, tokens. */
function guessedUrls(world: World, persona: Persona): string[] {
	const { a, b, pending } = world.initiatives;
	const urls = [
		'/',
		'/hulp',
		'/account',
		'/account/aanmeldingen',
		'/account/agenda',
		'/account/meldingen',
		'/account/e-mail',
		'/account/wachtwoord',
		'/account/verwijderen',
		'/account/export',
		'/activiteiten',
		'/activiteiten?wanneer=maand',
		'/activiteiten.ics',
		'/initiatieven',
		'/initiatieven.json',
		'/initiatieven/kaart',
		'/initiatieven/nieuw',
		'/beheer',
		'/beheer/initiatieven.csv',
		'/verhalen',
		'/verhalen.atom',
		'/verhalen/mijn',
		'/verhalen/redactie',
		'/expertisepool',
		'/expertisepool/coordinatie',
		'/account/expertise',
		'/beheer/poolcoordinatoren',
		...world.experts.map((id) => `/expertisepool/${id}`),
		...world.posts.map((id) => `/vraag-en-aanbod/${id}`),
		...world.announcements.map((id) => `/berichten/groep/${id}`),
		'/mijn-herstelruimte',
		'/mijn-herstelruimte/dagboek',
		'/mijn-herstelruimte/reflecties',
		'/mijn-herstelruimte/delen',
		'/mijn-herstelruimte/meenemen/afdrukken',
		...world.space.blocks.flatMap((id) => [`/mijn-herstelruimte/blok/${id}`, `/mijn-herstelruimte/blok/${id}/afdrukken`]),
		`/herstelruimte/gedeeld/${world.space.share}`
	];
	const sub = ['', '/activiteiten', '/activiteiten.ics', '/leden', '/uitnodigen', '/profiel', '/contact', '/activiteiten/opkomst', '/activiteiten/instellingen', '/activiteiten/importeren', '/activiteiten/importeren/voorbeeld.csv', '/activiteiten/nieuw'];
	for (const slug of [a, b, pending]) for (const s of sub) urls.push(`/initiatieven/${slug}${s}`);
	// The queue that holds the report (the other initiative's), guessed by everyone.
	urls.push(`/initiatieven/${b}/meldingen`);
	// The handover to initiative a, under its own and the other initiative's address.
	urls.push(`/initiatieven/${a}/doorverwijzingen`, `/initiatieven/${a}/doorverwijzingen/${world.handover}`, `/initiatieven/${b}/doorverwijzingen/${world.handover}`);
	urls.push(`/expertisepool/coordinatie/aanvragen/${world.poolRequest}`, `/account/expertise/aanvragen/${world.poolRequest}`);
	for (const [slug, other, ids] of [[a, b, world.activities.a], [b, a, world.activities.b]] as const) {
		for (const id of ids) {
			urls.push(`/initiatieven/${slug}/activiteiten/${id}`, `/initiatieven/${slug}/activiteiten/${id}/bewerken`, `/initiatieven/${slug}/activiteiten/${id}.ics`);
			// The same activity under another initiative's address.
			urls.push(`/initiatieven/${other}/activiteiten/${id}`, `/initiatieven/${other}/activiteiten/${id}.ics`);
		}
	}
	const madeUp = randomBytes(32).toString('base64url');
	urls.push(`/agenda/${madeUp}.ics`, `/uitnodiging/${madeUp}`, `/gast/bevestigen?token=${madeUp}`, `/gast/afmelden?token=${madeUp}`, `/inloggen/link?token=${madeUp}`);
	urls.push(`/uitnodiging/${world.spentTokens.invite}`, `/gast/bevestigen?token=${world.spentTokens.guestConfirm}`, `/gast/bevestigen?token=${world.spentTokens.guestExpired}`);
	// Someone else's feed token with one letter changed must not open their feed.
	const other = world.canary.feedtoken;
	urls.push(`/agenda/${other.slice(0, -1)}${other.endsWith('A') ? 'B' : 'A'}.ics`);
	if (persona.feedToken) urls.push(`/agenda/${persona.feedToken}.ics`);
	// Profiles: the own ones, and one whose owner hides their name in the member list (member ids: userIds[2], [3]).
	urls.push('/account/profiel', '/account/geven-en-ontvangen', ...world.userIds.slice(2, 4).map((id) => `/leden/${id}`));
	urls.push(`/en/initiatieven/${a}/activiteiten`, `/en/account/aanmeldingen`);
	return urls;
}

/** The address of a page's data, as SvelteKit's client asks for it. */
function dataUrl(url: URL): string {
	const pathname = url.pathname.endsWith('/') ? `${url.pathname}__data.json` : `${url.pathname}/__data.json`;
	return `${pathname}${url.search}`;
}

/** Links on a page to other pages of this site. */
function linksIn(html: string, base: URL): string[] {
	const out: string[] = [];
	for (const match of html.matchAll(/\shref="([^"]+)"/g)) {
		const href = match[1].replaceAll('&amp;', '&');
		if (/^(mailto|tel|javascript):/i.test(href) || href.startsWith('#')) continue;
		let url: URL;
		try {
			url = new URL(href, base);
		} catch {
			continue;
		}
		if (url.origin !== base.origin || url.pathname.startsWith('/_app/') || /\.(png|jpe?g|webp|svg|ico|css|js|webmanifest)$/.test(url.pathname)) continue;
		if (url.pathname.includes('/fotos/')) continue;
		out.push(url.pathname + url.search);
	}
	return out;
}

/** ICS folds long lines; unfold them so a canary split over two lines is still found. */
const unfold = (text: string) => text.replace(/\r?\n[ \t]/g, '');

async function crawlAs(baseURL: string, world: World, persona: Persona): Promise<{ found: Record<string, string[]>; errors: string[]; requests: number; scripted: string[] }> {
	const base = new URL(baseURL);
	const found: Record<string, string[]> = {};
	const errors: string[] = [];
	const scripted = new Set<string>();
	const seen = new Set<string>();
	const variants = new Map<string, number>();
	const queue: string[] = [];
	let pages = 0;
	let requests = 0;
	const enqueue = (u: string) => {
		if (seen.has(u)) return;
		const url = new URL(u, base);
		const key = url.pathname.replace(/^\/en(?=\/|$)/, '') || '/';
		const n = variants.get(key) ?? 0;
		if (n >= MAX_VARIANTS) return;
		variants.set(key, n + 1);
		seen.add(u);
		queue.push(u);
	};
	const headers: Record<string, string> = { accept: 'text/html,application/json,text/calendar,*/*' };
	if (persona.cookie) headers.cookie = persona.cookie;
	const check = (url: string, text: string) => {
		for (const [key, canary] of Object.entries(world.canary)) {
			if (contains(text, key, canary)) (found[key] ??= []).length < 5 && found[key].push(url);
		}
	};
	const get = async (url: string) => {
		requests++;
		const response = await fetch(new URL(url, base), { headers, redirect: 'manual' });
		const text = await response.text();
		if (response.status >= 500) errors.push(`${response.status} ${url}`);
		// A redirect's target is followed like a link (e.g. a page that sends you on to sign in).
		const location = response.headers.get('location');
		if (location) enqueue(new URL(location, new URL(url, base)).pathname + new URL(location, new URL(url, base)).search);
		return { response, text: (response.headers.get('content-type') ?? '').includes('calendar') ? unfold(text) : text };
	};
	for (const u of guessedUrls(world, persona)) enqueue(u);
	const worker = async () => {
		while (queue.length && pages < MAX_PAGES) {
			const url = queue.shift()!;
			pages++;
			const { response, text } = await get(url);
			check(url, text);
			if (response.status === 200 && (response.headers.get('content-type') ?? '').includes('text/html')) {
				if (RUNS_SCRIPT.test(text)) scripted.add(new URL(url, base).pathname.replace(/^\/en(?=\/|$)/, '') || '/');
				const data = dataUrl(new URL(url, base));
				check(data, (await get(data)).text);
				for (const link of linksIn(text, new URL(url, base))) enqueue(link);
			}
		}
	};
	await Promise.all(Array.from({ length: PARALLEL }, worker));
	return { found, errors, requests, scripted: [...scripted].sort() };
}

/** Seed, start, and crawl as every persona. */
async function crawl(database: 'pglite' | 'postgres'): Promise<{ world: World; result: CrawlResult }> {
	const safety = await startSafetyApp(database);
	try {
		const result: CrawlResult = { found: {}, errors: {}, requests: {}, scripted: {} };
		for (const persona of safety.world.personas) {
			const r = await crawlAs(safety.app.baseURL, safety.world, persona);
			result.found[persona.key] = r.found;
			result.errors[persona.key] = r.errors;
			result.requests[persona.key] = r.requests;
			result.scripted[persona.key] = r.scripted;
		}
		return { world: safety.world, result };
	} finally {
		await safety.stop();
	}
}

for (const database of safetyDatabases) {
	test.describe(`persona leak hunt (${database.name})`, () => {
		test.skip(database.skip, 'DATABASE_URL is not set');
		let crawled: { world: World; result: CrawlResult };
		test.beforeAll(async () => {
			test.setTimeout(240_000);
			crawled = await cachedRun(`leaks-${database.name}`, () => crawl(database.name));
			const total = Object.values(crawled.result.requests).reduce((s, n) => s + n, 0);
			console.log(`leak hunt on ${database.name}: ${total} requests`, crawled.result.requests);
		});

		test('only the listed pages send a script (their journeys also run with JavaScript)', () => {
			const all = [...new Set(Object.values(crawled.result.scripted).flat())];
			expect(all.filter((path) => !SCRIPTED_PAGES.some((page) => page.test(path)))).toEqual([]);
			// The map and an initiative's page are among them: the check sees scripts at all.
			expect(all).toContain('/initiatieven/kaart');
			expect(all.some((path) => /^\/initiatieven\/[^/]+$/.test(path) && path !== '/initiatieven/kaart')).toBe(true);
		});

		for (const persona of PERSONAS) {
			test(`${persona.label}: no page, feed or export answers with a server error`, () => {
				expect(crawled.result.errors[persona.key]).toEqual([]);
			});
			for (const row of CANARIES) {
				const sight = sightOf(row, persona.key);
				if (sight === 'may') continue;
				const sees = sight === 'sees';
				const title = `${persona.label} ${sees ? 'sees' : 'does not see'} ${row.what}`;
				const body = () => {
					const at = crawled.result.found[persona.key][row.key] ?? [];
					if (sees) expect(at.length, `${title}: the crawl never found it`).toBeGreaterThan(0);
					else expect(at, `${title}, but it was found at`).toEqual([]);
				};
				if (typeof sight === 'object') test.fixme(`${title} (${sight.fixme})`, body);
				else test(title, body);
			}
		}
	});
}
