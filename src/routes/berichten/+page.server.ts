import type { PageServerLoad } from './$types';
import { guarded } from '#lib/server/http/guard.ts';
import { listConversations } from '#lib/server/messages/service.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const after = event.url.searchParams.get('na') ?? '';
		const page = await listConversations(event.locals.db, event.locals.viewer, UUID.test(after) ? after : undefined);
		return { ...page, after: UUID.test(after) };
	});
