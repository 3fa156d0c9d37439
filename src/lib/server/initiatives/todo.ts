import { m } from '../../paraglide/messages.js';
import { coordinatedBy } from '../access/initiatives.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import type { Todo } from '../start/todo.ts';
import { setupOf } from './setup.ts';

/** For a coordinator: each of their initiatives whose page has no walk-in hours or no photo yet. */
export async function initiativeTodos(db: Db, viewer: Viewer): Promise<Todo[]> {
	const mine = await coordinatedBy(db, viewer);
	const setup = await setupOf(
		db,
		mine.map((i) => i.id)
	);
	return mine.flatMap((i) => {
		const s = setup.get(i.id);
		const href = `/initiatieven/${i.slug}/profiel`;
		return [
			...(s && !s.hours ? [{ text: m.start_todo_hours({ name: i.name }), href: `${href}#profiel` }] : []),
			...(s && !s.photo ? [{ text: m.start_todo_photo({ name: i.name }), href: `${href}#fotos` }] : [])
		];
	});
}
