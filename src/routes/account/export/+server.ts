import type { RequestHandler } from './$types';
import { exportPersonalData } from '#lib/server/personal-data/index.ts';
import { signedIn } from '#lib/server/http/guard.ts';

/** All of the viewer's data as a JSON file to keep (AVG/GDPR: access and portability). */
export const GET: RequestHandler = async ({ locals }) => {
	const data = await exportPersonalData(locals.db, signedIn(locals, '/account'));
	const day = data.exportedAt.slice(0, 10);
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="herstelplein-mijn-gegevens-${day}.json"`,
			'cache-control': 'private, no-store'
		}
	});
};
