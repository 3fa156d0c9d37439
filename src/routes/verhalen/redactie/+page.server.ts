import type { Actions, PageServerLoad } from './$types';
import { isRedactieSomewhere } from '#lib/server/access/stories.ts';
import { NotFound } from '#lib/server/access/core.ts';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';
import { readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { redactieQueue, redactieSettings, setRedactieSetting } from '#lib/server/stories/redactie.ts';

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { db, viewer } = event.locals;
		const queue = await redactieQueue(db, viewer);
		if (!(await isRedactieSomewhere(db, viewer))) throw new NotFound();
		return { queue, settings: await redactieSettings(db, viewer), isAdmin: !!viewer?.isAdmin };
	});

export const actions: Actions = {
	instelling: (event) =>
		guarded(event, async () => {
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			const review = form.get('review');
			if (review !== 'ja' && review !== 'nee') return unreadableForm();
			await setRedactieSetting(event.locals.db, event.locals.viewer, uuidParam(String(form.get('initiativeId') ?? '')), review === 'ja');
			return { saved: true };
		})
};
