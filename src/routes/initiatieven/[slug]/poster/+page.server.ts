import type { PageServerLoad } from './$types';
import { initiativeFor } from '#lib/server/access/initiatives.ts';
import { guarded } from '#lib/server/http/guard.ts';
import { qrSvg } from '#lib/server/share/qr.ts';
import { m } from '#lib/paraglide/messages.js';
import { localizeHref } from '#lib/paraglide/runtime.js';

/** A poster of the initiative's page, for whoever may see the page. */
export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { initiative: i } = await initiativeFor(event.locals.db, event.locals.viewer, { slug: event.params.slug });
		const page = localizeHref(`/initiatieven/${i.slug}`);
		const url = `${event.locals.origin}${page}`;
		return { title: i.name, lines: [m.initiative_town({ town: i.town }), [i.address, i.postcode].filter(Boolean).join(', ')].filter(Boolean), url, qr: await qrSvg(url), back: page };
	});
