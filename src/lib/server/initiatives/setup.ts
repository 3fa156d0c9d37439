import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { initiative, initiativePhoto, invite, membership, openingHours } from './schema.ts';

/**
 * How far an initiative's page is set up: what a new coordinator's checklist
 * ticks off and what the start page's to-do list asks for. Not access-checked
 * here: callers ask only about initiatives the viewer coordinates (see
 * `coordinatedBy` in access/initiatives.ts).
 */
export interface Setup {
	/** A street address or postcode people can go to. */
	place: boolean;
	/** At least one walk-in period in the week. */
	hours: boolean;
	photo: boolean;
	/** An invite was made (link or mail), or someone besides the starter is a member. */
	invited: boolean;
}

export async function setupOf(db: Db, initiativeIds: string[]): Promise<Map<string, Setup>> {
	if (!initiativeIds.length) return new Map();
	const has = (table: typeof openingHours | typeof initiativePhoto | typeof invite) =>
		sql<boolean>`exists (select 1 from ${table} as part where part.initiative_id = ${initiative}.id)`.mapWith(Boolean);
	const rows = await db
		.select({
			id: initiative.id,
			place: sql<boolean>`(${initiative.address} <> '' or ${initiative.postcode} <> '')`.mapWith(Boolean),
			hours: has(openingHours),
			photo: has(initiativePhoto),
			invite: has(invite),
			// Counted up to two: a big initiative has thousands of members, and more than one is all this asks.
			members: sql<number>`(select count(*) from (select 1 from ${membership} as m where m.initiative_id = ${initiative}.id limit 2) as two)`.mapWith(Number)
		})
		.from(initiative)
		.where(inArray(initiative.id, initiativeIds));
	return new Map(rows.map((r) => [r.id, { place: r.place, hours: r.hours, photo: r.photo, invited: r.invite || r.members > 1 }]));
}
