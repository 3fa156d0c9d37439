import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { guarded } from '#lib/server/http/guard.ts';
import { readFields } from '#lib/server/moderation/forms.ts';
import { actionLog, openReports } from '#lib/server/moderation/queue.ts';
import { decideNote, waitingNotes } from '#lib/server/stories/notes.ts';

const pageParam = (value: string | null) => Math.min(1000, Math.max(1, Number.parseInt(value ?? '1', 10) || 1));

/** The coordinators' queue: open reports, notes of recognition that wait, and the log of what they did; nobody else opens it. */
export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { db, viewer } = event.locals;
		const page = pageParam(event.url.searchParams.get('pagina'));
		const logPage = pageParam(event.url.searchParams.get('logboek'));
		const queue = await openReports(db, viewer, event.params.slug, page);
		const notePage = pageParam(event.url.searchParams.get('berichtjes'));
		const notes = await waitingNotes(db, viewer, event.params.slug, notePage);
		const log = await actionLog(db, viewer, event.params.slug, logPage);
		return {
			initiative: { slug: queue.initiative.slug, name: queue.initiative.name },
			// The list shows what kind, about whom, which afspraak and when; the reporter's words are on the report's own page.
			reports: queue.reports.map(({ id, kind, about, rule, houseRuleText, createdAt }) => ({ id, kind, about, rule, houseRuleText, createdAt })),
			nextHref: queue.more ? `?pagina=${page + 1}` : null,
			notes: notes.notes,
			notesNextHref: notes.more ? `?berichtjes=${notePage + 1}#herkenning` : null,
			log: log.entries,
			logNextHref: log.more ? `?logboek=${logPage + 1}#logboek` : null
		};
	});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const actions: Actions = {
	/** Pass a waiting note of recognition on to the writer, or not (with a reason for the reader). */
	berichtje: (event) =>
		guarded(event, async () => {
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			const { values, refused } = readFields(form, ['note', 'decision', 'reason'] as const);
			const noteId = values.note;
			if (!UUID.test(noteId) || (values.decision !== 'deliver' && values.decision !== 'decline')) return unreadableForm();
			const failed = (error: string) => fail(400, { noteId, error, reason: values.reason });
			if (refused.length) return failed(m.form_error_characters());
			const result = await decideNote(event.locals.db, event.locals.viewer, event.params.slug, noteId, values.decision === 'deliver', values.reason);
			if (!result.ok) return failed(result.error === 'reason' ? m.moderation_note_error_reason() : m.moderation_note_error_reason_long());
			return { done: result.already ? 'already' : values.decision };
		})
};
