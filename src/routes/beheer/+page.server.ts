import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireAdmin } from '#lib/server/access/core.ts';
import { listAllForAdmin, setInitiativeStatus } from '#lib/server/initiatives/service.ts';
import { decideInitiative } from '#lib/server/initiatives/review.ts';
import { m } from '#lib/paraglide/messages.js';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';
import { parseForm, readForm, t } from '#lib/server/http/forms.ts';

const PAGE_SIZE = 100;

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		requireAdmin(event.locals.viewer);
		const page = Math.max(1, Math.min(1000, Number.parseInt(event.url.searchParams.get('pagina') ?? '1', 10) || 1));
		const rows = await listAllForAdmin(event.locals.db, event.locals.viewer, { limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE });
		return { initiatives: rows.slice(0, PAGE_SIZE), nextPage: rows.length > PAGE_SIZE ? page + 1 : null };
	});

const statusForm = z.object({ id: z.string(), status: z.enum(['published', 'unpublished']) });
const decisionForm = z.object({ id: z.string(), decision: z.enum(['approve', 'decline']), reason: z.string().optional().default('') });

export const actions: Actions = {
	status: (event) =>
		guarded(event, async () => {
			const form = await readForm(event.request);
			const parsed = form ? parseForm(statusForm, form) : null;
			if (!parsed?.ok) return fail(400, { error: t('form_error_invalid') });
			await setInitiativeStatus(event.locals.db, event.locals.viewer, uuidParam(parsed.data.id), parsed.data.status);
			return { saved: true };
		}),
	/** A waiting initiative: approve it, or decline it with a reason its coordinators read. */
	besluit: (event) =>
		guarded(event, async () => {
			const form = await readForm(event.request);
			const parsed = form ? parseForm(decisionForm, form) : null;
			if (!parsed?.ok) return fail(400, { error: t('form_error_invalid') });
			const { id, decision, reason } = parsed.data;
			const result = await decideInitiative(event.locals.db, event.locals.viewer, uuidParam(id), decision === 'approve', reason);
			if (!result.ok) return fail(400, { declineId: id, reason, reasonError: result.error === 'reason' ? m.review_error_reason() : m.review_error_reason_long() });
			if (result.already) return { message: m.review_already() };
			return decision === 'approve' ? { saved: true } : { message: m.review_declined_done() };
		})
};
