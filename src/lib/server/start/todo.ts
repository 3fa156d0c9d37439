import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';

/*
 * The to-do list on a person's start page, composed from parts: each
 * capability that asks something of its coordinators exports one source (its
 * own `todo.ts`), and `start/page.ts` lists them. A capability imports only
 * these types from here. A source decides itself, through its access module,
 * whose to-dos the viewer gets: for most people none.
 */

/** One thing to do: a short sentence and the page where it is done. */
export interface Todo {
	text: string;
	href: string;
}

export type TodoSource = (db: Db, viewer: Viewer) => Promise<Todo[]>;

/** A start page shows at most this many; the rest waits until these are done. */
export const TODO_LIMIT = 8;

/** Every source's to-dos, in the order of the sources, at most `TODO_LIMIT`. */
export async function collectTodos(db: Db, viewer: Viewer, sources: readonly TodoSource[]): Promise<{ items: Todo[]; more: boolean }> {
	if (!viewer) return { items: [], more: false };
	const all = (await Promise.all(sources.map((source) => source(db, viewer)))).flat();
	return { items: all.slice(0, TODO_LIMIT), more: all.length > TODO_LIMIT };
}
