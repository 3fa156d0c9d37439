import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireNoteWriter } from '#lib/server/access/impact.ts';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';
import { parseForm, readForm } from '#lib/server/http/forms.ts';
import { addNote, deleteNote, myNotes } from '#lib/server/impact/service.ts';
import { m } from '#lib/paraglide/messages.js';

/** A member's own "wat is er voor mij veranderd" notes for the initiative's report. */
export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { db, viewer } = event.locals;
		const { initiative } = await requireNoteWriter(db, viewer, event.params.slug);
		return { initiative: { slug: initiative.slug, name: initiative.name }, notes: await myNotes(db, viewer, event.params.slug) };
	});

const noteForm = z.object({ message: z.string().trim().min(1).max(500) });

export const actions: Actions = {
	geven: (event) =>
		guarded(event, async () => {
			const form = await readForm(event.request);
			const parsed = form ? parseForm(noteForm, form) : null;
			if (!parsed?.ok) return fail(400, { noteError: m.impact_note_error(), message: String(form?.get('message') ?? '').slice(0, 2000) });
			await addNote(event.locals.db, event.locals.viewer, event.params.slug, parsed.data.message);
			return { noteSaved: true };
		}),
	weghalen: (event) =>
		guarded(event, async () => {
			const form = await readForm(event.request);
			await deleteNote(event.locals.db, event.locals.viewer, uuidParam(String(form?.get('id') ?? '')));
			return { noteRemoved: true };
		})
};
