import { fail, redirect } from '@sveltejs/kit';
import { localizeHref } from '#lib/paraglide/runtime.js';
import { dateFormat } from '#lib/labels/intl.ts';
import type { Outcome } from './outcome.ts';
import { resolve } from './date.ts';
import { guestRequest, showNameChoice } from './guest-action.ts';
import type { Actions, PageServerLoad } from './$types';
import { cancelOccurrence, moveOccurrence, restoreOccurrence } from '#lib/server/activities/exceptions.ts';
import { coHostForm, moveForm, turnoutForm } from '#lib/server/activities/forms.ts';
import { addCoHost, coHosts, possibleCoHosts, removeCoHost, toldApart } from '#lib/server/activities/hosts.ts';
import { approveActivity, declineActivity } from '#lib/server/activities/proposals.ts';
import { recordTurnout, turnoutOf } from '#lib/server/activities/turnout.ts';
import { eventJsonLd } from '#lib/server/activities/json-ld.ts';
import { comingOccurrences } from '#lib/server/activities/occurrences.ts';
import { describeRule, monthlyPosition } from '#lib/server/activities/recurrence.ts';
import { cancelActivity, meetingLinkFor } from '#lib/server/activities/service.ts';
import { shownActivityPhoto } from '#lib/server/activities/photo.ts';
import { GUEST_HONEYPOT_FIELD, guestSignupsOpen } from '#lib/server/activities/guests/service.ts';
import { attendance, signUp } from '#lib/server/activities/signups.ts';
import { mySeriesDates, signUpForSeries, stopSeries } from '#lib/server/activities/series-signups.ts';
import { wayIn } from '#lib/server/access/join-requests.ts';
import { isEmailConfirmed, requestConfirmationMail } from '#lib/server/accounts/confirm-email.ts';
import { askToJoin, myJoinRequest } from '#lib/server/initiatives/join-requests.ts';
import { joinOpenInitiative } from '#lib/server/initiatives/memberships.ts';
import { redirectWithFlash } from '#lib/server/http/flash.ts';
import { dayKey, formatDay, formatRange, parseDate, startOfDay, toFormParts, ZONE } from '#lib/server/activities/time.ts';
import { placeSearchLink, routeLink } from '#lib/server/initiatives/profile-view.ts';
import { formError, parseForm, readForm, t, unreadableForm } from '#lib/server/http/forms.ts';
import { guarded, signedIn, uuidParam } from '#lib/server/http/guard.ts';

