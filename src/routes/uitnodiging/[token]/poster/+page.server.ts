import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { inspectInvite } from '#lib/server/initiatives/invites.ts';
import { INVITE_PATH } from '#lib/server/initiatives/mails.ts';
import { qrSvg } from '#lib/server/share/qr.ts';
import { m } from '#lib/paraglide/messages.js';
import { localizeHref } from '#lib/paraglide/runtime.js';

/** A poster of an invite link: whoever holds the link may print it, as long as the link works. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const { state, initiative } = await inspectInvite(locals.db, params.token);
	if (state !== 'valid' || !initiative) error(404, 'Not found');
	const url = `${locals.origin}${INVITE_PATH}/${params.token}`;
	return {
		title: m.poster_invite_heading({ name: initiative.name }),
		lines: [m.poster_invite_line(), m.initiative_town({ town: initiative.town })],
		url,
		qr: await qrSvg(url),
		back: localizeHref(`${INVITE_PATH}/${params.token}`)
	};
};
