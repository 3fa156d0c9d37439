import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { asc, count, eq, like } from 'drizzle-orm';
import { account, user } from '../accounts/schema.ts';
import { activity, activityException, activityPhoto, activitySignup, activityTurnout } from '../activities/schema.ts';
import { ensureActivityDates } from '../activities/dates.ts';
import type { Db } from '../db/index.ts';
import { localMoment } from '../initiatives/hours.ts';
import { closure, initiative, initiativePhoto, joinRequest, membership, openingHours } from '../initiatives/schema.ts';
import { findPlace } from '../directory/places.ts';
import { demoActivities, type DemoHome } from './activities.ts';
import { demoPhotos } from './photos.ts';
import { demoDeals } from './deals.ts';
import { demoExchange } from './exchange.ts';
import { exchangePause, exchangePost } from '../exchange/schema.ts';
import { conversation, conversationMember, message, messageSetting } from '../messages/schema.ts';
import { announcement, announcementRecipient } from '../announcements/schema.ts';
import { noticePreference } from '../notify/schema.ts';
import { demoModeration } from './moderation.ts';
import { demoAnnouncements } from './announcements.ts';
import { demoHandovers } from './handover.ts';
import { handover, handoverStep } from '../handover/schema.ts';
import { outsideRequest } from '../outside/schema.ts';
import { houseRule, moderationLog, report } from '../moderation/schema.ts';
import { deal, dealThanks } from '../deals/schema.ts';
import { memberProfile } from '../profiles/schema.ts';
import { demoStories, demoStoryReactions, demoSynonyms } from './stories.ts';
import { story, storyNote, storyRecognition, storySynonym } from '../stories/schema.ts';
import { demoExperts } from './expertise.ts';
import { expertProfile, poolCoordinator, poolProposal, poolRequest, poolRequestMessage } from '../expertise/schema.ts';
import { demoPoolRequests } from './pool-requests.ts';
import type { SignedIn } from '../accounts/viewer.ts';
import type { Keyring } from '../space/keyring.ts';
import { demoSpace } from './space.ts';
import { demoImpact, demoJoinedAt } from './impact.ts';
import { impactNote, impactQuote } from '../impact/schema.ts';
import { DEMO_INITIATIVES, DEMO_PASSWORD, FIRST_NAMES, PSEUDONYMS, type DemoInitiative } from './content.ts';

/** A small deterministic random generator (mulberry32), so the same seed gives the same data. */
export function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export interface DemoOptions {
	seed?: number;
	/** Members per initiative; a few initiatives get many, most get a few (as in real life). */
	membersPerInitiative?: number;
	/** The server keys for the demo participant's herstelruimte; without them it stays empty. */
	spaceKeys?: Keyring;
}

const emailFor = (name: string, n: number) => `${name.toLowerCase().replace(/[^a-z]/g, '')}${n ? n : ''}@demo.herstelplein.nl`;

/**
 * Fill an empty database with demo content: initiatives across the country,
 * an association admin, coordinators and members (some in more than one
 * initiative). Every demo account has the password DEMO_PASSWORD. Does
 * nothing when there are initiatives already; says whether it filled.
 */
