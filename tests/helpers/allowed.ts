import { NotFound, SignInRequired } from '#lib/server/access/core.ts';

/**
 * Does the access rule let this through? False when it answers as for
 * something that does not exist (NotFound) or asks to sign in; any other
 * error is a real failure and is thrown.
 */
export async function allowed(run: () => Promise<unknown>): Promise<boolean> {
	try {
		await run();
		return true;
	} catch (e) {
		if (e instanceof NotFound || e instanceof SignInRequired) return false;
		throw e;
	}
}
