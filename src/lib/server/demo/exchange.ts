import { dayKey } from '../activities/time.ts';
import type { exchangePause, exchangePost } from '../exchange/schema.ts';
import type { conversation, conversationMember, message, messageSetting } from '../messages/schema.ts';
import type { noticePreference } from '../notify/schema.ts';
import type { DemoHome } from './activities.ts';

/*
 * Demo vraag & aanbod: offers and requests in the first initiatives, some for
 * the whole network, two conversations that started from them, and a small
 * group conversation of four members planning a walk together.
 */

type Post = Omit<typeof exchangePost.$inferInsert, 'initiativeId' | 'createdBy'>;

const POSTS: Post[] = [
	{ kind: 'offer', title: 'Ik help met formulieren', body: 'Brieven van de gemeente, toeslagen of de belastingaangifte: samen kijken we wat er moet. Ik ben geen expert, wel geduldig.', theme: 'formulieren-en-geld', town: '', online: false, audience: 'network' },
	{ kind: 'offer', title: 'Samen koken op woensdag', body: 'Ik kook graag voor meer mensen. Wie wil mee-eten of meehelpen met snijden?', theme: 'koken-en-eten', town: '', online: false, audience: 'initiative' },
	{ kind: 'request', title: 'Wie loopt mee naar een afspraak bij de huisarts?', body: 'Volgende week heb ik een afspraak en ik vind het fijn als er iemand meegaat. Alleen meelopen is al genoeg.', theme: 'vervoer-en-meelopen', town: '', online: false, audience: 'initiative' },
	{ kind: 'offer', title: 'Uitleg over je telefoon', body: 'WhatsApp, foto\'s versturen, een app installeren. Ik leg het rustig uit, ook online.', theme: 'computer-en-telefoon', town: '', online: true, audience: 'network' },
	{ kind: 'request', title: 'Hulp bij het ophangen van gordijnen', body: 'Ik heb een nieuwe rails gekocht, maar ik heb geen boormachine en twee linkerhanden.', theme: 'huis-en-klussen', town: '', online: false, audience: 'initiative' },
	{ kind: 'offer', title: 'Samen fietsen langs de rivier', body: 'Op zondagochtend een rustig rondje van een uur of twee. Tempo bepalen we samen.', theme: 'bewegen-en-buiten', town: '', online: false, audience: 'network' },
	{ kind: 'request', title: 'Wie wil Nederlands met mij oefenen?', body: 'Ik wil beter leren praten. Gewoon koffie drinken en kletsen helpt mij al.', theme: 'taal-en-leren', town: '', online: false, audience: 'network' },
	{ kind: 'offer', title: 'Oppassen op je kat of hond', body: 'Ben je een paar dagen weg? Ik kom graag langs om eten te geven en te knuffelen.', theme: 'dieren-en-planten', town: '', online: false, audience: 'initiative' }
];

const CONVERSATIONS: Array<{ post: number; lines: string[] }> = [
	{
		post: 0,
		lines: [
			'Hoi! Ik heb een brief over mijn huurtoeslag gekregen en ik snap er niets van. Wil je samen kijken?',
			'Natuurlijk. Neem de brief mee naar de inloop, dan kijken we er dinsdagochtend samen naar.',
			'Fijn, dank je wel. Ik ben er om tien uur.'
		]
	},
	{
		post: 2,
		lines: ['Ik wil wel met je meelopen. Welke dag is de afspraak?', 'Donderdag om half drie. Wat lief dat je dat wilt doen!', 'Geen probleem. Zullen we om twee uur afspreken bij het station?']
	}
];

/** A small group conversation: who writes each line (an index into the group) and what. */
const GROUP_LINES: Array<[number, string]> = [
	[0, 'Hoi allemaal! Zullen we zaterdag samen een rondje door het park lopen? Daarna koffie bij mij.'],
	[1, 'Wat een goed idee. Ik loop mee, al ga ik misschien wat langzamer.'],
	[2, 'Dan lopen we gewoon jouw tempo. Ik neem appeltaart mee.'],
	[3, 'Ik kom ook. Om elf uur bij de ingang bij de vijver?'],
	[0, 'Elf uur bij de vijver. Ik heb er zin in!']
];

