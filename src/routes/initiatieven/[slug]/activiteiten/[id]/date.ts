import type { RequestEvent } from '@sveltejs/kit';
import { NotFound } from '#lib/server/access/core.ts';
import { nextOccurrence, occurrenceAt, occurrenceOnDay, type Occurrence } from '#lib/server/activities/occurrences.ts';
import { activityInInitiative } from '#lib/server/activities/service.ts';
import { dayKey, parseDate } from '#lib/server/activities/time.ts';
import { uuidParam } from '#lib/server/http/guard.ts';

/**
 * One activity, and for a series one of its dates: `?datum=2026-12-01` names
 * the day the date was planned on (a moved date keeps that address). Without
 * it, a series shows its next date.
 */
export async function resolve(event: Pick<RequestEvent<{ slug: string; id: string }>, 'locals' | 'params' | 'url'>) {
	const { db, viewer } = event.locals;
	const id = uuidParam(event.params.id);
	const access = await activityInInitiative(db, viewer, event.params.slug, id);
	const a = access.activity;
	const asked = event.url.searchParams.get('datum');
	let occurrence: Occurrence | null;
	if (asked !== null) {
		const day = parseDate(asked);
		occurrence = day ? await occurrenceOnDay(db, a, day) : null;
	} else occurrence = a.rrule ? await nextOccurrence(db, a) : await occurrenceAt(db, a, a.startsAt);
	if (!occurrence) throw new NotFound();
	// This date's page, where a form post leads back to (post/redirect/get).
	const here = `/initiatieven/${access.initiative.slug}/activiteiten/${id}${a.rrule ? `?datum=${dayKey(occurrence.key)}` : ''}`;
	return { id, access, occurrence, here };
}

