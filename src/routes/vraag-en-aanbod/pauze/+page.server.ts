import type { Actions, PageServerLoad } from './$types';
import { endPause, myPause, readDay, startPause } from '#lib/server/exchange/pause.ts';
import { formError, readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { guarded } from '#lib/server/http/guard.ts';

export const load: PageServerLoad = (event) => guarded(event, async () => ({ pause: await myPause(event.locals.db, event.locals.viewer) }));

export const actions: Actions = {
	nemen: (event) =>
		guarded(event, async () => {
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			const until = readDay(form.get('until'));
			if (until === 'invalid') return formError(400, form, 'until', 'boundaries_error_day');
			await startPause(event.locals.db, event.locals.viewer, until);
			return { started: true };
		}),
	stoppen: (event) =>
		guarded(event, async () => {
			await endPause(event.locals.db, event.locals.viewer);
			return { ended: true };
		})
};