/** The posts and conversations, with ids made by `uuid`, in the two first initiatives. */
export function demoExchange(homes: Array<DemoHome & { town: string }>, now: Date, uuid: () => string) {
	const posts: Array<typeof exchangePost.$inferInsert> = [];
	const conversations: Array<typeof conversation.$inferInsert> = [];
	const members: Array<typeof conversationMember.$inferInsert> = [];
	const messages: Array<typeof message.$inferInsert> = [];
	const writers = homes.slice(0, 2).flatMap((home) => home.members.slice(0, 4).map((userId) => ({ home, userId })));
	if (writers.length === 0) return { posts, conversations, members, messages, ...demoBoundaries([], now) };
	POSTS.forEach((post, i) => {
		const { home, userId } = writers[i % writers.length];
		const createdAt = new Date(now.getTime() - (POSTS.length - i) * 9 * 3_600_000);
		posts.push({ ...post, id: uuid(), town: post.online ? '' : home.town, initiativeId: home.id, createdBy: userId, createdAt, updatedAt: createdAt });
	});
	CONVERSATIONS.forEach(({ post, lines }, n) => {
		const about = posts[post];
		const home = homes.find((h) => h.id === about.initiativeId)!;
		const responder = home.members.find((m) => m !== about.createdBy && !writers.some((w) => w.userId === m)) ?? home.coordinator;
		const id = uuid();
		const started = new Date(about.createdAt!.getTime() + (n + 1) * 3_600_000);
		const at = (k: number) => new Date(started.getTime() + k * 40 * 60_000);
		conversations.push({ id, postId: about.id, createdAt: started, lastMessageAt: at(lines.length - 1) });
		// The writer of the post has read everything but the last message: one unread conversation for them.
		members.push({ conversationId: id, userId: responder, readAt: at(lines.length - 1), lastMessageAt: at(lines.length - 1) }, { conversationId: id, userId: about.createdBy, readAt: at(lines.length - 2), lastMessageAt: at(lines.length - 1) });
		lines.forEach((body, k) => messages.push({ conversationId: id, senderId: k % 2 === 0 ? responder : about.createdBy, body, createdAt: at(k) }));
	});
	const home = homes[0];
	const group = [home.coordinator, ...home.members.slice(0, 3)].filter((userId, i, all) => all.indexOf(userId) === i);
	if (group.length === 4) {
		const id = uuid();
		const started = new Date(now.getTime() - 26 * 3_600_000);
		const at = (k: number) => new Date(started.getTime() + k * 55 * 60_000);
		const last = at(GROUP_LINES.length - 1);
		conversations.push({ id, group: true, initiativeId: home.id, createdAt: started, lastMessageAt: last });
		// Everyone read the last line but the one who wrote the third: one unread group for them.
		group.forEach((userId, i) => members.push({ conversationId: id, userId, readAt: i === 2 ? at(2) : last, lastMessageAt: last }));
		GROUP_LINES.forEach(([who, body], k) => messages.push({ conversationId: id, senderId: group[who], body, createdAt: at(k) }));
	}
	return { posts, conversations, members, messages, ...demoBoundaries(writers.map((w) => w.userId), now) };
}

/**
 * Boundaries are normal: one writer takes "even pauze" for ten days (their
 * post is hidden from others), one lets only people they wrote to first send
 * messages, and some chose other notice mails.
 */
function demoBoundaries(writers: string[], now: Date) {
	const pauses: Array<typeof exchangePause.$inferInsert> = [];
	const settings: Array<typeof messageSetting.$inferInsert> = [];
	const notices: Array<typeof noticePreference.$inferInsert> = [];
	if (writers.length < 4) return { pauses, settings, notices };
	const last = writers[writers.length - 1];
	pauses.push({ userId: last, until: dayKey(new Date(now.getTime() + 10 * 24 * 3_600_000)) });
	settings.push({ userId: writers[3], whoMayWrite: 'wrote_first' });
	notices.push({ userId: writers[0], kind: 'messages', mode: 'daily' }, { userId: writers[3], kind: 'messages', mode: 'off' }, { userId: writers[1], kind: 'post-ending', mode: 'off' });
	return { pauses, settings, notices };
}