/** "Every week on Tuesday, 10 times": the parts; the page words them in the reader's language. */
function seriesFacts(rrule: string | null, startsAt: Date, locale: string) {
	if (!rrule) return null;
	const { pattern, end } = describeRule(rrule);
	const weekday = dateFormat(locale, { timeZone: ZONE, weekday: 'long' }).format(startsAt);
	const until = end.kind === 'until' ? formatDay(startOfDay(end.date), locale) : null;
	return { pattern, weekday, nth: monthlyPosition(rrule)?.nth ?? null, until, count: end.kind === 'count' ? end.count : null };
}

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { db, viewer, locale, origin } = event.locals;
		const { id, access, occurrence: o } = await resolve(event);
		const { activity: a, initiative, role, canManage, host } = access;
		const path = `/initiatieven/${initiative.slug}/activiteiten/${a.id}`;
		const datum = a.rrule ? dayKey(o.key) : null;
		const others = a.rrule ? (await comingOccurrences(db, a, new Date(), 9)).filter((c) => c.key.getTime() !== o.key.getTime()).slice(0, 8) : [];
		const moveValues = { date: toFormParts(o.startsAt).date, startTime: toFormParts(o.startsAt).time, endTime: toFormParts(o.endsAt).time };
		const isPublic = a.visibility === 'public' && initiative.status === 'published' && a.status !== 'proposed';
		const signups = await attendance(db, viewer, id, o.key);
		const atInitiative = !a.place && !a.onlineUrl;
		const features = [...new Set([...a.accessibility, ...(atInitiative ? initiative.accessibility.filter((f) => f !== 'gratis') : [])])];
		const past = o.startsAt <= new Date() && !o.cancelled && a.status === 'published';
		const way = wayIn(initiative, role, viewer);
		const mySeries = role && a.rrule ? await mySeriesDates(db, viewer, a.id) : [];
		return {
			// The way in for someone who is not a member yet (see access/join-requests.ts), and what it waits for.
			join: {
				way,
				open: initiative.joinPolicy === 'open',
				confirmed: way === 'join' || way === 'ask' ? await isEmailConfirmed(db, viewer) : true,
				request: way === 'ask' ? await myJoinRequest(db, viewer, initiative.id) : null
			},
			mySeries: mySeries.map((d) => ({ href: `${path}?datum=${dayKey(d.key)}`, day: formatDay(d.key, locale), status: d.status })),
			initiative: { slug: initiative.slug, name: initiative.name },
			// Where to go: at the initiative its own address and route; elsewhere the place as typed, found on the map.
			where: atInitiative
				? { address: [initiative.address, [initiative.postcode, initiative.town].filter(Boolean).join(' ')].filter(Boolean), route: routeLink(initiative) }
				: { address: [], route: a.place ? placeSearchLink(a.place, initiative.town) : undefined },
			activity: {
				id: a.id,
				title: a.title,
				description: a.description,
				kind: a.kind,
				when: formatRange(o.startsAt, o.endsAt, locale),
				started: o.startsAt <= new Date(),
				place: a.place,
				online: !!a.onlineUrl,
				onlineUrl: meetingLinkFor(access, signups.mine),
				theme: a.theme,
				costCents: a.costCents,
				bring: a.bring,
				features,
				capacity: a.capacity,
				visibility: a.visibility,
				status: a.status,
				host,
				coHosts: role ? (await coHosts(db, a.id)).map((h) => h.name) : []
			},
			// Its own photo, else the initiative's main one.
			photo: await shownActivityPhoto(db, a, initiative.slug),
			manage: canManage
				? {
						coHosts: await coHosts(db, a.id),
						candidates: a.status === 'cancelled' ? [] : toldApart(await possibleCoHosts(db, viewer, a.id), locale),
						turnout: past ? { people: await turnoutOf(db, viewer, a.id, o.key) } : null,
						review: role === 'coordinator' && a.status === 'proposed'
					}
				: null,
			date: { datum, cancelled: o.cancelled, moved: o.moved ? formatDay(o.key, locale) : null, label: formatDay(o.key, locale) },
			series: seriesFacts(a.rrule, a.startsAt, locale),
			others: others.map((c) => ({ href: `${path}?datum=${dayKey(c.key)}`, when: formatRange(c.startsAt, c.endsAt, locale), cancelled: c.cancelled })),
			moveValues,
			role,
			canManage,
			signedIn: !!viewer,
			attendance: signups,
			guest: { open: !role && guestSignupsOpen(a, initiative) && !o.cancelled && o.startsAt > new Date(), honeypot: GUEST_HONEYPOT_FIELD },
			ics: `${path}.ics`,
			shareUrl: `${origin}${localizeHref(`${path}${datum ? `?datum=${datum}` : ''}`)}`,
			jsonLd: isPublic && a.status !== 'cancelled' ? eventJsonLd({ ...a, startsAt: o.startsAt, endsAt: o.endsAt }, initiative, `${origin}${path}${datum ? `?datum=${datum}` : ''}`, o.cancelled) : null
		};
	});


