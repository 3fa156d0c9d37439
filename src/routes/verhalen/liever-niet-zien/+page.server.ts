import type { Actions, PageServerLoad } from './$types';
import { guarded, signedIn } from '#lib/server/http/guard.ts';
import { cleanFields, readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { muteList, saveMuteList } from '#lib/server/stories/mute.ts';
import { STORY_THEMES } from '#lib/server/stories/schema.ts';

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		signedIn(event.locals, event.url.pathname);
		return { list: await muteList(event.locals.db, event.locals.viewer), themes: STORY_THEMES };
	});

export const actions: Actions = {
	default: (event) =>
		guarded(event, async () => {
			signedIn(event.locals, event.url.pathname);
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			const { raw, refused } = cleanFields(form);
			if (refused.length) return unreadableForm();
			const themes = [raw.themes ?? []].flat().filter((t): t is string => typeof t === 'string');
			const list = await saveMuteList(event.locals.db, event.locals.viewer, themes, typeof raw.words === 'string' ? raw.words : '');
			return { saved: true, list };
		})
};
