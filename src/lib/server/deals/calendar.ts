import type { PersonalEvent } from '../activities/ical.ts';
import type { Db } from '../db/index.ts';
import { agreedDealsOf } from './service.ts';

/** An afspraak lasts an hour in a calendar: people only agree on when it starts. */
const HOUR = 3600_000;
const MAX = 200;

/**
 * A person's agreed afspraken as events for their own calendar feed: the
 * post's title (in `summary`, e.g. "Afspraak: {title}") and the place, a link
 * to the conversation, never anything from the messages.
 */
export async function dealEvents(db: Db, userId: string, since: Date, summary: (input: { title: string }) => string): Promise<PersonalEvent[]> {
	return (await agreedDealsOf(db, userId, since, MAX)).map((d) => ({
		id: `afspraak-${d.conversationId}`,
		summary: summary({ title: d.title }),
		location: d.place,
		start: d.startsAt,
		end: new Date(d.startsAt.getTime() + HOUR),
		path: `/berichten/${d.conversationId}`
	}));
}
