import { requireSignedIn } from '../access/core.ts';
import type { Viewer } from '../accounts/viewer.ts';
import { mySignups } from '../activities/my-signups.ts';
import { proposalTodos } from '../activities/todo.ts';
import type { Db } from '../db/index.ts';
import { handoverTodos } from '../handover/todo.ts';
import { listMine } from '../initiatives/service.ts';
import { joinRequestTodos } from '../initiatives/join-requests.ts';
import { initiativeTodos } from '../initiatives/todo.ts';
import { reportTodos } from '../moderation/todo.ts';
import { noteTodos } from '../stories/todo.ts';
import { collectTodos, type TodoSource } from './todo.ts';

/**
 * A signed-in person's start page (`/`): their initiatives, their next dates
 * and, for coordinators, what waits for them. Each part is the person's own,
 * read through its capability.
 */

/** Where the to-do list comes from, in the order shown. */
export const TODO_SOURCES: readonly TodoSource[] = [joinRequestTodos, reportTodos, handoverTodos, proposalTodos, noteTodos, initiativeTodos];

/** How many coming dates the start page shows; "Mijn aanmeldingen" has them all. */
export const NEXT_DATES = 3;

export async function startPage(db: Db, viewer: Viewer, now: Date = new Date()) {
	requireSignedIn(viewer);
	const [initiatives, next, todos] = await Promise.all([listMine(db, viewer), mySignups(db, viewer, now, NEXT_DATES + 1), collectTodos(db, viewer, TODO_SOURCES)]);
	return { initiatives, next: next.slice(0, NEXT_DATES), moreDates: next.length > NEXT_DATES, todos };
}