export async function generateDemo(db: Db, options: DemoOptions = {}): Promise<boolean> {
	const [{ n }] = await db.select({ n: count() }).from(initiative);
	if (n > 0) return false;
	const rand = random(options.seed ?? 2026);
	const perInitiative = options.membersPerInitiative ?? 6;
	// One hash for all demo accounts: hashing is deliberately slow.
	const passwordHash = await hash(DEMO_PASSWORD, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
	const people: Array<{ id: string; name: string; email: string }> = [];

	function person(name: string): { id: string; name: string; email: string } {
		const made = { id: randomUUID(), name, email: emailFor(name, people.filter((p) => p.name === name).length) };
		people.push(made);
		return made;
	}

	return db.transaction(async (tx) => {
		person('Beheer');
		const memberships: Array<typeof membership.$inferInsert> = [];
		// Most published initiatives take part in the open figures (/cijfers); a few chose not to.
		// Started one to three years ago (before their members joined, see demoJoinedAt), so the network's growth
		// reads true; the one waiting for approval was made today.
		const initiatives = DEMO_INITIATIVES.map((demo, i) => ({
			...initiativeRow(demo),
			impactPublic: !demo.pending && i % 4 !== 3,
			id: randomUUID(),
			...(demo.pending ? {} : { createdAt: new Date(Date.now() - (400 + ((i * 47) % 700)) * 86_400_000) })
		}));

		// Coordinators first, so their demo addresses are the plain first names.
		const coordinators = initiatives.map((_, index) => person(FIRST_NAMES[index % FIRST_NAMES.length]));
		const homes: DemoHome[] = [];
		initiatives.forEach((item, index) => {
			const coordinator = coordinators[index];
			// Coordinators, and a third of the members, chose to show their name in the member list.
			memberships.push({ initiativeId: item.id, userId: coordinator.id, role: 'coordinator', showName: true });
			const size = item.status === 'pending' ? 0 : index < 2 ? perInitiative * 3 : perInitiative;
			const members: string[] = [];
			for (let k = 0; k < size; k++) {
				const useNickname = rand() < 0.15;
				const name = useNickname ? PSEUDONYMS[Math.floor(rand() * PSEUDONYMS.length)] : FIRST_NAMES[Math.floor(rand() * FIRST_NAMES.length)];
				const member = person(name);
				memberships.push({ initiativeId: item.id, userId: member.id, role: 'member', showName: k % 3 === 0 });
				members.push(member.id);
			}
			homes.push({ id: item.id, slug: item.slug, themes: item.themes, coordinator: coordinator.id, members });
		});
		// Some people take part in two initiatives.
		const someone = people.filter((p) => memberships.some((m) => m.userId === p.id && m.initiativeId === initiatives[1].id && m.role === 'member'))[1];
		memberships.push({ initiativeId: initiatives[0].id, userId: someone.id, role: 'member' });

		await tx.insert(user).values(people.map((p, i) => ({ id: p.id, name: p.name, email: p.email, emailVerified: true, isAdmin: i === 0 })));
		await tx.insert(account).values(people.map((p) => ({ id: randomUUID(), accountId: p.id, providerId: 'credential', userId: p.id, password: passwordHash })));
		await tx.insert(initiative).values(initiatives);
		// Members joined over the past year (their own random stream, so the rest of the demo stays as it was).
		const joinRand = random((options.seed ?? 2026) + 1);
		await tx.insert(membership).values(memberships.map((m) => ({ ...m, joinedAt: demoJoinedAt(new Date(), joinRand) })));
		// Two members of De Kroon ask to take part in the first initiative by invitation: its coordinator finds them on the start page.
		const byInvitation = initiatives.findIndex((i) => i.joinPolicy === 'invite' && i.status === 'published');
		if (byInvitation > 0) {
			await tx.insert(joinRequest).values(homes[0].members.slice(-2).map((userId) => ({ initiativeId: initiatives[byInvitation].id, userId })));
		}
		const today = localMoment(new Date()).date;
		const hours = DEMO_INITIATIVES.flatMap((demo, index) =>
			demo.hours.map(([weekday, opensAt, closesAt]) => ({ initiativeId: initiatives[index].id, weekday, opensAt, closesAt }))
		);
		if (hours.length) await tx.insert(openingHours).values(hours);
		const closures = DEMO_INITIATIVES.flatMap((demo, index) =>
			demo.closure
				? [{ initiativeId: initiatives[index].id, startsOn: addDays(today, demo.closure.fromDay), endsOn: addDays(today, demo.closure.toDay), note: demo.closure.note }]
				: []
		);
		if (closures.length) await tx.insert(closure).values(closures);
		const planned = demoActivities(homes, today, new Date(), rand, randomUUID);
		await tx.insert(activity).values(planned.activities);
		if (planned.exceptions.length) await tx.insert(activityException).values(planned.exceptions);
		if (planned.signups.length) await tx.insert(activitySignup).values(planned.signups);
		const photos = await demoPhotos(initiatives, planned.activities);
		if (photos.initiatives.length) await tx.insert(initiativePhoto).values(photos.initiatives);
		if (photos.activities.length) await tx.insert(activityPhoto).values(photos.activities);
		const exchange = demoExchange(homes.map((home, i) => ({ ...home, town: initiatives[i].town })), new Date(), randomUUID);
		if (exchange.posts.length) await tx.insert(exchangePost).values(exchange.posts);
		if (exchange.conversations.length) {
			await tx.insert(conversation).values(exchange.conversations);
			await tx.insert(conversationMember).values(exchange.members);
			await tx.insert(message).values(exchange.messages);
			const agreed = demoDeals(exchange, new Date());
			if (agreed.deals.length) await tx.insert(deal).values(agreed.deals);
			if (agreed.thanks.length) await tx.insert(dealThanks).values(agreed.thanks);
			if (agreed.profiles.length) await tx.insert(memberProfile).values(agreed.profiles);
		}
		if (exchange.pauses.length) await tx.insert(exchangePause).values(exchange.pauses);
		if (exchange.settings.length) await tx.insert(messageSetting).values(exchange.settings);
		if (exchange.notices.length) await tx.insert(noticePreference).values(exchange.notices);
		const moderation = demoModeration(homes, exchange.posts, new Date(), randomUUID);
		if (moderation.rules.length) await tx.insert(houseRule).values(moderation.rules);
		if (moderation.reports.length) {
			await tx.insert(report).values(moderation.reports);
			await tx.insert(moderationLog).values(moderation.log);
		}
		const announced = demoAnnouncements(homes, new Date(), randomUUID);
		if (announced.announcements.length) {
			await tx.insert(announcement).values(announced.announcements);
			await tx.insert(announcementRecipient).values(announced.recipients);
		}
		const stories = demoStories(homes, new Date(), randomUUID);
		if (stories.length) await tx.insert(story).values(stories);
		const reactions = demoStoryReactions(homes, stories, new Date(), randomUUID);
		if (reactions.recognitions.length) await tx.insert(storyRecognition).values(reactions.recognitions);
		if (reactions.notes.length) await tx.insert(storyNote).values(reactions.notes);
		if (reactions.log.length) await tx.insert(moderationLog).values(reactions.log);
		await tx.insert(storySynonym).values(demoSynonyms());
		const impact = demoImpact(homes, stories, new Date(), random((options.seed ?? 2026) + 2), randomUUID);
		if (impact.activities.length) await tx.insert(activity).values(impact.activities);
		// Written around the services: the network's dates table is built from them.
		await ensureActivityDates(tx, { rebuild: true });
		if (impact.turnout.length) await tx.insert(activityTurnout).values(impact.turnout);
		if (impact.quotes.length) await tx.insert(impactQuote).values(impact.quotes);
		if (impact.notes.length) await tx.insert(impactNote).values(impact.notes);
		const handovers = demoHandovers(homes, new Date(), randomUUID);
		if (handovers.requests.length) {
			await tx.insert(outsideRequest).values(handovers.requests);
			await tx.insert(handover).values(handovers.handovers);
			await tx.insert(handoverStep).values(handovers.steps);
		}
		const names = new Map(people.map((p) => [p.id, p.name]));
		const experts = demoExperts(homes, (id) => names.get(id) ?? '', new Date(), randomUUID);
		if (experts.length) await tx.insert(expertProfile).values(experts);
		// The first initiative's coordinator is the association's pool coordinator.
		// The second answers the requests made to their own initiative: a local pool.
		await tx.insert(poolCoordinator).values([
			{ userId: homes[0].coordinator, grantedBy: people[0].id },
			{ userId: homes[1].coordinator, initiativeId: homes[1].id, grantedBy: homes[1].coordinator }
		]);
		const pool = demoPoolRequests(
			experts.filter((e) => e.publishedAt).map((e) => e.id),
			homes[0].coordinator,
			new Date(),
			randomUUID
		);
		if (pool.requests.length) {
			await tx.insert(outsideRequest).values(pool.requests);
			await tx.insert(poolRequest).values(pool.rows);
			if (pool.messages.length) await tx.insert(poolRequestMessage).values(pool.messages);
			if (pool.proposals.length) await tx.insert(poolProposal).values(pool.proposals);
		}
		if (options.spaceKeys) {
			// The participant in two initiatives shares their crisis plan with a member there who shows their name.
			const viewer = (p: { id: string; name: string; email: string }): SignedIn => ({ userId: p.id, name: p.name, email: p.email, locale: 'nl', isAdmin: false });
			const buddy = people.find((p) => p.id === homes[1].members[0] && p.id !== someone.id);
			await demoSpace({ db: tx as unknown as Db, keys: options.spaceKeys }, viewer(someone), buddy && viewer(buddy), new Date());
		}
		return true;
	});
}

/** The initiative's row: its place from the offline table of towns, moved a little so towns with several do not overlap. */
function initiativeRow({ pending, offset, hours: _hours, closure: _closure, openOnHolidays, guestSignups, ...demo }: DemoInitiative) {
	const place = findPlace(demo.town);
	if (!place) throw new Error(`demo town not in the table of places: ${demo.town}`);
	const [east, north] = offset;
	return {
		...demo,
		latitude: round(place.latitude + north / 111_195),
		longitude: round(place.longitude + east / (111_195 * Math.cos((place.latitude * Math.PI) / 180))),
		closedOnHolidays: !openOnHolidays,
		guestSignups: guestSignups ?? false,
		status: pending ? ('pending' as const) : ('published' as const)
	};
}

const round = (degrees: number) => Math.round(degrees * 1e5) / 1e5;

function addDays(date: string, days: number): string {
	const moment = new Date(`${date}T12:00:00Z`);
	moment.setUTCDate(moment.getUTCDate() + days);
	return moment.toISOString().slice(0, 10);
}

/** Demo accounts worth trying: the admin, every coordinator, and people in more than one initiative. */
export async function demoLogins(db: Db): Promise<Array<{ email: string; what: string }>> {
	const rows = await db
		.select({ email: user.email, isAdmin: user.isAdmin, role: membership.role, initiative: initiative.name, status: initiative.status })
		.from(user)
		.leftJoin(membership, eq(membership.userId, user.id))
		.leftJoin(initiative, eq(initiative.id, membership.initiativeId))
		.where(like(user.email, '%@demo.herstelplein.nl'))
		.orderBy(asc(user.createdAt), asc(user.email));
	const byEmail = new Map<string, string[]>();
	for (const r of rows) {
		const what = r.isAdmin && !r.role ? 'association admin' : `${r.role} of ${r.initiative}${r.status === 'pending' ? ' (waits for approval)' : ''}`;
		byEmail.set(r.email, [...(byEmail.get(r.email) ?? []), what]);
	}
	return [...byEmail]
		.filter(([, whats]) => whats.some((w) => w === 'association admin' || w.startsWith('coordinator')) || whats.length > 1)
		.map(([email, whats]) => ({ email, what: whats.join(', ') }));
}
