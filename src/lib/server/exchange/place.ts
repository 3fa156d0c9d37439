import { locate, type Location } from '../directory/locate.ts';
import { configuredGeocoder } from '../directory/page.ts';
import { placeSpellingsNear } from '../directory/places.ts';
import type { PostQueryForm } from './query.ts';

/**
 * "Near a place" for vraag & aanbod, as the directory understands places:
 * posts carry a typed place name, so the search becomes the spellings of
 * every place within the distance. Undefined `places` means no place filter
 * (none typed, all of the country, or a place we do not know — `location`
 * says which, for the page's message).
 */
export async function placeFilter(form: PostQueryForm): Promise<{ location: Location; places?: string[] }> {
	const location = await locate(form.plaats, configuredGeocoder());
	if (location.kind !== 'found' || form.afstand === null) return { location };
	return { location, places: placeSpellingsNear(location, form.afstand) };
}
