import type { RequestHandler } from './$types';
import { openDataFeed } from '#lib/server/directory/export.ts';
import { streamText } from '#lib/server/http/stream.ts';

/** Open data: the public directory, for gemeenten, GPs and anyone who builds a map or a list. */
export const GET: RequestHandler = ({ locals }) =>
	new Response(streamText(openDataFeed(locals.db, locals.origin)), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'cache-control': 'public, max-age=300',
			'access-control-allow-origin': '*',
			'cross-origin-resource-policy': 'cross-origin'
		}
	});