export const actions = {
	aanmelden: (event) =>
		guarded(event, async () => {
			const { id, occurrence, here } = await resolve(event);
			const showName = (await readForm(event.request))?.get('showName') === 'ja';
			const result = await signUp(event.locals.db, event.locals.viewer, id, occurrence.key, new Date(), { showName });
			if (!result.ok) return fail(400, { error: t(`activity_error_${result.error}`) } as Outcome);
			redirectWithFlash(event.cookies, here, result.status === 'confirmed' ? 'signed_up' : 'waitlisted');
		}),
	/** "Word lid en doe mee": join the open initiative and take this date, in one step. */
	'lid-worden': (event) =>
		guarded(event, async () => {
			const { id, occurrence, here, access } = await resolve(event);
			const { db, viewer } = event.locals;
			const joined = await joinOpenInitiative(db, viewer, access.initiative.id);
			if (!joined.ok && joined.error === 'unconfirmed') return fail(403, { error: t('confirm_needed_join') } as Outcome);
			if (!joined.ok && joined.error === 'rate_limited') return fail(429, { error: t('limit_error_joins') } as Outcome);
			if (!joined.ok) return fail(400, { error: t(`members_error_${joined.error}`) } as Outcome);
			const result = await signUp(db, viewer, id, occurrence.key);
			redirectWithFlash(event.cookies, here, result.ok ? 'joined_signed_up' : 'joined');
		}),
	/** "Vraag of je mag meedoen": a request to the coordinators of an initiative by invitation. */
	vragen: (event) =>
		guarded(event, async () => {
			const { here, access } = await resolve(event);
			const result = await askToJoin(event.locals.db, event.locals.viewer, access.initiative.id);
			if (!result.ok) return fail(result.error === 'rate_limited' ? 429 : 400, { error: t(`join_error_${result.error}`) } as Outcome);
			redirectWithFlash(event.cookies, here, result.status === 'member' ? 'joined' : 'join_asked');
		}),
	/** Send the link that confirms the address; it brings the person back to this date. */
	bevestigen: (event) =>
		guarded(event, async () => {
			const { here } = await resolve(event);
			const viewer = signedIn(event.locals, here);
			const result = await requestConfirmationMail(event.locals.db, viewer, here);
			if (result === 'rate_limited') return fail(429, { error: t('join_error_confirm_rate_limited') } as Outcome);
			redirectWithFlash(event.cookies, here, result === 'sent' ? 'confirm_sent' : 'email_confirmed');
		}),
	/** "Ik kom elke week": every coming date of the series. */
	'elke-week': (event) =>
		guarded(event, async () => {
			const { id, here } = await resolve(event);
			const showName = (await readForm(event.request))?.get('showName') === 'ja';
			const result = await signUpForSeries(event.locals.db, event.locals.viewer, id, new Date(), { showName });
			if (!result.ok) return fail(400, { error: t(`activity_error_${result.error}`) } as Outcome);
			redirectWithFlash(event.cookies, here, 'series_signed_up');
		}),
	/** "Stop ermee": no more "elke week"; every coming sign-up for the series ends. */
	stoppen: (event) =>
		guarded(event, async () => {
			const { id, here } = await resolve(event);
			await stopSeries(event.locals.db, event.locals.viewer, id);
			redirectWithFlash(event.cookies, here, 'series_stopped');
		}),
	gast: (event) => guarded(event, async () => guestRequest(event, await resolve(event))),
	'naam-tonen': (event) => guarded(event, async () => showNameChoice(event, await resolve(event))),
	afzeggen: (event) =>
		guarded(event, async () => {
			const { id } = await resolve(event);
			await cancelActivity(event.locals.db, event.locals.viewer, id);
			return { cancelled: true } as Outcome;
		}),
	'datum-afzeggen': (event) =>
		guarded(event, async () => {
			const { id, occurrence } = await resolve(event);
			const result = await cancelOccurrence(event.locals.db, event.locals.viewer, id, occurrence.key);
			if (!result.ok) return fail(400, { error: t(`activity_error_${result.error}`) } as Outcome);
			return { dateCancelled: true } as Outcome;
		}),
	'datum-terug': (event) =>
		guarded(event, async () => {
			const { id, occurrence } = await resolve(event);
			const result = await restoreOccurrence(event.locals.db, event.locals.viewer, id, occurrence.key);
			if (!result.ok) return fail(400, { error: t(`activity_error_${result.error}`) } as Outcome);
			return { dateRestored: true } as Outcome;
		}),
	goedkeuren: (event) =>
		guarded(event, async () => {
			const { id } = await resolve(event);
			await approveActivity(event.locals.db, event.locals.viewer, id);
			return { approved: true } as Outcome;
		}),
	afwijzen: (event) =>
		guarded(event, async () => {
			const { id, access } = await resolve(event);
			await declineActivity(event.locals.db, event.locals.viewer, id);
			redirect(303, localizeHref(`/initiatieven/${access.initiative.slug}/activiteiten?afgewezen=1`));
		}),
	'begeleider-toevoegen': (event) =>
		guarded(event, async () => {
			const { id } = await resolve(event);
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			const parsed = parseForm(coHostForm, form);
			const result = parsed.ok ? await addCoHost(event.locals.db, event.locals.viewer, id, parsed.data.userId) : { ok: false as const };
			if (!result.ok) return fail(400, { error: t('activity_error_cohost') } as Outcome);
			return { coHostAdded: true } as Outcome;
		}),
	'begeleider-weghalen': (event) =>
		guarded(event, async () => {
			const { id } = await resolve(event);
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			const parsed = parseForm(coHostForm, form);
			if (parsed.ok) await removeCoHost(event.locals.db, event.locals.viewer, id, parsed.data.userId);
			return { coHostRemoved: true } as Outcome;
		}),
	opkomst: (event) =>
		guarded(event, async () => {
			const { id, occurrence } = await resolve(event);
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			const parsed = parseForm(turnoutForm, form);
			if (!parsed.ok) return parsed.failure;
			const result = await recordTurnout(event.locals.db, event.locals.viewer, id, occurrence.key, parsed.data.people);
			if (!result.ok) return fail(400, { error: t(`activity_error_${result.error}`) } as Outcome);
			return { turnoutSaved: true } as Outcome;
		}),
	verzetten: (event) =>
		guarded(event, async () => {
			const { id, occurrence } = await resolve(event);
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			const parsed = parseForm(moveForm, form);
			if (!parsed.ok) return parsed.failure;
			const result = await moveOccurrence(event.locals.db, event.locals.viewer, id, occurrence.key, parsed.data);
			// A time that cannot be chosen is a mistake in the form: said at the date field, with what was typed.
			if (!result.ok && (result.error === 'move_past' || result.error === 'move_taken')) return formError(400, form, 'date', `activity_error_${result.error}`);
			if (!result.ok) return fail(400, { error: t(`activity_error_${result.error}`) } as Outcome);
			return { dateMoved: true } as Outcome;
		})
} satisfies Actions;
