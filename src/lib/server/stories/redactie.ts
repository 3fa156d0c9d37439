import { and, asc, eq, sql } from 'drizzle-orm';
import { redactieQueueFor, requireRedactie, requireWriter } from '../access/stories.ts';
import { requireCoordinator } from '../access/initiatives.ts';
import { requireSignedIn, NotFound } from '../access/core.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { initiative, membership } from '../initiatives/schema.ts';
import type { EditInput } from './forms.ts';
import { story, storyEdit, storySetting } from './schema.ts';
import { enqueueNotice } from '../notify/index.ts';
import { STORY_NOTICE_QUEUE } from './notices.ts';
import { signature } from './read.ts';
import { searchVector } from './search.ts';

/*
 * The redactie: the coordinators of the writer's initiative, and the
 * association admin. They check stories before they go live and may propose
 * an edited text with a reason; nothing changes without the writer's yes.
 * The queue shows the signature only (the pseudonym when there is one).
 * (The shared moderation room for reports could later take over the queue
 * page; the rules stay here.)
 */

export interface QueueItem {
	id: string;
	title: string;
	signature: string;
	initiative: string;
	updatedAt: Date;
	openEdit: boolean;
}

/** The stories waiting for this viewer as redactie, oldest first. */
export async function redactieQueue(db: Db, viewer: Viewer, limit = 50): Promise<QueueItem[]> {
	const signedIn = requireSignedIn(viewer);
	return db
		.select({
			id: story.id,
			title: story.title,
			signature,
			initiative: initiative.name,
			updatedAt: story.updatedAt,
			openEdit: sql<boolean>`exists (select 1 from ${storyEdit} where ${storyEdit.storyId} = ${story.id} and ${storyEdit.status} = 'open')`
		})
		.from(story)
		.innerJoin(initiative, eq(initiative.id, story.initiativeId))
		.where(redactieQueueFor(signedIn))
		.orderBy(asc(story.updatedAt))
		.limit(limit);
}

/** The redactie lets a waiting story go live as the writer sent it. */
export async function approveStory(db: Db, viewer: Viewer, storyId: string): Promise<void> {
	await requireRedactie(db, viewer, storyId);
	await db.transaction(async (tx) => {
		const done = await tx
			.update(story)
			.set({ status: 'published', publishedAt: sql`coalesce(${story.publishedAt}, now())`, updatedAt: new Date() })
			.where(and(eq(story.id, storyId), eq(story.status, 'review')))
			.returning({ id: story.id });
		if (done.length) await enqueueNotice(tx, STORY_NOTICE_QUEUE, { storyId, kind: 'published' });
	});
}

/** The redactie proposes an edited text with a reason; an earlier open proposal lapses. */
export async function proposeEdit(db: Db, viewer: Viewer, storyId: string, input: EditInput): Promise<void> {
	const { viewer: redactie } = await requireRedactie(db, viewer, storyId);
	await db.transaction(async (tx) => {
		await tx.update(storyEdit).set({ status: 'declined', decidedAt: new Date() }).where(and(eq(storyEdit.storyId, storyId), eq(storyEdit.status, 'open')));
		await tx.insert(storyEdit).values({ storyId, proposedBy: redactie.userId, title: input.title, body: input.body, reason: input.reason });
		await enqueueNotice(tx, STORY_NOTICE_QUEUE, { storyId, kind: 'proposal' });
	});
}

/**
 * The writer says yes to the redactie's proposal: the story takes the edited
 * text, shows "aangepast door de redactie: <reden>", and — when it waited for
 * the redactie — goes live, since the redactie wrote this text itself.
 */
export async function acceptEdit(db: Db, viewer: Viewer, storyId: string, editId: string): Promise<void> {
	const { story: current } = await requireWriter(db, viewer, storyId);
	await db.transaction(async (tx) => {
		const [edit] = await tx
			.update(storyEdit)
			.set({ status: 'accepted', decidedAt: new Date() })
			.where(and(eq(storyEdit.id, editId), eq(storyEdit.storyId, storyId), eq(storyEdit.status, 'open')))
			.returning();
		if (!edit) return alreadyDecided(tx, storyId, editId, 'accepted');
		const live = current.status === 'review' || current.status === 'published';
		await tx
			.update(story)
			.set({
				title: edit.title,
				body: edit.body,
				editReason: edit.reason,
				search: searchVector({ title: edit.title, themes: current.themes, body: edit.body }),
				status: live ? 'published' : current.status,
				publishedAt: live ? (current.publishedAt ?? new Date()) : current.publishedAt,
				updatedAt: new Date()
			})
			.where(eq(story.id, storyId));
	});
}

/** The writer says no to the proposal: nothing changes; the story keeps waiting for the redactie. */
export async function declineEdit(db: Db, viewer: Viewer, storyId: string, editId: string): Promise<void> {
	await requireWriter(db, viewer, storyId);
	const done = await db
		.update(storyEdit)
		.set({ status: 'declined', decidedAt: new Date() })
		.where(and(eq(storyEdit.id, editId), eq(storyEdit.storyId, storyId), eq(storyEdit.status, 'open')))
		.returning({ id: storyEdit.id });
	if (!done.length) await alreadyDecided(db, storyId, editId, 'declined');
}

/** A second click on the same answer changes nothing; any other unknown or lapsed proposal is not found. */
async function alreadyDecided(db: Db, storyId: string, editId: string, status: 'accepted' | 'declined'): Promise<void> {
	const [same] = await db
		.select({ id: storyEdit.id })
		.from(storyEdit)
		.where(and(eq(storyEdit.id, editId), eq(storyEdit.storyId, storyId), eq(storyEdit.status, status)));
	if (!same) throw new NotFound();
}

export interface RedactieSetting {
	initiativeId: string;
	name: string;
	reviewMembersStories: boolean;
}

/** The initiatives the viewer coordinates, with their choice about the redactie. */
export async function redactieSettings(db: Db, viewer: Viewer): Promise<RedactieSetting[]> {
	const signedIn = requireSignedIn(viewer);
	return db
		.select({ initiativeId: initiative.id, name: initiative.name, reviewMembersStories: sql<boolean>`coalesce(${storySetting.reviewMembersStories}, false)` })
		.from(membership)
		.innerJoin(initiative, eq(initiative.id, membership.initiativeId))
		.leftJoin(storySetting, eq(storySetting.initiativeId, initiative.id))
		.where(and(eq(membership.userId, signedIn.userId), eq(membership.role, 'coordinator')))
		.orderBy(asc(initiative.name))
		.limit(100);
}

/** A coordinator chooses whether stories for the initiative or the network pass the redactie first. */
export async function setRedactieSetting(db: Db, viewer: Viewer, initiativeId: string, reviewMembersStories: boolean): Promise<void> {
	await requireCoordinator(db, viewer, { id: initiativeId });
	await db
		.insert(storySetting)
		.values({ initiativeId, reviewMembersStories })
		.onConflictDoUpdate({ target: storySetting.initiativeId, set: { reviewMembersStories } });
}

