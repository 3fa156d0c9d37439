import type { PageServerLoad } from './$types';
import { confirmEmail } from '#lib/server/accounts/confirm-email.ts';
import { redirectWithFlash } from '#lib/server/http/flash.ts';
import { localPath } from '#lib/server/http/local-path.ts';

// The link from the welcome mail. It confirms only in a browser signed in to
// that account (see confirmEmail), so a mail scanner opening it changes nothing.
// With `naar` (asked for while joining from a page) it brings the person straight back there.
export const load: PageServerLoad = async ({ locals, url, cookies }) => {
	const token = url.searchParams.get('token') ?? '';
	const naar = url.searchParams.has('naar') ? localPath(url.searchParams.get('naar'), '') : '';
	const outcome = await confirmEmail(locals.accounts, locals.viewer, token);
	if (outcome === 'confirmed' && naar) redirectWithFlash(cookies, naar, 'email_confirmed');
	return { outcome, here: `/e-mail-bevestigen?token=${encodeURIComponent(token)}${naar ? `&naar=${encodeURIComponent(naar)}` : ''}` };
};
