import type { Actions, PageServerLoad } from './$types';
import { HANDOVER_LINK_PATH } from '#lib/server/handover/kind.ts';
import { renewHandoverLinks } from '#lib/server/handover/service.ts';
import { lostLinkAction } from '#lib/server/outside/forms.ts';

/** "Link kwijt?": whoever sent a handover (or asked to be called) gets a new link, by the address they gave. */
export const load: PageServerLoad = ({ url }) => ({ sent: url.searchParams.has('verstuurd') });

export const actions: Actions = {
	default: (event) => lostLinkAction(event, `${HANDOVER_LINK_PATH}/kwijt`, (context, email) => renewHandoverLinks(event.locals.db, event.locals.mailer, context, email))
};
