import type { ActivityInput } from '#lib/server/activities/forms.ts';

/** A one-off, two-hour activity on 1 December 2026 at 14:00 Amsterdam time. */
export function oneOff(title: string, visibility: 'public' | 'members'): ActivityInput {
	return {
		title,
		description: '',
		kind: 'ontmoeting',
		startsAt: new Date('2026-12-01T13:00:00Z'),
		endsAt: new Date('2026-12-01T15:00:00Z'),
		place: '',
		capacity: null,
		visibility
	};
}
