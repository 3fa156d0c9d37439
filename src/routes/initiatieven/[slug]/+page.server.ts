import type { Actions, PageServerLoad } from './$types';
import { fail } from '@sveltejs/kit';
import { initiativeFor, reviewNoteFor } from '#lib/server/access/initiatives.ts';
import { isEmailConfirmed } from '#lib/server/accounts/confirm-email.ts';
import { listOccurrences } from '#lib/server/activities/service.ts';
import { datePath } from '#lib/server/activities/notifications/mails.ts';
import { formatRange } from '#lib/server/activities/time.ts';
import { HONEYPOT_FIELD } from '#lib/server/initiatives/contact.ts';
import { joinOpenInitiative } from '#lib/server/initiatives/memberships.ts';
import { localPoolOf } from '#lib/server/expertise/pool.ts';
import { profileFor } from '#lib/server/initiatives/profile.ts';
import { hoursView, routeLink, structuredData } from '#lib/server/initiatives/profile-view.ts';
import { memberCount } from '#lib/server/initiatives/service.ts';
import { firstSteps } from '#lib/server/start/checklist.ts';
import { guarded } from '#lib/server/http/guard.ts';
import { t } from '#lib/server/http/forms.ts';
import { m } from '#lib/paraglide/messages.js';
import { localizeHref } from '#lib/paraglide/runtime.js';

/** How far ahead the page looks for coming activities. */
const UPCOMING_DAYS = 60;

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { db, viewer, locale } = event.locals;
		const now = new Date();
		const { initiative: i, role, schedule, photos } = await profileFor(db, viewer, { slug: event.params.slug }, now);
		// The next few dates (series expanded), as the initiative's own calendar shows them.
		const upcoming = await listOccurrences(db, viewer, i.id, { from: now, to: new Date(now.getTime() + UPCOMING_DAYS * 86_400_000), limit: 5 });
		const page = `${event.url.origin}${localizeHref(`/initiatieven/${i.slug}`)}`;
		const photoUrl = (id: string) => `/initiatieven/${i.slug}/fotos/${id}`;
		return {
			initiative: {
				id: i.id,
				slug: i.slug,
				name: i.name,
				town: i.town,
				description: i.description,
				address: i.address,
				postcode: i.postcode,
				themes: i.themes,
				accessibility: i.accessibility,
				phone: i.phone,
				website: i.website,
				joinPolicy: i.joinPolicy,
				status: i.status
			},
			url: page,
			route: routeLink(i),
			hours: hoursView(schedule, now, locale),
			photos: photos.map((p) => ({ ...p, src: photoUrl(p.id) })),
			activities: {
				list: upcoming.occurrences
					.filter((o) => o.status !== 'cancelled' && !o.cancelled)
					.map((o) => ({
						href: datePath(i.slug, o.id, o.series ? o.key : null),
						title: o.title,
						when: formatRange(o.startsAt, o.endsAt, locale),
						startsAt: o.startsAt.toISOString()
					})),
				more: upcoming.more
			},
			jsonLd:
				i.status === 'published'
					? structuredData({ ...i, url: page, hours: schedule.hours, photoUrls: photos.map((p) => `${event.url.origin}${photoUrl(p.id)}`) })
					: null,
			honeypot: HONEYPOT_FIELD,
			role,
			reviewNote: reviewNoteFor({ initiative: i, role }),
			// Schools and organisations can ask this initiative for experts by experience once it has its own pool coordinator.
			localPool: i.status === 'published' && !!(await localPoolOf(db, i.slug)),
			steps: role === 'coordinator' ? await firstSteps(db, viewer, i.id) : null,
			members: role ? await memberCount(db, i.id) : null,
			signedIn: !!viewer,
			// Joining takes a confirmed address; the join button says so and offers the link again.
			confirmed: viewer && !role && i.joinPolicy === 'open' ? await isEmailConfirmed(db, viewer) : true,
			// Only a member is welcomed: the same link follows a sign-up with an address that has an account.
			joined: event.url.searchParams.has('welkom') && role !== null
		};
	});

export const actions: Actions = {
	lidworden: (event) =>
		guarded(event, async () => {
			const { initiative } = await initiativeFor(event.locals.db, event.locals.viewer, { slug: event.params.slug });
			const result = await joinOpenInitiative(event.locals.db, event.locals.viewer, initiative.id);
			if (!result.ok && result.error === 'unconfirmed') return fail(403, { error: m.confirm_needed_join() });
			if (!result.ok && result.error === 'rate_limited') return fail(429, { error: m.limit_error_joins() });
			if (!result.ok) return fail(400, { error: t(`members_error_${result.error}`) });
			return { joined: true };
		})
};
