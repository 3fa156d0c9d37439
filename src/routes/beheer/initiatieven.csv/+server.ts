import type { RequestHandler } from './$types';
import { directoryCsv } from '#lib/server/directory/export.ts';
import { streamText } from '#lib/server/http/stream.ts';
import { guarded } from '#lib/server/http/guard.ts';

/** The association admin downloads every initiative as a spreadsheet. Others get a 404 (or the sign-in page). */
export const GET: RequestHandler = (event) =>
	guarded(event, async () => {
		const chunks = directoryCsv(event.locals.db, event.locals.viewer, event.locals.origin);
		const day = new Date().toISOString().slice(0, 10);
		return new Response(streamText(chunks), {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="herstelplein-initiatieven-${day}.csv"`,
				'cache-control': 'private, no-store'
			}
		});
	});
