import { TZDate } from '@date-fns/tz';
import type { initiative } from '../initiatives/schema.ts';
import type { activity } from './schema.ts';
import { ZONE } from './time.ts';

/** A moment as ISO 8601 with Amsterdam's offset: `2026-10-13T19:00:00+02:00`. */
export function isoAmsterdam(moment: Date): string {
	return new TZDate(moment.getTime(), ZONE).toISOString().replace(/\.\d{3}(?=[+-])/, '');
}

/**
 * Schema.org `Event` for one date of a public activity, as the text of a
 * `<script type="application/ld+json">`. It is data, not script; `<` is
 * escaped so that no text in it can close the element (`</script>`).
 */
export function eventJsonLd(
	a: Pick<typeof activity.$inferSelect, 'title' | 'description' | 'startsAt' | 'endsAt' | 'place'>,
	home: Pick<typeof initiative.$inferSelect, 'name' | 'town' | 'address' | 'postcode'>,
	url: string,
	cancelled: boolean
): string {
	const data = {
		'@context': 'https://schema.org',
		'@type': 'Event',
		name: a.title,
		description: a.description || undefined,
		startDate: isoAmsterdam(a.startsAt),
		endDate: isoAmsterdam(a.endsAt),
		eventStatus: cancelled ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
		eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
		isAccessibleForFree: undefined,
		location: {
			'@type': 'Place',
			name: a.place || home.name,
			address: {
				'@type': 'PostalAddress',
				streetAddress: a.place ? undefined : home.address || undefined,
				postalCode: a.place ? undefined : home.postcode || undefined,
				addressLocality: home.town,
				addressCountry: 'NL'
			}
		},
		organizer: { '@type': 'Organization', name: home.name },
		url
	};
	return JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
