import type { PageServerLoad } from './$types';
import { mySignups } from '#lib/server/activities/my-signups.ts';
import { dayKey, formatRange } from '#lib/server/activities/time.ts';
import { signedIn } from '../signed-in.ts';

/** Mijn aanmeldingen: the dates I signed up for or wait for, each a link to its page (where I can cancel). */
export const load: PageServerLoad = async ({ locals }) => {
	const signups = await mySignups(locals.db, signedIn(locals, '/account/aanmeldingen'));
	return {
		signups: signups.map(({ activity: a, initiative, status, occurrence: o }) => ({
			key: `${a.id}/${o.key.getTime()}`,
			title: a.title,
			initiative: initiative.name,
			href: `/initiatieven/${initiative.slug}/activiteiten/${a.id}${a.rrule ? `?datum=${dayKey(o.key)}` : ''}`,
			when: formatRange(o.startsAt, o.endsAt, locals.locale),
			waitlist: status === 'waitlist',
			cancelled: a.status === 'cancelled' || o.cancelled,
			moved: o.moved
		}))
	};
};
