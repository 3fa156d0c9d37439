import { sql, type SQL } from 'drizzle-orm';
import { initiative } from '../initiatives/schema.ts';

/**
 * "Near a place" in SQL, for every list that searches by place (the
 * directory, the network's activities): the distance of an initiative's
 * place from a centre, and a radius around it.
 */

const EARTH_RADIUS_KM = 6371.0088;
const KM_PER_DEGREE = (Math.PI / 180) * EARTH_RADIUS_KM;

export interface Centre {
	latitude: number;
	longitude: number;
}

/** Kilometres over the earth's surface (haversine) from the centre to the initiative's place; null without a place. */
export function distanceFrom(centre: Centre): SQL<number> {
	return sql<number>`(2 * ${EARTH_RADIUS_KM}::float8 * asin(least(1, sqrt(
		power(sin(radians(${initiative.latitude} - ${centre.latitude}::float8) / 2), 2)
		+ cos(radians(${centre.latitude}::float8)) * cos(radians(${initiative.latitude}))
		* power(sin(radians(${initiative.longitude} - ${centre.longitude}::float8) / 2), 2)))))`;
}

/**
 * Initiatives with a known place, within `km` of the centre (any distance
 * when null): a box around the circle first (cheap, can use the index), then
 * the exact distance.
 */
export function nearConditions(centre: Centre, km: number | null): SQL[] {
	const conditions: SQL[] = [sql`${initiative.latitude} is not null`];
	if (km === null) return conditions;
	const dLat = km / KM_PER_DEGREE;
	const dLon = km / (KM_PER_DEGREE * Math.max(0.01, Math.cos((centre.latitude * Math.PI) / 180)));
	conditions.push(
		sql`${initiative.latitude} between ${centre.latitude - dLat}::float8 and ${centre.latitude + dLat}::float8`,
		sql`${initiative.longitude} between ${centre.longitude - dLon}::float8 and ${centre.longitude + dLon}::float8`,
		sql`${distanceFrom(centre)} <= ${km}::float8`
	);
	return conditions;
}
