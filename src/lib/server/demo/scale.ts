/**
 * National-scale demo data for the benchmark (`npm run bench`): the demo
 * generator's idea (realistic Dutch data, deterministic from a seed) at the
 * size of the whole network. Rows go in with multi-row inserts inside one
 * transaction; only the few bench logins get a password (one argon2 hash
 * shared by all of them), everybody else is a user row without credentials.
 *
 * Scale 1 means: 400 initiatives (begun two to three years ago), 40,000
 * people, 50,000 one-off activities and 1,600 series (about 100,000 dates in
 * all) from a month ago on, a year's history of 50,000 one-off activities
 * before that with turnout for most dates held, about 200,000 sign-ups,
 * vraag & aanbod (`scale-exchange.ts`): 20,000 offers and requests,
 * 100,000 conversations and 500,000 messages, and 20,000 ervaringsverhalen
 * (`scale-stories.ts`), 2,000 expert profiles and 20,000 requests to the
 * pool (`scale-expertise.ts`), and,
 * given the space key, a full herstelruimte with 500 journal entries for the
 * bench login and four racers.
 */
import { hash } from '@node-rs/argon2';
import { account, user } from '../accounts/schema.ts';
import { buildRule, seriesExtent } from '../activities/recurrence.ts';
import { fromFloating } from '../activities/time.ts';
import { activity, activitySignup, activityTurnout } from '../activities/schema.ts';
import { ensureActivityDates } from '../activities/dates.ts';
import { announcement, announcementRecipient } from '../announcements/schema.ts';
import type { Db } from '../db/index.ts';
import placesData from '../directory/places-nl.json' with { type: 'json' };
import { ACCESSIBILITY, initiative, membership, THEMES, type Accessibility } from '../initiatives/schema.ts';
import { FIRST_NAMES, PSEUDONYMS } from './content.ts';
import { random } from './generate.ts';
import { generateScaleExchange } from './scale-exchange.ts';
import { generateScaleStories } from './scale-stories.ts';
import { generateScaleExpertise, generateScalePoolRequests } from './scale-expertise.ts';
import { poolCoordinator } from '../expertise/schema.ts';
import { demoSpace } from './space.ts';
import type { Keyring } from '../space/keyring.ts';
import { insertAll, sample, uuidFrom, weighted } from './scale-tools.ts';
import { ACTIVITY_PLACES, ACTIVITY_SENTENCES, ACTIVITY_TITLES, EXCHANGE_SENTENCES, INITIATIVE_NAMES, INITIATIVE_SENTENCES, STREETS } from './scale-content.ts';

export const BENCH_PASSWORD = 'bench-herstelplein';
/** Journal entries in each bench login's herstelruimte. */
export const SPACE_ENTRIES = 500;
export const BENCH_EMAIL = 'bench@bench.herstelplein.nl';

export interface ScaleOptions {
	seed?: number;
	/** 1 = national scale (400 initiatives, 40,000 people, ~100,000 dates of activities); 0.01 for a small smoke run. */
	scale?: number;
	/** Activities are placed around this moment (default: now, rounded down to the hour). */
	now?: Date;
	/** People who sign up in parallel for the race activity; they get the bench password too. */
	racers?: number;
	/** The server key of the herstelruimte: with it, the bench login and a few racers get a full space (500 journal entries each). */
	spaceKeys?: Keyring;
}

export interface ScaleResult {
	counts: { initiatives: number; users: number; memberships: number; activities: number; signups: number; posts: number; conversations: number; messages: number; stories: number; experts: number; poolRequests: number };
	/** The biggest initiative; the bench login coordinates it. */
	bigInitiative: string;
	/** A small initiative, for a "typical" initiative page. */
	smallInitiative: string;
	/** An activity of the big initiative with few places and no sign-ups yet, for the parallel sign-up check. */
	raceActivity: { id: string; capacity: number };
	/** Members of the big initiative who may sign in with BENCH_PASSWORD. */
	racers: string[];
	/** A conversation of the bench login with 300 messages. */
	longConversation: string;
	/** A published public story, for a story page. */
	publicStory: string;
	/** A published expert profile, for a profile page. */
	publishedExpert: string;
	ms: number;
}

interface Place { name: string; population: number; latitude: number; longitude: number }
const PLACES = placesData as Place[];
const DAY = 86_400_000;

function slugify(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
}

/**
 * Fill an empty database with national-scale demo data. The same seed, scale
 * and `now` give the same rows.
 */
