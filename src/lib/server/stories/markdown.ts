import MarkdownIt from 'markdown-it';

/**
 * Stories are written in a small Markdown subset — paragraphs, headings,
 * lists, emphasis and links — and rendered here, on the server. Raw HTML
 * never passes (`html: false` escapes it); images, code, tables and quotes
 * are off. Headings start one level below the story's title; links tell
 * search engines the writer, not Herstelplein, vouches for them.
 */
const md = new MarkdownIt('zero', { html: false, breaks: true, linkify: false }).enable(['heading', 'list', 'emphasis', 'link', 'newline']);

md.renderer.rules.heading_open = (tokens, idx) => `<${shifted(tokens[idx].tag)}>`;
md.renderer.rules.heading_close = (tokens, idx) => `</${shifted(tokens[idx].tag)}>`;
md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
	tokens[idx].attrSet('rel', 'nofollow ugc noopener');
	return self.renderToken(tokens, idx, options);
};

/** `h1` → `h2` … down to `h4`: the page's own `h1` is the story's title. */
function shifted(tag: string): string {
	return `h${Math.min(Number(tag.slice(1)) + 1, 4)}`;
}

/** The story as safe HTML. */
export function renderStory(markdown: string): string {
	return md.render(markdown);
}

/** The story as plain text (for snippets, the feed's summary and JSON-LD). */
export function plainText(markdown: string): string {
	return markdown
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/^\s{0,3}(#{1,6}|[-*+]|\d+[.)])\s+/gm, '')
		.replace(/[*_]+/g, '')
		.replace(/\s+/g, ' ')
		.trim();
}
