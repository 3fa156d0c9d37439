import { and, eq, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { SignedIn, Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { initiative, membership } from '../initiatives/schema.ts';
import { story, storyNote, type StoryNoteStatus } from '../stories/schema.ts';
import { NotFound, requireSignedIn } from './core.ts';
import { inNetworkSql } from './initiatives.ts';
import { requireModerator } from './moderation.ts';

/**
 * Who may read an ervaringsverhaal, in plain words:
 *   - the writer, always (drafts, stories waiting for the redactie, past
 *     their end day);
 *   - the redactie (coordinators of the writer's initiative, when it is
 *     published, and the association admin), only while a story waits for
 *     them, and never for their own story;
 *   - a published story, before its end day: `public` anyone, also signed
 *     out; `network` everyone in a published initiative; `initiative` the
 *     members of the writer's initiative; `link` only who opens the secret
 *     link — never in a list, search or feed;
 *   - a withdrawn story shows only its tombstone, to anyone with its address.
 * Coordinators and the admin read no more than any member otherwise. A
 * pseudonym is all anyone but the writer learns about who wrote it: services
 * never select the writer's name for such a story.
 */

export type Story = Omit<typeof story.$inferSelect, 'search'>;

export interface StoryAccess {
	story: Story;
	isWriter: boolean;
	/** The viewer may check it for the redactie (it waits, and they are the redactie). */
	isRedactie: boolean;
}

/** The columns of a story, without its search vector. */
export const storyColumns = {
	id: story.id,
	writerId: story.writerId,
	initiativeId: story.initiativeId,
	title: story.title,
	body: story.body,
	themes: story.themes,
	diagnosis: story.diagnosis,
	warnings: story.warnings,
	ownWarning: story.ownWarning,
	pseudonym: story.pseudonym,
	visibility: story.visibility,
	indexable: story.indexable,
	visibleUntil: story.visibleUntil,
	status: story.status,
	linkToken: story.linkToken,
	editReason: story.editReason,
	consentImpact: story.consentImpact,
	consentTraining: story.consentTraining,
	publishedAt: story.publishedAt,
	withdrawnAt: story.withdrawnAt,
	createdAt: story.createdAt,
	updatedAt: story.updatedAt
};

const notPastEnd = (today: string) => or(sql`${story.visibleUntil} is null`, sql`${story.visibleUntil} >= ${today}::date`);

/**
 * Published stories this viewer may find in lists, search and the feed: never
 * `link` stories, never past their end day; `today` is the day in Amsterdam.
 */
export function listedStoriesFor(viewer: Viewer, today: string): SQL {
	const levels: SQL[] = [eq(story.visibility, 'public')];
	if (viewer) {
		levels.push(and(eq(story.visibility, 'network'), inNetworkSql(viewer.userId))!);
		levels.push(
			and(
				eq(story.visibility, 'initiative'),
				sql`${story.initiativeId} in (select ${membership.initiativeId} from ${membership} where ${membership.userId} = ${viewer.userId})`
			)!
		);
	}
	return and(eq(story.status, 'published'), notPastEnd(today), or(...levels))!;
}

/**
 * SQL: the stories that wait for this viewer as redactie — never their own.
 * Coordinators only of a published initiative: anyone may start one, and
 * would otherwise check their own public stories.
 */
export function redactieQueueFor(viewer: SignedIn): SQL {
	const waiting = and(eq(story.status, 'review'), or(isNull(story.writerId), ne(story.writerId, viewer.userId)))!;
	if (viewer.isAdmin) return waiting;
	return and(
		waiting,
		sql`${story.initiativeId} in (select ${membership.initiativeId} from ${membership} join ${initiative} on ${initiative.id} = ${membership.initiativeId}
			where ${membership.userId} = ${viewer.userId} and ${membership.role} = 'coordinator' and ${initiative.status} = 'published')`
	)!;
}

/** A story by its id as this viewer may see it; NotFound when hidden or unknown. */
export async function storyFor(db: Db, viewer: Viewer, storyId: string, today: string): Promise<StoryAccess> {
	const rule = [listedStoriesFor(viewer, today), eq(story.status, 'withdrawn')];
	if (viewer) rule.push(eq(story.writerId, viewer.userId), redactieQueueFor(viewer));
	const [found] = await db
		.select(storyColumns)
		.from(story)
		.where(and(eq(story.id, storyId), or(...rule)));
	if (!found) throw new NotFound();
	return describe(found, viewer);
}

/** A `link` story by its secret: published and before its end day, or the writer's own. */
export async function storyByLink(db: Db, viewer: Viewer, token: string, today: string): Promise<StoryAccess> {
	const readable = and(eq(story.status, 'published'), notPastEnd(today));
	const [found] = await db
		.select(storyColumns)
		.from(story)
		.where(and(eq(story.linkToken, token), eq(story.visibility, 'link'), viewer ? or(readable, eq(story.writerId, viewer.userId)) : readable));
	if (!found) throw new NotFound();
	return describe(found, viewer);
}

function describe(found: Story, viewer: Viewer): StoryAccess {
	const isWriter = !!viewer && found.writerId === viewer.userId;
	// Someone else reads a waiting story only as its redactie (see storyFor).
	return { story: found, isWriter, isRedactie: found.status === 'review' && !isWriter };
}

/** Only the writer may change, send or withdraw their story; anyone else gets NotFound. */
export async function requireWriter(db: Db, viewer: Viewer, storyId: string): Promise<StoryAccess & { viewer: SignedIn }> {
	const signedIn = requireSignedIn(viewer);
	const [found] = await db
		.select(storyColumns)
		.from(story)
		.where(and(eq(story.id, storyId), eq(story.writerId, signedIn.userId)));
	if (!found) throw new NotFound();
	return { story: found, isWriter: true, isRedactie: false, viewer: signedIn };
}

/** Only the redactie of a waiting story may check it and propose edits. */
export async function requireRedactie(db: Db, viewer: Viewer, storyId: string): Promise<StoryAccess & { viewer: SignedIn }> {
	const signedIn = requireSignedIn(viewer);
	const [found] = await db
		.select(storyColumns)
		.from(story)
		.where(and(eq(story.id, storyId), redactieQueueFor(signedIn)));
	if (!found) throw new NotFound();
	return { story: found, isWriter: found.writerId === signedIn.userId, isRedactie: true, viewer: signedIn };
}

/** Is the viewer redactie anywhere: a coordinator of an initiative, or the admin? */
export async function isRedactieSomewhere(db: Db, viewer: Viewer): Promise<boolean> {
	if (!viewer) return false;
	if (viewer.isAdmin) return true;
	const [row] = await db
		.select({ id: membership.initiativeId })
		.from(membership)
		.where(and(eq(membership.userId, viewer.userId), eq(membership.role, 'coordinator')))
		.limit(1);
	return !!row;
}

/** May the viewer write for this initiative? Only as a member of it. */
export async function requireStoryMember(db: Db, viewer: Viewer, initiativeId: string): Promise<SignedIn> {
	const signedIn = requireSignedIn(viewer);
	const [row] = await db
		.select({ id: membership.initiativeId })
		.from(membership)
		.where(and(eq(membership.initiativeId, initiativeId), eq(membership.userId, signedIn.userId)));
	if (!row) throw new NotFound();
	return signedIn;
}

/*
 * Notes of recognition (stories/notes.ts) wait in the moderation room of the
 * story's initiative. Its coordinators read them, with the reader's name —
 * but never a note to their own story, nor their own note. Nobody else sees
 * a waiting or refused note but the reader who wrote it; the writer reads
 * passed notes without the reader's name.
 */

/** SQL: the waiting notes this coordinator may pass on, in one initiative or (null) all they coordinate. */
export function waitingNotesFor(viewer: SignedIn, initiativeId: string | null): SQL {
	const coordinated = initiativeId
		? sql`${story.initiativeId} = ${initiativeId}`
		: sql`${story.initiativeId} in (select ${membership.initiativeId} from ${membership} where ${membership.userId} = ${viewer.userId} and ${membership.role} = 'coordinator')`;
	return and(eq(storyNote.status, 'waiting'), coordinated, sql`${story.writerId} is distinct from ${viewer.userId}`, ne(storyNote.giverId, viewer.userId))!;
}

/** Is there a coordinator of the story's initiative who is not its writer? Only then can a note be passed on. */
export async function noteReviewersExist(db: Db, found: Pick<Story, 'initiativeId' | 'writerId'>): Promise<boolean> {
	const [row] = await db
		.select({ id: membership.userId })
		.from(membership)
		.where(and(eq(membership.initiativeId, found.initiativeId), eq(membership.role, 'coordinator'), sql`${membership.userId} is distinct from ${found.writerId}`))
		.limit(1);
	return !!row;
}

/** A note as a coordinator of its story's initiative may decide on it; NotFound for anyone else. */
export async function noteForModerator(db: Db, viewer: Viewer, slug: string, noteId: string): Promise<{ status: StoryNoteStatus; initiativeId: string; viewerId: string }> {
	const access = await requireModerator(db, viewer, slug);
	const me = viewer!.userId;
	const [found] = await db
		.select({ status: storyNote.status, initiativeId: story.initiativeId })
		.from(storyNote)
		.innerJoin(story, eq(story.id, storyNote.storyId))
		.where(
			and(
				eq(storyNote.id, noteId),
				eq(story.initiativeId, access.initiative.id),
				sql`${story.writerId} is distinct from ${me}`,
				ne(storyNote.giverId, me)
			)
		);
	if (!found) throw new NotFound();
	return { ...found, viewerId: me };
}