export async function generateScale(db: Db, options: ScaleOptions = {}): Promise<ScaleResult> {
	const started = performance.now();
	const rand = random(options.seed ?? 2026);
	const scale = options.scale ?? 1;
	const now = options.now ?? new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
	const nInitiatives = Math.max(3, Math.round(400 * scale));
	const nUsers = Math.max(30, Math.round(40_000 * scale));
	const nActivities = Math.max(10, Math.round(100_000 * scale));
	const nRacers = options.racers ?? 40;

	// People: a first name or a pseudonym; no password (they cannot sign in).
	const users = Array.from({ length: nUsers }, (_, i) => ({
		id: uuidFrom(rand),
		name: rand() < 0.15 ? pick(PSEUDONYMS) : pick(FIRST_NAMES),
		email: `lid${i + 1}@bench.herstelplein.nl`,
		emailVerified: true
	}));
	// The bench person is also the association admin, so the network's figures (/beheer/cijfers) can be measured.
	const bench = { id: uuidFrom(rand), name: 'Bench', email: BENCH_EMAIL, emailVerified: true, isAdmin: true };
	const racers = Array.from({ length: nRacers }, (_, i) => ({ id: uuidFrom(rand), name: pick(FIRST_NAMES), email: `racer${i + 1}@bench.herstelplein.nl`, emailVerified: true }));

	// Initiatives in places weighted by population; sizes fall off like a power law:
	// a few with thousands of members, most with a few dozen.
	const place = weighted(PLACES, (p) => p.population);
	const totalSlots = Math.round(nUsers * 1.1); // one in ten people is in two initiatives
	const sizeWeights = Array.from({ length: nInitiatives }, (_, i) => 1 / Math.pow(i + 1, 0.8));
	const weightSum = sizeWeights.reduce((a, b) => a + b, 0);
	const usedSlugs = new Set<string>();
	const initiatives = sizeWeights.map((w, i) => {
		const p = place(rand);
		const name = `${pick(INITIATIVE_NAMES)} ${p.name}`.slice(0, 120);
		let slug = slugify(name);
		if (usedSlugs.has(slug)) slug = `${slug}-${i + 1}`;
		usedSlugs.add(slug);
		const description = sample(INITIATIVE_SENTENCES, 2 + Math.floor(rand() * 4), rand).join(' ');
		return {
			id: uuidFrom(rand),
			slug,
			name,
			town: p.name,
			description,
			address: `${pick(STREETS)} ${1 + Math.floor(rand() * 120)}`,
			postcode: `${1000 + Math.floor(rand() * 8999)} ${String.fromCharCode(65 + Math.floor(rand() * 26), 65 + Math.floor(rand() * 26))}`,
			latitude: p.latitude + (rand() - 0.5) * 0.02,
			longitude: p.longitude + (rand() - 0.5) * 0.03,
			themes: sample([...THEMES], 2 + Math.floor(rand() * 4), rand),
			accessibility: sample([...ACCESSIBILITY], Math.floor(rand() * 4), rand),
			phone: `0${Math.floor(10 + rand() * 89)}-${Math.floor(1_000_000 + rand() * 8_999_999)}`,
			joinPolicy: rand() < 0.5 ? ('open' as const) : ('invite' as const),
			status: i > 2 && rand() < 0.03 ? ('pending' as const) : ('published' as const),
			// Begun two to three years ago: the figures' growth and their "members joined" have a history.
			createdAt: new Date(now.getTime() - (730 + Math.floor(rand() * 365)) * DAY),
			size: Math.max(5, Math.round((totalSlots * w) / weightSum))
		};
	});

	// Members: consecutive runs of people, wrapping around, so the first people are in two initiatives.
	const memberships: Array<{ initiativeId: string; userId: string; role: 'member' | 'coordinator'; joinedAt: Date }> = [];
	const membersOf = new Map<string, string[]>();
	let cursor = 0;
	for (const item of initiatives) {
		const ids: string[] = [];
		for (let k = 0; k < Math.min(item.size, nUsers); k++) ids.push(users[(cursor + k) % nUsers].id);
		cursor = (cursor + ids.length) % nUsers;
		const coordinators = Math.max(1, Math.round(ids.length / 200));
		// Joined since the initiative began, more of them lately.
		const age = now.getTime() - item.createdAt.getTime();
		ids.forEach((userId, k) => memberships.push({ initiativeId: item.id, userId, role: k < coordinators ? 'coordinator' : 'member', joinedAt: new Date(now.getTime() - Math.floor(age * rand() * rand())) }));
		membersOf.set(item.id, ids);
	}
	const big = initiatives[0];
	memberships.push({ initiativeId: big.id, userId: bench.id, role: 'coordinator', joinedAt: big.createdAt });
	for (const r of racers) memberships.push({ initiativeId: big.id, userId: r.id, role: 'member', joinedAt: now });

	// Activities, spread over initiatives by size (bigger ones do more), from a month ago to ten months ahead:
	// half of the dates are one-off activities, the other half dates of series (weekly, every other week,
	// monthly), as initiatives plan their week. Most are public and free; some cost €1–€5, a few are online.
	const byActivityShare = weighted(initiatives, (i) => Math.pow(i.size, 0.7));
	const kinds = ['ontmoeting', 'ontdekking', 'ontplooiing'] as const;
	const activities: Array<typeof activity.$inferInsert> = [];
	const signups: Array<typeof activitySignup.$inferInsert> = [];
	const turnout: Array<typeof activityTurnout.$inferInsert> = [];
	const details = (owner: (typeof initiatives)[number], id: string) => {
		const online = rand() < 0.05;
		return {
			theme: rand() < 0.85 ? pick(owner.themes) : null,
			costCents: rand() < 0.8 ? 0 : pick([100, 150, 200, 250, 300, 500]),
			onlineUrl: online ? `https://video.example.nl/${id}` : null,
			place: online ? '' : pick(ACTIVITY_PLACES),
			accessibility: rand() < 0.2 ? sample<Accessibility>(['prikkelarm', 'rolstoeltoegankelijk', 'invalidentoilet'], 1 + Math.floor(rand() * 2), rand) : [],
			visibility: pick(['public', 'public', 'public', 'public', 'public', 'public', 'network', 'members', 'members', 'members'] as const)
		};
	};
	const nSeries = Math.max(3, Math.round(1600 * scale));
	// One-off activities from a month ago on, and as many again in the eleven months before (their history, for the figures).
	for (let n = 0; n < nActivities; n++) {
		const owner = byActivityShare(rand);
		const members = membersOf.get(owner.id)!;
		const kind = pick(kinds);
		const day = Math.floor(now.getTime() / DAY) + (n < nActivities / 2 ? Math.floor(rand() * 330) - 30 : -30 - Math.floor(rand() * 335));
		const startsAt = new Date(day * DAY + (8 + Math.floor(rand() * 11)) * 3_600_000 + (rand() < 0.5 ? 0 : 1_800_000));
		const capacity = rand() < 0.4 ? 6 + Math.floor(rand() * 20) : null;
		const id = uuidFrom(rand);
		const row = {
			id,
			initiativeId: owner.id,
			title: pick(ACTIVITY_TITLES[kind]),
			description: sample(ACTIVITY_SENTENCES, 1 + Math.floor(rand() * 3), rand).join(' '),
			kind,
			startsAt,
			endsAt: new Date(startsAt.getTime() + (1 + Math.floor(rand() * 3)) * 3_600_000),
			capacity,
			...details(owner, id),
			status: rand() < 0.03 ? ('cancelled' as const) : ('published' as const),
			createdBy: pick(members)
		};
		activities.push(row);
		const people = sample(members, Math.floor(rand() * 5), rand);
		people.forEach((userId, k) => signups.push({ activityId: row.id, occurrenceStart: startsAt, userId, status: capacity !== null && k >= capacity ? 'waitlist' : 'confirmed' }));
		// Hosts write down how many came to most dates that took place.
		if (row.status === 'published' && startsAt < now && rand() < 0.75) turnout.push({ activityId: row.id, occurrenceStart: startsAt, people: people.length + Math.floor(rand() * 15), recordedBy: row.createdBy });
	}
	for (let n = 0; n < nSeries; n++) {
		const owner = byActivityShare(rand);
		const members = membersOf.get(owner.id)!;
		const kind = pick(kinds);
		// Series began up to ten weeks ago or begin within two weeks, at a whole or half hour in Amsterdam.
		const day = Math.floor(now.getTime() / DAY) + Math.floor(rand() * 84) - 70;
		const startsAt = fromFloating(new Date(day * DAY + (9 + Math.floor(rand() * 11)) * 3_600_000 + (rand() < 0.5 ? 0 : 1_800_000)));
		const endsAt = new Date(startsAt.getTime() + (1 + Math.floor(rand() * 3)) * 3_600_000);
		const pattern = pick(['weekly', 'weekly', 'weekly', 'weekly', 'biweekly', 'biweekly', 'monthly'] as const);
		const rrule = buildRule(pattern, startsAt, rand() < 0.7 ? { kind: 'never' } : { kind: 'count', count: 10 + Math.floor(rand() * 30) });
		const id = uuidFrom(rand);
		activities.push({
			id,
			initiativeId: owner.id,
			title: pick(ACTIVITY_TITLES[kind]),
			description: sample(ACTIVITY_SENTENCES, 1 + Math.floor(rand() * 3), rand).join(' '),
			kind,
			startsAt,
			endsAt,
			rrule,
			seriesEndsAt: seriesExtent({ startsAt, endsAt, rrule }).lastEndsAt,
			capacity: rand() < 0.4 ? 6 + Math.floor(rand() * 20) : null,
			...details(owner, id),
			status: rand() < 0.02 ? ('cancelled' as const) : ('published' as const),
			createdBy: pick(members)
		});
	}
	const raceCapacity = 5;
	const race = {
		id: uuidFrom(rand),
		initiativeId: big.id,
		title: 'Samen koken (veel aanmeldingen)',
		description: 'Voor de benchmark: veel mensen melden zich tegelijk aan.',
		kind: 'ontmoeting' as const,
		startsAt: new Date(now.getTime() + 30 * DAY),
		endsAt: new Date(now.getTime() + 30 * DAY + 2 * 3_600_000),
		capacity: raceCapacity,
		visibility: 'members' as const,
		createdBy: bench.id
	};
	activities.push(race);

	// Only the bench logins can sign in: one hash, shared (hashing is deliberately slow).
	const passwordHash = await hash(BENCH_PASSWORD, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
	const credentials = [bench, ...racers].map((p) => ({ id: uuidFrom(rand), accountId: p.id, providerId: 'credential', userId: p.id, password: passwordHash }));

	const more = await db.transaction(async (tx) => {
		await insertAll(tx, user, [bench, ...racers, ...users], 2000);
		await insertAll(tx, account, credentials);
		await insertAll(tx, initiative, initiatives.map(({ size: _size, ...row }) => row), 500);
		await insertAll(tx, membership, memberships, 5000);
		await insertAll(tx, activity, activities, 2000);
		// Written around the services: the network's dates table is built from them (its horizon from the real clock).
		await ensureActivityDates(tx, { rebuild: true });
		await insertAll(tx, activitySignup, signups, 5000);
		await insertAll(tx, activityTurnout, turnout, 5000);
		const exchange = await generateScaleExchange(tx, { rand, scale, now, initiatives, membersOf, bench: { userId: bench.id, initiativeId: big.id } });
		// Berichten aan alle leden in the big initiative from its first coordinator, one every nine days: the bench
		// login's inbox merges them with its conversations. Read by the oldest.
		const writer = membersOf.get(big.id)![0];
		const everyone = [...membersOf.get(big.id)!.slice(1), bench.id, ...racers.map((r) => r.id)];
		const announcements = Array.from({ length: 20 }, (_, n) => ({ id: uuidFrom(rand), initiativeId: big.id, writerId: writer, body: sample(EXCHANGE_SENTENCES, 2, rand).join(' '), createdAt: new Date(now.getTime() - (n * 9 + 1) * 86_400_000) }));
		await insertAll(tx, announcement, announcements, 500);
		await insertAll(
			tx,
			announcementRecipient,
			announcements.flatMap((a, n) => everyone.map((userId) => ({ announcementId: a.id, userId, createdAt: a.createdAt, readAt: n > 2 ? a.createdAt : null }))),
			5000
		);
		const stories = await generateScaleStories(tx, { rand, scale, now, initiatives, membersOf });
		const names = new Map(users.map((u) => [u.id, u.name]));
		const experts = await generateScaleExpertise(tx, { rand, scale, now, membersOf, nameOf: (id) => names.get(id) ?? '' });
		const poolRequests = await generateScalePoolRequests(tx, { rand, scale, now, initiativeIds: initiatives.map((i) => i.id) });
		// The bench login is the association's pool coordinator: the requests' queue is a bench page.
		await tx.insert(poolCoordinator).values({ userId: bench.id, grantedBy: bench.id });
		if (options.spaceKeys) {
			const store = { db: tx, keys: options.spaceKeys };
			for (const p of [bench, ...racers.slice(0, 4)]) {
				await demoSpace(store, { userId: p.id, name: p.name, email: p.email, locale: 'nl', isAdmin: false }, undefined, now, SPACE_ENTRIES);
			}
		}
		return { ...exchange, stories, experts, poolRequests };
	});
	return {
		counts: {
			initiatives: initiatives.length,
			users: users.length + racers.length + 1,
			memberships: memberships.length,
			activities: activities.length,
			signups: signups.length,
			...more.counts,
			stories: more.stories.count,
			experts: more.experts.count,
			poolRequests: more.poolRequests
		},
		bigInitiative: big.slug,
		smallInitiative: initiatives.slice(Math.floor(initiatives.length * 0.75)).find((i) => i.status === 'published')!.slug,
		raceActivity: { id: race.id, capacity: raceCapacity },
		racers: racers.map((r) => r.email),
		longConversation: more.longConversation,
		publicStory: more.stories.publicStory,
		publishedExpert: more.experts.publishedExpert,
		ms: Math.round(performance.now() - started)
	};
}
