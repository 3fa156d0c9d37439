import { randomBytes } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { requireStoryMember, requireWriter } from '../access/stories.ts';
import { NotFound, requireSignedIn } from '../access/core.ts';
import { dayKey } from '../activities/time.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { initiative, membership } from '../initiatives/schema.ts';
import type { StoryInput } from './forms.ts';
import { story, storyEdit, storyNote, storyRecognition, storySetting, type StoryStatus, type StoryVisibility } from './schema.ts';
import { searchVector } from './search.ts';

/*
 * Writing ervaringsverhalen: the writer keeps control. A story is saved as a
 * draft, or sent: then it goes live at once, or first to the redactie
 * (public stories always; stories for the initiative or the network when the
 * initiative chose so). Who may see what is decided in access/stories.ts.
 */

/** The day in Amsterdam, as end days are written. */
export const today = (now: Date = new Date()) => dayKey(now);

/** How wide a circle of readers each visibility reaches. */
const WIDTH: Record<StoryVisibility, number> = { link: 0, initiative: 1, network: 2, public: 3 };

/** What sending a story with this visibility does: live at once, or to the redactie first. */
async function statusOnSend(db: Db, visibility: StoryVisibility, initiativeId: string): Promise<StoryStatus> {
	if (visibility === 'public') return 'review';
	if (visibility === 'link') return 'published';
	const [setting] = await db.select().from(storySetting).where(eq(storySetting.initiativeId, initiativeId));
	return setting?.reviewMembersStories ? 'review' : 'published';
}

const columnsOf = (input: StoryInput) => ({
	initiativeId: input.initiativeId,
	title: input.title,
	body: input.body,
	themes: input.themes,
	diagnosis: input.diagnosis,
	warnings: input.warnings,
	ownWarning: input.ownWarning,
	pseudonym: input.pseudonym,
	visibility: input.visibility,
	indexable: input.indexable,
	visibleUntil: input.visibleUntil,
	consentImpact: input.consentImpact,
	consentTraining: input.consentTraining,
	search: searchVector(input)
});

/** A member writes a story for one of their initiatives: kept as a draft, or sent. */
export async function createStory(db: Db, viewer: Viewer, input: StoryInput, send: boolean): Promise<{ id: string; status: StoryStatus }> {
	const signedIn = await requireStoryMember(db, viewer, input.initiativeId);
	const status = send ? await statusOnSend(db, input.visibility, input.initiativeId) : 'draft';
	const [created] = await db
		.insert(story)
		.values({
			...columnsOf(input),
			writerId: signedIn.userId,
			status,
			linkToken: randomBytes(32).toString('base64url'),
			publishedAt: status === 'published' ? new Date() : null
		})
		.returning({ id: story.id, status: story.status });
	return created;
}

/**
 * The writer changes their story, its visibility or end day. Saving as a
 * draft takes it offline. Sending keeps a published story live when only its
 * end day, consents or a narrower circle changed; a new text or a wider
 * circle goes through `statusOnSend` again. Open proposals of the redactie
 * lapse when the writer changes the text themselves.
 */
export async function updateStory(db: Db, viewer: Viewer, storyId: string, input: StoryInput, send: boolean): Promise<{ status: StoryStatus }> {
	const { story: current } = await requireWriter(db, viewer, storyId);
	// A tombstone stays a tombstone.
	if (current.status === 'withdrawn') throw new NotFound();
	await requireStoryMember(db, viewer, input.initiativeId);
	const textChanged = current.title !== input.title || current.body !== input.body;
	// A live story stays live when neither its text nor its circle of readers grew.
	const keepLive = current.status === 'published' && !textChanged && current.initiativeId === input.initiativeId && WIDTH[input.visibility] <= WIDTH[current.visibility];
	const status: StoryStatus = !send ? 'draft' : keepLive ? 'published' : await statusOnSend(db, input.visibility, input.initiativeId);
	await db.transaction(async (tx) => {
		await tx
			.update(story)
			.set({ ...columnsOf(input), status, publishedAt: status === 'published' ? (current.publishedAt ?? new Date()) : current.publishedAt, updatedAt: new Date() })
			.where(eq(story.id, storyId));
		if (textChanged) await tx.update(storyEdit).set({ status: 'declined', decidedAt: new Date() }).where(and(eq(storyEdit.storyId, storyId), eq(storyEdit.status, 'open')));
	});
	return { status };
}


/**
 * The writer withdraws their story, at any time: its text, title, themes,
 * signature, the redactie's proposals and the herkenningen are deleted; a
 * tombstone "teruggetrokken door de schrijver" remains at its address.
 */
export async function withdrawStory(db: Db, viewer: Viewer, storyId: string): Promise<void> {
	await requireWriter(db, viewer, storyId);
	await db.transaction((tx) => tombstone(tx, eq(story.id, storyId), false));
}

/** Empty the stories that match `where`, keeping a tombstone; `unlink` also drops who wrote them (account deletion). */
export async function tombstone(tx: Db, where: ReturnType<typeof eq>, unlink: boolean): Promise<void> {
	const ids = sql`(select ${story.id} from ${story} where ${where})`;
	await tx.delete(storyEdit).where(sql`${storyEdit.storyId} in ${ids}`);
	await tx.delete(storyRecognition).where(sql`${storyRecognition.storyId} in ${ids}`);
	await tx.delete(storyNote).where(sql`${storyNote.storyId} in ${ids}`);
	await tx
		.update(story)
		.set({
			title: '',
			body: '',
			themes: [],
			diagnosis: '',
			warnings: [],
			ownWarning: '',
			pseudonym: '',
			editReason: '',
			indexable: false,
			consentImpact: false,
			consentTraining: false,
			search: sql`''::tsvector`,
			status: 'withdrawn',
			withdrawnAt: sql`coalesce(${story.withdrawnAt}, now())`,
			updatedAt: new Date(),
			...(unlink ? { writerId: null } : {})
		})
		.where(where);
}

/** The initiatives the viewer may write for. */
export async function writingInitiatives(db: Db, viewer: Viewer): Promise<Array<{ id: string; name: string }>> {
	const signedIn = requireSignedIn(viewer);
	return db
		.select({ id: initiative.id, name: initiative.name })
		.from(membership)
		.innerJoin(initiative, eq(initiative.id, membership.initiativeId))
		.where(eq(membership.userId, signedIn.userId))
		.orderBy(asc(initiative.name))
		.limit(100);
}
