import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { isHealthy } from '#lib/server/db/index.ts';

/** For load balancers and monitoring: 200 when the app and its database answer. */
export const GET: RequestHandler = async ({ locals }) => {
	const ok = await isHealthy(locals.db);
	return json({ status: ok ? 'ok' : 'database unavailable' }, { status: ok ? 200 : 503, headers: { 'cache-control': 'no-store' } });
};
