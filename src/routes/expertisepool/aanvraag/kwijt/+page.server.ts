import type { Actions, PageServerLoad } from './$types';
import { LOST_LINK_PATH } from '#lib/server/expertise/request-paths.ts';
import { renewPoolLinks } from '#lib/server/expertise/request-service.ts';
import { lostLinkAction } from '#lib/server/outside/forms.ts';

/** "Link kwijt?": an organisation asks for a new link to its requests, by the address it used. */
export const load: PageServerLoad = ({ url }) => ({ sent: url.searchParams.has('verstuurd') });

export const actions: Actions = {
	default: (event) => lostLinkAction(event, LOST_LINK_PATH, (context, email) => renewPoolLinks(event.locals.db, event.locals.mailer, context, email))
};
