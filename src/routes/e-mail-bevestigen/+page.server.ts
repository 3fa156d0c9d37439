import type { PageServerLoad } from './$types';
import { confirmEmail } from '#lib/server/accounts/confirm-email.ts';

// The link from the welcome mail. It confirms only in a browser signed in to
// that account (see confirmEmail), so a mail scanner opening it changes nothing.
export const load: PageServerLoad = async ({ locals, url }) => {
	const token = url.searchParams.get('token') ?? '';
	const outcome = await confirmEmail(locals.accounts, locals.viewer, token);
	return { outcome, here: `/e-mail-bevestigen?token=${encodeURIComponent(token)}` };
};
