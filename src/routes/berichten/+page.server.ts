import type { PageServerLoad } from './$types';
import { guarded } from '#lib/server/http/guard.ts';
import { cursorParam, listInbox, parseCursor } from '#lib/server/announcements/inbox.ts';

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const after = parseCursor(event.url.searchParams.get('na'));
		const page = await listInbox(event.locals.db, event.locals.viewer, after);
		return { items: page.items, next: page.next ? cursorParam(page.next) : null, after: !!after, left: event.url.searchParams.has('verlaten') };
	});
