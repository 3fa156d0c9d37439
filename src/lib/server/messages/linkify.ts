import { LinkifyIt } from 'linkify-it';

/**
 * A message as parts to show: plain text, and web links. The page shows each
 * part as text (HTML in a message stays text); only http(s) links become
 * links, so nothing typed can run script or open another kind of address.
 */
export type MessagePart = { text: string } | { text: string; href: string };

const linkify = new LinkifyIt({ fuzzyEmail: false }).add('ftp:', null).add('mailto:', null).add('//', null);

export function messageParts(body: string): MessagePart[] {
	const parts: MessagePart[] = [];
	let at = 0;
	for (const match of linkify.match(body) ?? []) {
		const href = /^https?:\/\//i.test(match.url) ? match.url : null;
		if (!href) continue;
		if (match.index > at) parts.push({ text: body.slice(at, match.index) });
		parts.push({ text: match.text, href });
		at = match.lastIndex;
	}
	if (at < body.length) parts.push({ text: body.slice(at) });
	return parts;
}
