import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';
import { cleanFields, formError, readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { articleJsonLd } from '#lib/server/stories/json-ld.ts';
import { getStory, similarStories } from '#lib/server/stories/read.ts';
import { giveNote, notesForWriter, readerNote, removeNote, takeBackNote } from '#lib/server/stories/notes.ts';
import { setRecognition } from '#lib/server/stories/recognition.ts';
import { acceptEdit, declineEdit } from '#lib/server/stories/redactie.ts';
import { today, withdrawStory } from '#lib/server/stories/service.ts';

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { db, viewer, origin } = event.locals;
		const story = await getStory(db, viewer, uuidParam(event.params.id));
		const notesPage = Math.min(1000, Math.max(1, Number.parseInt(event.url.searchParams.get('berichtjes') ?? '1', 10) || 1));
		const notes = story.isWriter && story.status === 'published' ? await notesForWriter(db, viewer, story.id, notesPage) : null;
		const isPublic = story.visibility === 'public' && story.status === 'published';
		return {
			story,
			origin,
			done: event.url.searchParams.get('klaar'),
			ended: !!story.own?.visibleUntil && story.own.visibleUntil < today(),
			jsonLd: isPublic ? articleJsonLd(story, `${origin}/verhalen/${story.id}`) : null,
			similar: story.status === 'published' && story.visibility !== 'link' ? await similarStories(db, viewer, story) : [],
			note: story.mayRecognize ? await readerNote(db, viewer, story.id) : null,
			notes: notes && { items: notes.notes, nextHref: notes.more ? `?berichtjes=${notesPage + 1}#berichtjes` : null }
		};
	});

/** An id the form names (the proposal the writer answers, the note they remove). */
async function idField(request: Request, field: string): Promise<string | null> {
	const form = await readForm(request);
	const id = form?.get(field);
	return typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id) ? id : null;
}

const NOTE_ERRORS = { empty: 'stories_note_error_empty', long: 'stories_note_error_long', closed: 'stories_note_error_closed', exists: 'stories_note_error_exists' } as const;

export const actions: Actions = {
	/** "Dit herken ik", with a note to the writer when the reader wrote one. */
	herkennen: (event) =>
		guarded(event, async () => {
			const { db, viewer } = event.locals;
			const id = uuidParam(event.params.id);
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			const { raw, refused } = cleanFields(form);
			if (refused.length) return formError(400, form, 'note', 'form_error_characters');
			const note = typeof raw.note === 'string' ? raw.note : '';
			if (!note) {
				await setRecognition(db, viewer, id, true);
				return { done: 'herkend' };
			}
			const result = await giveNote(db, viewer, id, note);
			if (!result.ok) return formError(result.error === 'exists' || result.error === 'closed' ? 409 : 400, form, 'note', NOTE_ERRORS[result.error]);
			return { done: 'berichtje' };
		}),
	'berichtje-terug': (event) =>
		guarded(event, async () => {
			await takeBackNote(event.locals.db, event.locals.viewer, uuidParam(event.params.id));
			return { done: 'berichtje-terug' };
		}),
	'berichtje-weg': (event) =>
		guarded(event, async () => {
			const id = await idField(event.request, 'note');
			if (!id) return unreadableForm();
			await removeNote(event.locals.db, event.locals.viewer, uuidParam(event.params.id), id);
			return { done: 'berichtje-weg' };
		}),
	'niet-herkennen': (event) =>
		guarded(event, async () => {
			await setRecognition(event.locals.db, event.locals.viewer, uuidParam(event.params.id), false);
			return { done: 'niet-herkend' };
		}),
	terugtrekken: (event) =>
		guarded(event, async () => {
			await withdrawStory(event.locals.db, event.locals.viewer, uuidParam(event.params.id));
			return { done: 'teruggetrokken' };
		}),
	'voorstel-ja': (event) =>
		guarded(event, async () => {
			const id = await idField(event.request, 'edit');
			if (!id) return unreadableForm();
			await acceptEdit(event.locals.db, event.locals.viewer, uuidParam(event.params.id), id);
			return { done: 'aangepast' };
		}),
	'voorstel-nee': (event) =>
		guarded(event, async () => {
			const id = await idField(event.request, 'edit');
			if (!id) return fail(400, { done: null });
			await declineEdit(event.locals.db, event.locals.viewer, uuidParam(event.params.id), id);
			return { done: 'afgewezen' };
		})
};
