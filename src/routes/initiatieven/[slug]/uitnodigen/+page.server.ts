import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { dateFormat } from '#lib/labels/intl.ts';
import { requireCoordinator } from '#lib/server/access/initiatives.ts';
import { inviteLinkForm } from '#lib/server/initiatives/forms.ts';
import { m } from '#lib/paraglide/messages.js';
import { createInviteLink, invitedAlready, listActiveInvites, MAX_BULK_INVITES, parseInviteList, revokeInvite, sendInvites } from '#lib/server/initiatives/invites.ts';
import { INVITE_PATH } from '#lib/server/initiatives/mails.ts';
import { formError, formValues, parseForm, t } from '#lib/server/http/forms.ts';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';

const MAX_FILE_BYTES = 1024 * 1024;
const INVITE_DAYS = 14;

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { db, viewer } = event.locals;
		const { initiative } = await requireCoordinator(db, viewer, { slug: event.params.slug });
		return {
			initiative: { slug: initiative.slug, name: initiative.name },
			// Inviting by mail waits for the association's approval; the page says why.
			published: initiative.status === 'published',
			invites: await listActiveInvites(db, viewer, initiative.id)
		};
	});

const listForm = z.object({ list: z.string().max(200_000, 'invite_mail_error_too_many').optional().default(''), message: z.string().trim().max(1000).optional().default('') });

/** The pasted list, or the uploaded file's text. */
async function readList(form: FormData): Promise<{ ok: true; text: string } | { ok: false; key: string }> {
	const file = form.get('file');
	if (file instanceof File && file.size > 0) {
		if (file.size > MAX_FILE_BYTES) return { ok: false, key: 'invite_mail_error_file' };
		const text = await file.text();
		// A CSV is text: a NUL byte means someone chose a spreadsheet or an image.
		if (text.includes('\u0000')) return { ok: false, key: 'invite_mail_error_file' };
		return { ok: true, text };
	}
	const pasted = form.get('list');
	return { ok: true, text: typeof pasted === 'string' ? pasted : '' };
}

export const actions: Actions = {
	link: (event) =>
		guarded(event, async () => {
			const { db, viewer } = event.locals;
			const { initiative } = await requireCoordinator(db, viewer, { slug: event.params.slug });
			const form = await event.request.formData();
			const parsed = parseForm(inviteLinkForm, form);
			if (!parsed.ok) return parsed.failure;
			const { token } = await createInviteLink(db, viewer, initiative.id, { maxUses: parsed.data.uses === 'one' ? 1 : null, days: parsed.data.days });
			return { link: `${event.locals.origin}${INVITE_PATH}/${token}`, poster: `${INVITE_PATH}/${token}/poster` };
		}),
	intrekken: (event) =>
		guarded(event, async () => {
			const { db, viewer } = event.locals;
			const { initiative } = await requireCoordinator(db, viewer, { slug: event.params.slug });
			const form = await event.request.formData();
			await revokeInvite(db, viewer, initiative.id, uuidParam(String(form.get('inviteId') ?? '')));
			return { revoked: true };
		}),
	voorbeeld: (event) =>
		guarded(event, async () => {
			const { db, viewer, locale } = event.locals;
			const { initiative } = await requireCoordinator(db, viewer, { slug: event.params.slug });
			const form = await event.request.formData();
			const list = await readList(form);
			if (!list.ok) return formError(400, form, 'file', list.key);
			const rows = parseInviteList(list.text);
			if (!rows.length) return formError(400, form, 'list', 'invite_mail_error_empty');
			if (rows.length > MAX_BULK_INVITES) return formError(400, form, 'list', 'invite_mail_error_too_many');
			const message = typeof form.get('message') === 'string' ? String(form.get('message')).slice(0, 1000) : '';
			const valid = rows.filter((r) => !r.error).map((r) => r.email);
			const invited = await invitedAlready(db, viewer, initiative.id, valid);
			const day = (date: Date) => dateFormat(locale, { day: 'numeric', month: 'long', timeZone: 'Europe/Amsterdam' }).format(date);
			return {
				preview: rows.map((r) => ({
					line: r.line,
					email: r.email,
					error: r.error ? t(r.error) : undefined,
					note: invited.has(r.email) ? m.invite_preview_invited_already({ date: day(invited.get(r.email)!) }) : undefined
				})),
				message,
				send: valid.join('\n'),
				// Everything typed stays in the box, so a typo can be fixed instead of typed again.
				values: { list: list.text.slice(0, 200_000), message }
			};
		}),
	versturen: (event) =>
		guarded(event, async () => {
			const { db, viewer, mailer, origin } = event.locals;
			const { initiative } = await requireCoordinator(db, viewer, { slug: event.params.slug });
			const form = await event.request.formData();
			const parsed = parseForm(listForm, form);
			if (!parsed.ok) return parsed.failure;
			const emails = parseInviteList(parsed.data.list).filter((r) => !r.error).map((r) => r.email);
			if (!emails.length) return formError(400, form, 'list', 'invite_mail_error_empty');
			if (emails.length > MAX_BULK_INVITES) return formError(400, form, 'list', 'invite_mail_error_too_many');
			const result = await sendInvites(db, mailer, viewer, initiative.id, emails, origin, { days: INVITE_DAYS, message: parsed.data.message || undefined });
			if (!result.ok && result.error === 'not_published') return formError(403, form, 'list', 'invite_mail_error_pending');
			if (!result.ok) return fail(429, { errors: { list: m.limit_error_invites({ left: result.left }) }, values: formValues(form) });
			return { sent: result.sent };
		})
};
