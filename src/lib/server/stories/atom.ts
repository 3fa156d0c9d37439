import { renderStory } from './markdown.ts';
import type { feedStories } from './read.ts';

/**
 * The Atom 1.0 feed of public stories (RFC 4287). The author is the story's
 * signature (a pseudonym stays a pseudonym). A story with a content warning
 * carries the warning instead of its text: a feed reader cannot fold it.
 */
export function storiesAtom(
	stories: Awaited<ReturnType<typeof feedStories>>,
	options: { origin: string; title: string; warning: (story: (typeof stories)[number]) => string | null; edited: (reason: string) => string }
): string {
	const { origin } = options;
	const updated = stories.reduce((latest, s) => (s.updatedAt > latest ? s.updatedAt : latest), new Date(0));
	const entries = stories.map((s) => {
		const url = `${origin}/verhalen/${s.id}`;
		const warning = options.warning(s);
		const content = warning
			? `<summary>${xml(warning)}</summary>`
			: `<content type="html">${xml(renderStory(s.body) + (s.editReason ? `<p><em>${xml(options.edited(s.editReason))}</em></p>` : ''))}</content>`;
		return `<entry>
<id>${xml(url)}</id>
<title>${xml(s.title)}</title>
<link rel="alternate" type="text/html" href="${xml(url)}"/>
<author><name>${xml(s.author)}</name></author>
<published>${(s.publishedAt ?? s.updatedAt).toISOString()}</published>
<updated>${s.updatedAt.toISOString()}</updated>
${content}
</entry>`;
	});
	return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nl">
<id>${xml(`${origin}/verhalen`)}</id>
<title>${xml(options.title)}</title>
<link rel="self" type="application/atom+xml" href="${xml(`${origin}/verhalen.atom`)}"/>
<link rel="alternate" type="text/html" href="${xml(`${origin}/verhalen`)}"/>
<updated>${(stories.length ? updated : new Date(0)).toISOString()}</updated>
<author><name>Herstelplein</name></author>
${entries.join('\n')}
</feed>
`;
}

/** Text for XML: the five special characters escaped. */
function xml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}
