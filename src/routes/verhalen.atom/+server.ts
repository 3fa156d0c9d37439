import type { RequestHandler } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { warningTopics } from '#lib/labels/stories.ts';
import { storiesAtom } from '#lib/server/stories/atom.ts';
import { feedStories } from '#lib/server/stories/read.ts';

/** The newest public stories as an Atom feed: never members-only or link-only ones. */
export const GET: RequestHandler = async ({ locals }) => {
	const body = storiesAtom(await feedStories(locals.db), {
		origin: locals.origin,
		title: m.stories_feed_title(),
		warning: (s) => (s.warnings.length || s.ownWarning ? m.stories_warning_label({ topics: warningTopics(s.warnings, s.ownWarning) }) : null),
		edited: (reason) => m.stories_edited_by_redactie({ reason })
	});
	return new Response(body, { headers: { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': 'public, max-age=300' } });
};
