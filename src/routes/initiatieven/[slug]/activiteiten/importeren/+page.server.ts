import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { dateFormat } from '#lib/labels/intl.ts';
import { requireCoordinator } from '#lib/server/access/initiatives.ts';
import { columnIndex, columnOf } from '#lib/server/activities/import/csv.ts';
import { draftFromJson, draftToJson, MAX_BYTES } from '#lib/server/activities/import/draft.ts';
import { importOptionsForm, previewImport, readImport, saveImport, type Preview, type ReadResult, type RowStatus } from '#lib/server/activities/import/service.ts';
import { describeRule } from '#lib/server/activities/recurrence.ts';
import { dayKey, ZONE } from '#lib/server/activities/time.ts';
import { config } from '#lib/server/config.ts';
import { formValues, parseForm, readForm, t, unreadableForm } from '#lib/server/http/forms.ts';
import { guarded } from '#lib/server/http/guard.ts';
import { ACTIVITY_ACCESSIBILITY } from '#lib/server/activities/schema.ts';
import { THEMES } from '#lib/server/initiatives/schema.ts';
import { m } from '#lib/paraglide/messages.js';
import { localizeHref } from '#lib/paraglide/runtime.js';

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { initiative } = await requireCoordinator(event.locals.db, event.locals.viewer, { slug: event.params.slug });
		const done = /^(\d{1,4})-(\d{1,4})-(\d{1,4})$/.exec(event.url.searchParams.get('klaar') ?? '');
		return {
			initiative: { slug: initiative.slug, name: initiative.name },
			done: done ? { created: +done[1], updated: +done[2], cancelled: +done[3] } : null,
			words: { themes: THEMES, accessibility: ACTIVITY_ACCESSIBILITY },
			maxMegabytes: MAX_BYTES / 1024 / 1024
		};
	});

/** A multipart body over the server's limit is a clear message, not an error page. */
async function readUpload(request: Request): Promise<FormData | 'too_large' | null> {
	try {
		return await request.formData();
	} catch (e) {
		return (e as { status?: number }).status === 413 ? 'too_large' : null;
	}
}

/** Why a file or feed could not be read, in the reader's words. */
function readError(result: Extract<ReadResult, { ok: false }>): string {
	switch (result.error) {
		case 'unreadable_csv':
			return m.import_error_unreadable_csv({ line: result.line });
		case 'missing_columns':
			return m.import_error_missing_columns({ columns: result.columns.join(', ') });
		case 'feed_status':
			return m.import_error_feed_status({ status: result.status ?? 0 });
		default:
			return t(`import_error_${result.error}`);
	}
}

const STATUS_TEXT: Record<RowStatus, () => string> = {
	new: m.import_status_new,
	update: m.import_status_update,
	same: m.import_status_same,
	cancel: m.import_status_cancel,
	cancelled: m.import_status_cancelled,
	past: m.import_status_past,
	error: m.import_status_error
};
const COUNT_TEXT: Record<RowStatus, (p: { count: number }) => string> = {
	new: m.import_count_new,
	update: m.import_count_update,
	same: m.import_count_same,
	cancel: m.import_count_cancel,
	cancelled: m.import_count_cancelled,
	past: m.import_count_past,
	error: m.import_count_error
};
const REPEAT_TEXT = { once: () => '', weekly: m.import_repeat_weekly, biweekly: m.import_repeat_biweekly, monthly: m.import_repeat_monthly };

/** The preview as the page shows it: texts in the reader's language, dates with their year. */
function present(preview: Preview, locale: string) {
	const day = dateFormat(locale, { timeZone: ZONE, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
	const time = dateFormat(locale, { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
	const when = (a: { startsAt: Date; endsAt: Date }) => ({
		day: day.format(a.startsAt),
		time: `${time.format(a.startsAt)}–${dayKey(a.startsAt) === dayKey(a.endsAt) ? '' : `${day.format(a.endsAt)}, `}${time.format(a.endsAt)}`
	});
	return {
		counts: (Object.keys(COUNT_TEXT) as RowStatus[]).filter((s) => preview.counts[s] > 0).map((s) => ({ status: s, text: COUNT_TEXT[s]({ count: preview.counts[s] }) })),
		pastLeftOut: preview.pastLeftOut,
		unknownColumns: preview.unknownColumns.join(', '),
		toSave: preview.toSave,
		rows: preview.rows.map((r) => {
			const v = (field: string) => String(r.values[field] ?? '').trim();
			const a = r.activity;
			return {
				line: r.line,
				title: v('title') || m.import_no_title(),
				...(a ? when(a) : { day: v('date'), time: [v('startTime'), v('endTime')].filter(Boolean).join('–') }),
				repeat: a?.rrule ? REPEAT_TEXT[describeRule(a.rrule).pattern]() : '',
				status: r.status,
				statusText: STATUS_TEXT[r.status](),
				errors: r.errors
					.toSorted((x, y) => columnIndex(x.field) - columnIndex(y.field))
					.map((e) => ({ column: e.field === 'row' ? '' : columnOf(e.field), message: t(e.key) })),
				notes: r.notes.map((n) => t(n))
			};
		})
	};
}

async function coordinatorOf(event: RequestEvent) {
	const { initiative } = await requireCoordinator(event.locals.db, event.locals.viewer, { slug: event.params.slug });
	return initiative;
}

export const actions: Actions = {
	/** Read the file or feed and show what would happen; nothing is saved. */
	bekijken: (event) =>
		guarded(event, async () => {
			const initiative = await coordinatorOf(event);
			const form = await readUpload(event.request);
			if (form === 'too_large') return fail(400, { errors: { file: m.import_error_too_large() }, values: {} });
			if (!form) return unreadableForm();
			const values = formValues(form);
			const failure = (field: string, message: string) => fail(400, { errors: { [field]: message }, values });
			const options = parseForm(importOptionsForm, form);
			if (!options.ok) return options.failure;
			const file = form.get('file');
			const upload = file instanceof File && file.size > 0 ? file : null;
			const url = String(form.get('url') ?? '').trim();
			// Without a chosen file, browsers send an empty one without a name.
			if (!upload && !url) return failure('file', file instanceof File && file.name ? m.import_error_empty() : m.import_error_choose());
			if (upload && url) return failure('file', m.import_error_both());
			if (upload && upload.size > MAX_BYTES) return failure('file', m.import_error_too_large());
			const { db, viewer, locale } = event.locals;
			const source = upload ? { file: new Uint8Array(await upload.arrayBuffer()) } : { url };
			const read = await readImport(db, viewer, initiative.id, source, { allowPrivate: config().IMPORT_ALLOW_PRIVATE_URLS });
			if (!read.ok) return failure(upload ? 'file' : 'url', readError(read));
			const preview = await previewImport(db, viewer, initiative.id, read.draft, options.data);
			return { preview: present(preview, locale), draft: draftToJson(read.draft), values: { ...values, kind: options.data.kind, visibility: options.data.visibility } };
		}),

	/** Save the good rows of the draft the preview showed, checked again from the start. */
	opslaan: (event) =>
		guarded(event, async () => {
			const initiative = await coordinatorOf(event);
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			const options = parseForm(importOptionsForm, form);
			const draft = draftFromJson(String(form.get('draft') ?? ''));
			if (!options.ok || !draft) return fail(400, { errors: { form: m.import_error_draft() }, values: {} });
			const result = await saveImport(event.locals.db, event.locals.viewer, initiative.id, draft, options.data);
			redirect(303, `${localizeHref(`/initiatieven/${initiative.slug}/activiteiten/importeren`)}?klaar=${result.created}-${result.updated}-${result.cancelled}`);
		})
};
