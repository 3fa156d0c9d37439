import type { RequestHandler } from './$types';
import { personalDataFile } from '#lib/server/personal-data/index.ts';
import { signedIn } from '#lib/server/http/guard.ts';
import { streamText } from '#lib/server/http/stream.ts';

/** All of the viewer's data as a JSON file to keep (AVG/GDPR: access and portability), streamed part by part. */
export const GET: RequestHandler = async ({ locals }) => {
	const now = new Date();
	const file = personalDataFile(locals.db, signedIn(locals, '/account'), undefined, now);
	return new Response(streamText(file), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="herstelplein-mijn-gegevens-${now.toISOString().slice(0, 10)}.json"`,
			'cache-control': 'private, no-store'
		}
	});
};
