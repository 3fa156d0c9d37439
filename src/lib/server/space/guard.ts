import { redirect, type RequestEvent } from '@sveltejs/kit';
import { localizeHref } from '../../paraglide/runtime.js';
import { requestInfo } from '../http/request.ts';
import { signedInRecently } from './recent.ts';

/** Before a big step: on with a recent sign-in, otherwise to the password page, which comes back to `path`. */
export async function requireRecentSignIn(event: RequestEvent, path: string): Promise<void> {
	if (await signedInRecently(event.locals.accounts, requestInfo(event).headers)) return;
	redirect(303, localizeHref(`/mijn-herstelruimte/bevestigen?naar=${encodeURIComponent(path)}`));
}
