import type { PageServerLoad } from './$types';
import { formatDay } from '#lib/server/activities/time.ts';
import { givenAndReceived } from '#lib/server/deals/service.ts';
import { signedIn } from '#lib/server/http/guard.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** "Geven en ontvangen": the viewer's own done afspraken, newest first, a page at a time. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const me = signedIn(locals, '/account/geven-en-ontvangen');
	const after = url.searchParams.get('na') ?? '';
	const { items, next } = await givenAndReceived(locals.db, me, UUID.test(after) ? after : undefined);
	return { items: items.map((item) => ({ ...item, when: formatDay(item.startsAt, locals.locale) })), next, paged: UUID.test(after) };
};
