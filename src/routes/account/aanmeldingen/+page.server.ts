import type { PageServerLoad } from './$types';
import { mySignups } from '#lib/server/activities/my-signups.ts';
import { datePath } from '#lib/server/activities/notifications/mails.ts';
import { formatRange } from '#lib/server/activities/time.ts';
import { signedIn } from '#lib/server/http/guard.ts';

/** Mijn aanmeldingen: the dates I signed up for or wait for, each a link to its page (where I can cancel). */
export const load: PageServerLoad = async ({ locals }) => {
	const signups = await mySignups(locals.db, signedIn(locals, '/account/aanmeldingen'));
	return {
		signups: signups.map(({ activity: a, initiative, status, occurrence: o }) => ({
			key: `${a.id}/${o.key.getTime()}`,
			title: a.title,
			initiative: initiative.name,
			href: datePath(initiative.slug, a.id, a.rrule ? o.key : null),
			when: formatRange(o.startsAt, o.endsAt, locals.locale),
			waitlist: status === 'waitlist',
			cancelled: a.status === 'cancelled' || o.cancelled,
			moved: o.moved
		}))
	};
};
