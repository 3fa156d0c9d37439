import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireMember } from '#lib/server/access/initiatives.ts';
import { leaveInitiative, membersPage, removeMember, setMemberRole, setShowName } from '#lib/server/initiatives/memberships.ts';
import { guarded } from '#lib/server/http/guard.ts';
import { redirectWithFlash } from '#lib/server/http/flash.ts';
import { decideJoinRequest } from '#lib/server/initiatives/join-requests.ts';
import { parseForm, readForm, t } from '#lib/server/http/forms.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { db, viewer } = event.locals;
		// A big initiative has thousands of members: one bounded page at a time, with a link to the next.
		const page = Math.min(10_000, Math.max(1, Number.parseInt(event.url.searchParams.get('pagina') ?? '1', 10) || 1));
		const found = await membersPage(db, viewer, { slug: event.params.slug }, { limit: MEMBERS_PER_PAGE + 1, offset: (page - 1) * MEMBERS_PER_PAGE });
		return {
			initiative: { slug: found.initiative.slug, name: found.initiative.name },
			role: found.role,
			me: viewer!.userId,
			locale: event.locals.locale,
			members: found.members.slice(0, MEMBERS_PER_PAGE),
			hidden: found.hidden,
			requests: found.requests,
			showMyName: found.showMyName,
			previousHref: page > 1 ? `?pagina=${page - 1}` : null,
			nextHref: found.members.length > MEMBERS_PER_PAGE ? `?pagina=${page + 1}` : null
		};
	});

/** Each row can hold a coordinator's buttons: 50 keeps a page short on a phone and with a screen reader. */
const MEMBERS_PER_PAGE = 50;


const memberForm = z.object({ userId: z.string().min(1).max(100) });

/** Run a membership change for the member named in the form. */
async function change(event: RequestEvent, run: (initiativeId: string, userId: string) => Promise<{ ok: true } | { ok: false; error: string }>) {
	return guarded(event, async () => {
		const { initiative } = await requireMember(event.locals.db, event.locals.viewer, { slug: event.params.slug });
		const form = await readForm(event.request);
		const parsed = form ? parseForm(memberForm, form) : null;
		if (!parsed?.ok) return fail(400, { error: t('form_error_invalid') });
		const result = await run(initiative.id, parsed.data.userId);
		if (!result.ok) return fail(400, { error: t(`members_error_${result.error}`) });
		return { saved: true };
	});
}

/** A coordinator answers a request to take part; twice (or two coordinators at once) decides once. */
function decide(event: RequestEvent, accept: boolean) {
	return guarded(event, async () => {
		const { initiative } = await requireMember(event.locals.db, event.locals.viewer, { slug: event.params.slug });
		const form = await readForm(event.request);
		const parsed = form ? parseForm(memberForm, form) : null;
		if (!parsed?.ok) return fail(400, { error: t('form_error_invalid') });
		await decideJoinRequest(event.locals.db, event.locals.viewer, initiative.id, parsed.data.userId, accept);
		redirectWithFlash(event.cookies, `/initiatieven/${initiative.slug}/leden`, accept ? 'join_accepted' : 'join_declined');
	});
}

export const actions: Actions = {
	coordinator: (event) => change(event, (id, userId) => setMemberRole(event.locals.db, event.locals.viewer, id, userId, 'coordinator')),
	lid: (event) => change(event, (id, userId) => setMemberRole(event.locals.db, event.locals.viewer, id, userId, 'member')),
	verwijderen: (event) => change(event, (id, userId) => removeMember(event.locals.db, event.locals.viewer, id, userId)),
	/** "Laat mijn naam zien in de ledenlijst": a checkbox, present means on. */
	naam: (event) =>
		guarded(event, async () => {
			const { initiative } = await requireMember(event.locals.db, event.locals.viewer, { slug: event.params.slug });
			await setShowName(event.locals.db, event.locals.viewer, initiative.id, (await event.request.formData()).get('showName') === 'aan');
			return { saved: true };
		}),
	ja: (event) => decide(event, true),
	nee: (event) => decide(event, false),
	stoppen: (event) =>
		guarded(event, async () => {
			const { initiative } = await requireMember(event.locals.db, event.locals.viewer, { slug: event.params.slug });
			const result = await leaveInitiative(event.locals.db, event.locals.viewer, initiative.id);
			if (!result.ok) return fail(400, { error: t(`members_error_${result.error}`) });
			redirect(303, localizeHref('/initiatieven'));
		})
};
