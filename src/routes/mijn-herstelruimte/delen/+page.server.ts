import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { shareCandidates } from '#lib/server/access/space.ts';
import { formError, parseForm, readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { guarded, signedIn } from '#lib/server/http/guard.ts';
import { listBlocks } from '#lib/server/space/blocks.ts';
import { requireRecentSignIn } from '#lib/server/space/guard.ts';
import { spaceStore } from '#lib/server/space/keys.ts';
import { LINK_DAYS, listShares, revokeShare, shareByLink, shareWithMember } from '#lib/server/space/shares.ts';
import { NotFound } from '#lib/server/access/core.ts';

const PATH = '/mijn-herstelruimte/delen';

export const load: PageServerLoad = async ({ locals }) => {
	const me = signedIn(locals, PATH);
	const store = spaceStore(locals.db);
	const [blocks, shares, candidates] = await Promise.all([listBlocks(store, me), listShares(store, me), shareCandidates(locals.db, me)]);
	return { blocks: blocks.map((b) => ({ id: b.id, name: b.name })), shares, candidates, days: LINK_DAYS };
};

const blockId = z.uuid({ error: 'space_error_block' });

export const actions: Actions = {
	lid: async (event) => {
		const me = signedIn(event.locals, PATH);
		const form = await readForm(event.request);
		if (!form) return unreadableForm();
		const parsed = parseForm(z.object({ blockId, readerId: z.string({ error: 'space_error_member' }).min(1, 'space_error_member').max(100, 'space_error_member') }), form);
		if (!parsed.ok) return parsed.failure;
		try {
			await shareWithMember(spaceStore(event.locals.db), me, parsed.data);
		} catch (e) {
			// A block or a person not (or no longer) to choose: answered as a choice to make again.
			if (e instanceof NotFound) return formError(404, form, 'readerId', 'space_error_member');
			throw e;
		}
		return { shared: true };
	},
	link: async (event) => {
		const me = signedIn(event.locals, PATH);
		const form = await readForm(event.request);
		if (!form) return unreadableForm();
		const parsed = parseForm(z.object({ blockId, days: z.coerce.number({ error: 'space_error_days' }).pipe(z.union(LINK_DAYS.map((d) => z.literal(d)), { error: 'space_error_days' })) }), form);
		if (!parsed.ok) return parsed.failure;
		await requireRecentSignIn(event, PATH);
		const token = await guarded(event, () => shareByLink(spaceStore(event.locals.db), me, parsed.data));
		return { link: `${event.locals.origin}/herstelruimte/link/${token}` };
	},
	stoppen: async (event) => {
		const me = signedIn(event.locals, PATH);
		const form = await readForm(event.request);
		if (!form) return unreadableForm();
		const parsed = parseForm(z.object({ shareId: z.uuid() }), form);
		if (!parsed.ok) return parsed.failure;
		await guarded(event, () => revokeShare(event.locals.db, me, parsed.data.shareId));
		return { revoked: true };
	}
};
