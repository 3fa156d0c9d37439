import { amsterdamMoment, calendarDay } from '../activities/time.ts';
import type { deal, dealThanks } from '../deals/schema.ts';
import type { exchangePost } from '../exchange/schema.ts';
import type { conversation, conversationMember } from '../messages/schema.ts';
import type { memberProfile } from '../profiles/schema.ts';

/*
 * Demo afspraken: the first demo conversation (help with a letter) was done
 * and thanked, and its giver shows the bedankje on their profile; the second
 * (walking along to the doctor) is agreed for later this week. The people who
 * posted write a few words on their profile.
 */

type Exchange = {
	posts: Array<Pick<typeof exchangePost.$inferInsert, 'id' | 'kind' | 'title' | 'createdBy'>>;
	conversations: Array<Pick<typeof conversation.$inferInsert, 'id' | 'postId'>>;
	members: Array<Pick<typeof conversationMember.$inferInsert, 'conversationId' | 'userId'>>;
};

const PROFILES = [
	{ likes: 'Wandelen met de hond, puzzelen en soep koken voor de buren.', talents: 'Ik kan rustig uitleggen wat er in een brief staat. Geduld heb ik genoeg.' },
	{ likes: 'Fietsen langs de IJssel en muziek van vroeger.', talents: 'Meelopen en er gewoon zijn. Ik ben goed met kleine klusjes.' },
	{ likes: 'Tekenen, lezen en koffie drinken op een terras.', talents: 'Ik luister goed en ik kan mensen op hun gemak stellen.' }
];

const at = (from: Date, days: number, hour: number) => amsterdamMoment(calendarDay(new Date(from.getTime() + days * 86_400_000)), { hour, minute: 0 })!;

/** Afspraken, a bedankje and profiles for the demo conversations from `demoExchange`. */
export function demoDeals(exchange: Exchange, now: Date) {
	const deals: Array<typeof deal.$inferInsert> = [];
	const thanks: Array<typeof dealThanks.$inferInsert> = [];
	const plans = [
		{ days: -2, hour: 10, place: 'De inloop, aan de grote tafel', done: true, note: 'Wat fijn dat je zo rustig alles uitlegde. Ik slaap er weer beter van. Dank je wel!' },
		{ days: 3, hour: 14, place: 'Bij het station, bij de fietsenstalling', done: false, note: '' }
	];
	exchange.conversations.slice(0, plans.length).forEach((c, i) => {
		const plan = plans[i];
		const post = exchange.posts.find((p) => p.id === c.postId)!;
		const other = exchange.members.find((m) => m.conversationId === c.id && m.userId !== post.createdBy)!.userId;
		const [giverId, receiverId] = post.kind === 'offer' ? [post.createdBy, other] : [other, post.createdBy];
		const startsAt = at(now, plan.days, plan.hour);
		const doneAt = plan.done ? new Date(startsAt.getTime() + 2 * 3_600_000) : null;
		deals.push({ conversationId: c.id!, giverId, receiverId, title: post.title, startsAt, place: plan.place, status: plan.done ? 'done' : 'agreed', proposedBy: receiverId, version: 1, agreedAt: new Date(startsAt.getTime() - 86_400_000), doneMarkedBy: plan.done ? giverId : null, doneAt, updatedAt: doneAt ?? now });
		if (plan.done) thanks.push({ conversationId: c.id!, writerId: receiverId, giverId, body: plan.note, shownOnProfile: true, createdAt: new Date(doneAt!.getTime() + 3_600_000) });
	});
	const writers = [...new Set(exchange.posts.map((p) => p.createdBy))].slice(0, PROFILES.length);
	const profiles: Array<typeof memberProfile.$inferInsert> = writers.map((userId, i) => ({ userId, ...PROFILES[i] }));
	return { deals, thanks, profiles };
}
