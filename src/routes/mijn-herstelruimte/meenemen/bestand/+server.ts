import type { RequestHandler } from './$types';
import { signedIn } from '#lib/server/http/guard.ts';
import { jsonText, streamText } from '#lib/server/http/stream.ts';
import { exportSpace } from '#lib/server/space/export.ts';
import { requireRecentSignIn } from '#lib/server/space/guard.ts';
import { spaceStore } from '#lib/server/space/keys.ts';

/** Everything in the viewer's herstelruimte as a JSON file, after a recent sign-in; the dagboek is streamed in batches. */
export const GET: RequestHandler = async (event) => {
	const me = signedIn(event.locals, '/mijn-herstelruimte/meenemen');
	await requireRecentSignIn(event, '/mijn-herstelruimte/meenemen');
	const data = { format: 'herstelplein-herstelruimte', version: 1, exportedAt: new Date().toISOString(), ...(await exportSpace(spaceStore(event.locals.db), me)) };
	return new Response(streamText(jsonText(data)), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="mijn-herstelruimte-${data.exportedAt.slice(0, 10)}.json"`,
			'cache-control': 'no-store'
		}
	});
};
