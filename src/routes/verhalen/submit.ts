import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { requireWriter } from '#lib/server/access/stories.ts';
import { formValues, parseForm, readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { storyForm } from '#lib/server/stories/forms.ts';
import { privacyHints } from '#lib/server/stories/privacy.ts';
import { createStory, updateStory } from '#lib/server/stories/service.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';

/**
 * The story form's one action, for a new story and for a change: "bewaren
 * als concept" saves at once; "versturen" first runs the privacy check and,
 * when it finds something, shows the hints with what was typed — sending
 * again ("toch versturen") goes through. The form's script saves a draft
 * now and then while the writer types (`autosave`): only a draft, and it
 * answers instead of redirecting.
 */
export async function submitStory(event: RequestEvent, storyId?: string) {
	const { db, viewer } = event.locals;
	const form = await readForm(event.request);
	if (!form) return unreadableForm();
	const parsed = parseForm(storyForm, form);
	if (form.get('autosave') === '1') {
		// Half-typed is normal here: nothing to show, the next try may do.
		if (!parsed.ok) return fail(400, { autosaved: null });
		if (!storyId) return { autosaved: (await createStory(db, viewer, parsed.data, false)).id };
		const { story } = await requireWriter(db, viewer, storyId);
		if (story.status !== 'draft') return fail(409, { autosaved: null });
		await updateStory(db, viewer, storyId, parsed.data, false);
		return { autosaved: storyId };
	}
	if (!parsed.ok) return parsed.failure;
	const send = form.get('actie') !== 'concept';
	if (send && form.get('gecontroleerd') !== '1') {
		const hints = privacyHints(`${parsed.data.title}\n${parsed.data.body}`);
		if (hints.length) return { hints, values: formValues(form) };
	}
	const { id, status } = storyId ? { id: storyId, ...(await updateStory(db, viewer, storyId, parsed.data, send)) } : await createStory(db, viewer, parsed.data, send);
	const done = status === 'draft' ? 'concept' : status === 'review' ? 'redactie' : 'online';
	redirect(303, localizeHref(`/verhalen/${id}?klaar=${done}`));
}
