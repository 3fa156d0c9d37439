import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';
import { parseForm, readForm, t } from '#lib/server/http/forms.ts';
import { labelled } from '#lib/server/impact/output.ts';
import { pagePeriod } from '#lib/server/impact/page.ts';
import { addQuote, figuresPage, removeQuote, setImpactPublic } from '#lib/server/impact/service.ts';
import { m } from '#lib/paraglide/messages.js';

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { db, viewer } = event.locals;
		const { period, view, periodError, choices } = pagePeriod(event.url);
		const figures = await figuresPage(db, viewer, event.params.slug, period);
		return {
			initiative: figures.initiative,
			period: view,
			periodError,
			choices,
			threshold: figures.threshold,
			updated: figures.updated,
			tables: labelled(figures.tables),
			voices: figures.voices,
			reports: figures.reports,
			stories: figures.stories
		};
	});

const publicForm = z.object({ openbaar: z.string().optional() });
const quoteForm = z.object({ verhaal: z.string(), citaat: z.string().trim().min(1).max(300) });
const removeForm = z.object({ id: z.string() });

export const actions: Actions = {
	openbaar: (event) =>
		guarded(event, async () => {
			const form = await readForm(event.request);
			const parsed = form ? parseForm(publicForm, form) : null;
			if (!parsed?.ok) return fail(400, { error: t('form_error_invalid') });
			await setImpactPublic(event.locals.db, event.locals.viewer, event.params.slug, parsed.data.openbaar === 'ja');
			return { publicSaved: true };
		}),
	citaat: (event) =>
		guarded(event, async () => {
			const form = await readForm(event.request);
			const parsed = form ? parseForm(quoteForm, form) : null;
			const typed = { verhaal: String(form?.get('verhaal') ?? ''), citaat: String(form?.get('citaat') ?? '') };
			if (!parsed?.ok) return fail(400, { quoteError: m.impact_quote_not_in_story(), ...typed });
			const result = await addQuote(event.locals.db, event.locals.viewer, event.params.slug, uuidParam(parsed.data.verhaal), parsed.data.citaat);
			if (!result.ok) return fail(400, { quoteError: m.impact_quote_not_in_story(), ...typed });
			return { quoteSaved: true };
		}),
	'citaat-weg': (event) =>
		guarded(event, async () => {
			const form = await readForm(event.request);
			const parsed = form ? parseForm(removeForm, form) : null;
			if (!parsed?.ok) return fail(400, { error: t('form_error_invalid') });
			await removeQuote(event.locals.db, event.locals.viewer, event.params.slug, uuidParam(parsed.data.id));
			return { quoteRemoved: true };
		})
};
