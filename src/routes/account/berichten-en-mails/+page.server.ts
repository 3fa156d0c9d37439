import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { remindersOn, setReminders } from '#lib/server/activities/notifications/opt-out.ts';
import { readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { signedIn } from '#lib/server/http/guard.ts';
import { WHO_MAY_WRITE } from '#lib/server/messages/schema.ts';
import { setWhoMayWrite, whoMayWrite } from '#lib/server/messages/settings.ts';
import { NOTICE_KINDS, offersMode, type NoticeKind } from '#lib/server/notify/kinds.ts';
import { noticeSettings, setNoticeMode } from '#lib/server/notify/preferences.ts';

const PATH = '/account/berichten-en-mails';

export const load: PageServerLoad = async ({ locals }) => {
	const viewer = signedIn(locals, PATH);
	return {
		who: await whoMayWrite(locals.db, viewer),
		whoChoices: WHO_MAY_WRITE,
		notices: await noticeSettings(locals.db, viewer.userId),
		reminders: await remindersOn(locals.db, viewer)
	};
};

export const actions: Actions = {
	wie: async ({ locals, request }) => {
		const viewer = signedIn(locals, PATH);
		const form = await readForm(request);
		if (!form) return unreadableForm();
		if (!(await setWhoMayWrite(locals.db, viewer, form.get('who')))) return fail(400, { errors: { who: m.notices_error_choice() } });
		return { saved: 'who' as const };
	},
	meldingen: async ({ locals, request }) => {
		const viewer = signedIn(locals, PATH);
		const form = await readForm(request);
		if (!form) return unreadableForm();
		const kinds = Object.keys(NOTICE_KINDS) as NoticeKind[];
		// Check every choice first, so a bad one changes nothing.
		const wrong = kinds.find((kind) => !offersMode(kind, form.get(`mode-${kind}`)));
		if (wrong) return fail(400, { errors: { [`mode-${wrong}`]: m.notices_error_choice() } });
		for (const kind of kinds) await setNoticeMode(locals.db, viewer.userId, kind, form.get(`mode-${kind}`));
		await setReminders(locals.db, viewer, form.get('reminders') === 'aan');
		return { saved: 'notices' as const };
	}
};
