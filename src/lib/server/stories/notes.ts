import { and, asc, desc, eq } from 'drizzle-orm';
import { NotFound, requireSignedIn } from '../access/core.ts';
import { noteForModerator, noteReviewersExist, storyFor, waitingNotesFor } from '../access/stories.ts';
import { requireModerator } from '../access/moderation.ts';
import { user } from '../accounts/schema.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { moderationLog } from '../moderation/schema.ts';
import { enqueueNotice } from '../notify/index.ts';
import { STORY_NOTICE_QUEUE } from './notices.ts';
import { story, storyNote, storyRecognition, type StoryNoteStatus } from './schema.ts';
import { today } from './service.ts';

/*
 * A note of recognition: with "dit herken ik", a reader may write the writer
 * a few words. The note first waits in the moderation room of the story's
 * initiative; a coordinator who is not the writer passes it on or not (with
 * a reason the reader reads). The writer reads passed notes without the
 * reader's name, and may remove them. No thread, no reply, no count shown to
 * anyone else.
 */

export const NOTE_MAX = 500;
export const NOTE_PAGE = 20;

export type NoteResult = { ok: true } | { ok: false; error: 'empty' | 'long' | 'closed' | 'exists' };

/** What the reader sees of their own note, and whether they may write one. */
export interface ReaderNote {
	/** Someone besides the writer can pass a note on: without them a note would wait forever. */
	possible: boolean;
	mine: { text: string; status: StoryNoteStatus; reason: string } | null;
}

/** The reader's own note on this story; null for the writer and visitors. */
export async function readerNote(db: Db, viewer: Viewer, storyId: string): Promise<ReaderNote | null> {
	if (!viewer) return null;
	const access = await storyFor(db, viewer, storyId, today());
	if (access.isWriter || access.story.status !== 'published' || access.story.visibility === 'link') return null;
	const [mine] = await db
		.select({ text: storyNote.text, status: storyNote.status, reason: storyNote.reason })
		.from(storyNote)
		.where(and(eq(storyNote.storyId, storyId), eq(storyNote.giverId, viewer.userId)));
	return { possible: await noteReviewersExist(db, access.story), mine: mine ?? null };
}

/**
 * A reader who may recognise the story writes a note; it says "dit herken
 * ik" too. One note per reader per story: a second submit finds the first.
 */
export async function giveNote(db: Db, viewer: Viewer, storyId: string, text: string): Promise<NoteResult> {
	const me = requireSignedIn(viewer);
	const access = await storyFor(db, viewer, storyId, today());
	if (access.isWriter || access.story.status !== 'published' || access.story.visibility === 'link') throw new NotFound();
	const words = text.trim();
	if (!words) return { ok: false, error: 'empty' };
	if (words.length > NOTE_MAX) return { ok: false, error: 'long' };
	if (!(await noteReviewersExist(db, access.story))) return { ok: false, error: 'closed' };
	return db.transaction(async (tx) => {
		const added = await tx.insert(storyNote).values({ storyId, giverId: me.userId, text: words }).onConflictDoNothing().returning({ id: storyNote.id });
		await tx.insert(storyRecognition).values({ storyId, userId: me.userId }).onConflictDoNothing();
		return added.length ? ({ ok: true } as const) : ({ ok: false, error: 'exists' } as const);
	});
}

/** The reader takes their note back while it waits; a passed note is the writer's to keep or remove. */
export async function takeBackNote(db: Db, viewer: Viewer, storyId: string): Promise<void> {
	const me = requireSignedIn(viewer);
	await db.delete(storyNote).where(and(eq(storyNote.storyId, storyId), eq(storyNote.giverId, me.userId), eq(storyNote.status, 'waiting')));
}

/** The passed notes on the writer's own story, newest first, a page at a time; never who wrote them. */
export async function notesForWriter(db: Db, viewer: Viewer, storyId: string, page = 1) {
	const access = await storyFor(db, viewer, storyId, today());
	if (!access.isWriter) return null;
	const rows = await db
		.select({ id: storyNote.id, text: storyNote.text, at: storyNote.decidedAt })
		.from(storyNote)
		.where(and(eq(storyNote.storyId, storyId), eq(storyNote.status, 'delivered')))
		.orderBy(desc(storyNote.decidedAt), desc(storyNote.id))
		.limit(NOTE_PAGE + 1)
		.offset((page - 1) * NOTE_PAGE);
	return { notes: rows.slice(0, NOTE_PAGE), more: rows.length > NOTE_PAGE };
}

/** The writer removes a note they received. */
export async function removeNote(db: Db, viewer: Viewer, storyId: string, noteId: string): Promise<void> {
	const access = await storyFor(db, viewer, storyId, today());
	if (!access.isWriter) throw new NotFound();
	await db.delete(storyNote).where(and(eq(storyNote.id, noteId), eq(storyNote.storyId, storyId), eq(storyNote.status, 'delivered')));
}

/** The notes that wait in this initiative's moderation room, oldest first: the reader's name and words, and the story's title. */
export async function waitingNotes(db: Db, viewer: Viewer, slug: string, page = 1) {
	const access = await requireModerator(db, viewer, slug);
	const rows = await db
		.select({ id: storyNote.id, text: storyNote.text, giver: user.name, storyId: story.id, storyTitle: story.title, createdAt: storyNote.createdAt })
		.from(storyNote)
		.innerJoin(story, eq(story.id, storyNote.storyId))
		.innerJoin(user, eq(user.id, storyNote.giverId))
		.where(waitingNotesFor(requireSignedIn(viewer), access.initiative.id))
		.orderBy(asc(storyNote.createdAt), asc(storyNote.id))
		.limit(NOTE_PAGE + 1)
		.offset((page - 1) * NOTE_PAGE);
	return { notes: rows.slice(0, NOTE_PAGE), more: rows.length > NOTE_PAGE };
}

export type DecideResult = { ok: true; already: boolean } | { ok: false; error: 'reason' | 'reason_long' };

/**
 * A coordinator passes a waiting note on (the writer gets a mail without its
 * words) or not, with a reason the reader reads. Logged in the moderation
 * room. A second submit finds it decided and changes nothing.
 */
export async function decideNote(db: Db, viewer: Viewer, slug: string, noteId: string, deliver: boolean, reason: string, now = new Date()): Promise<DecideResult> {
	const found = await noteForModerator(db, viewer, slug, noteId);
	if (found.status !== 'waiting') return { ok: true, already: true };
	const why = reason.trim();
	if (!deliver && !why) return { ok: false, error: 'reason' };
	if (why.length > 1000) return { ok: false, error: 'reason_long' };
	return db.transaction(async (tx) => {
		const changed = await tx
			.update(storyNote)
			.set({ status: deliver ? 'delivered' : 'declined', reason: deliver ? '' : why, decidedAt: now })
			.where(and(eq(storyNote.id, noteId), eq(storyNote.status, 'waiting')))
			.returning({ storyId: storyNote.storyId, giverId: storyNote.giverId });
		if (!changed.length) return { ok: true, already: true } as const;
		await tx.insert(moderationLog).values({
			initiativeId: found.initiativeId,
			actorId: found.viewerId,
			action: deliver ? 'deliver' : 'decline',
			subjectKind: 'note',
			subjectUserId: changed[0].giverId,
			reason: why || '—',
			createdAt: now
		});
		if (deliver) await enqueueNotice(tx, STORY_NOTICE_QUEUE, { storyId: changed[0].storyId, kind: 'note' });
		return { ok: true, already: false } as const;
	});
}
