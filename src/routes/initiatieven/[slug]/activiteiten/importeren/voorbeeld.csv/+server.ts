import type { RequestHandler } from './$types';
import { requireCoordinator } from '#lib/server/access/initiatives.ts';
import { csvTemplate } from '#lib/server/activities/import/csv.ts';
import { guarded } from '#lib/server/http/guard.ts';

/** The spreadsheet template for importing activities; coordinators only (others get a 404). */
export const GET: RequestHandler = (event) =>
	guarded(event, async () => {
		await requireCoordinator(event.locals.db, event.locals.viewer, { slug: event.params.slug });
		return new Response(csvTemplate(), {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': 'attachment; filename="activiteiten-voorbeeld.csv"',
				'cache-control': 'private, no-store'
			}
		});
	});
