import { log } from '../log/index.ts';
import { everyPlace, findPlace, normalisePlaceName, suggestPlaces, type Place } from './places.ts';

/** Where a search is centred, as far as we understood what was typed. */
export type Location =
	| { kind: 'anywhere' }
	| { kind: 'found'; name: string; latitude: number; longitude: number }
	/** A postcode, and no online geocoder (or it did not answer): ask for the place name. */
	| { kind: 'postcode' }
	| { kind: 'unknown'; suggestions: string[] };

/** Looks up a postcode or address online; returns undefined when it cannot. */
export type Geocoder = (text: string) => Promise<{ name: string; latitude: number; longitude: number } | undefined>;

const POSTCODE = /^[1-9]\d{3}(\s?[a-z]{2})?$/i;

/**
 * Understand the place someone typed: a Dutch place name from the offline
 * table (always), or a postcode through the optional online geocoder.
 */
export async function locate(text: string, geocoder?: Geocoder): Promise<Location> {
	if (!text) return { kind: 'anywhere' };
	if (POSTCODE.test(text)) {
		const found = geocoder ? await geocoder(text.toUpperCase().replace(/\s/g, '')) : undefined;
		return found ? { kind: 'found', ...found } : { kind: 'postcode' };
	}
	const place = findPlace(text);
	if (place) return { kind: 'found', name: place.name, latitude: place.latitude, longitude: place.longitude };
	return { kind: 'unknown', suggestions: suggestionsFor(text).map((p) => p.name) };
}

/** Places that start like what was typed, then places one or two typos away ("Zwole" → Zwolle). */
export function suggestionsFor(text: string, limit = 6): Place[] {
	const found = suggestPlaces(text, limit);
	const key = normalisePlaceName(text);
	if (found.length >= limit || key.length < 3) return found;
	const names = new Set(found.map((p) => p.name));
	const close: Array<{ place: Place; distance: number }> = [];
	const maxDistance = key.length <= 5 ? 1 : 2;
	for (const place of everyPlace()) {
		if (names.has(place.name)) continue;
		const distance = editDistance(key, normalisePlaceName(place.name), maxDistance);
		if (distance <= maxDistance) close.push({ place, distance });
	}
	close.sort((a, b) => a.distance - b.distance || b.place.population - a.place.population);
	return [...found, ...close.slice(0, limit - found.length).map((c) => c.place)];
}

/** Levenshtein distance, giving up (returning max + 1) once it is clearly larger than max. */
export function editDistance(a: string, b: string, max: number): number {
	if (Math.abs(a.length - b.length) > max) return max + 1;
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		let best = i;
		for (let j = 1; j <= b.length; j++) {
			current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
			best = Math.min(best, current[j]);
		}
		if (best > max) return max + 1;
		previous = current;
	}
	return previous[b.length];
}

/**
 * PDOK Locatieserver (the Dutch government's free geocoder), used only when
 * the operator turns it on. A short timeout: when it is slow or down, the
 * person gets the "type the place name" message instead of waiting.
 */
export function pdokGeocoder(baseUrl = 'https://api.pdok.nl/bzk/locatieserver/search/v3_1/free', timeoutMs = 2500): Geocoder {
	return async (text) => {
		const url = new URL(baseUrl);
		url.searchParams.set('q', text);
		url.searchParams.set('rows', '1');
		url.searchParams.set('fl', 'weergavenaam,centroide_ll,woonplaatsnaam');
		try {
			const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
			if (!response.ok) throw new Error(`status ${response.status}`);
			const body = (await response.json()) as { response?: { docs?: Array<{ centroide_ll?: string; woonplaatsnaam?: string; weergavenaam?: string }> } };
			const doc = body.response?.docs?.[0];
			const point = doc?.centroide_ll?.match(/^POINT\(([-\d.]+) ([-\d.]+)\)$/);
			if (!doc || !point) return undefined;
			return { name: doc.woonplaatsnaam || doc.weergavenaam || text, latitude: Number(point[2]), longitude: Number(point[1]) };
		} catch (err) {
			log.warn({ err: String(err) }, 'geocoder did not answer; asking for the place name instead');
			return undefined;
		}
	};
}
