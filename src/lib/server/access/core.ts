import type { SignedIn, Viewer } from '../accounts/viewer.ts';

/**
 * Who may do what is decided in this folder, once per capability (one module
 * each: initiatives.ts, activities.ts, …). Services call these checks with the
 * viewer; routes never decide on their own. This core holds what they share.
 *
 * Anything a viewer may not see is reported as "not found", so hidden things
 * do not reveal that they exist.
 */

export class NotFound extends Error {
	constructor() {
		super('not found');
	}
}

/** A person must sign in first; routes turn this into a redirect to /inloggen. */
export class SignInRequired extends Error {
	constructor() {
		super('sign in required');
	}
}

export type Role = 'member' | 'coordinator';

export function requireSignedIn(viewer: Viewer): SignedIn {
	if (!viewer) throw new SignInRequired();
	return viewer;
}

/** Only the association admin (verenigingsbeheer). */
export function requireAdmin(viewer: Viewer): SignedIn {
	const signedIn = requireSignedIn(viewer);
	if (!signedIn.isAdmin) throw new NotFound();
	return signedIn;
}
