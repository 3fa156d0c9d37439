import { isoAmsterdam } from '../activities/json-ld.ts';
import type { StoryView } from './read.ts';

/**
 * Schema.org `Article` for a public story, as the text of a
 * `<script type="application/ld+json">`. The author is the signature only (a
 * pseudonym stays a pseudonym); `<` is escaped so no text can close the element.
 */
export function articleJsonLd(view: StoryView, url: string): string {
	const data = {
		'@context': 'https://schema.org',
		'@type': 'Article',
		headline: view.title,
		description: view.summary || undefined,
		author: { '@type': 'Person', name: view.author },
		datePublished: view.publishedAt ? isoAmsterdam(view.publishedAt) : undefined,
		dateModified: isoAmsterdam(view.updatedAt),
		inLanguage: 'nl',
		keywords: view.themes.join(', ') || undefined,
		url,
		publisher: { '@type': 'Organization', name: 'Herstelplein' }
	};
	return JSON.stringify(data).replace(/</g, '\\u003c');
}
