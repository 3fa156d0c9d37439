import { eq, sql } from 'drizzle-orm';
import type { PersonalDataPart } from '../personal-data/part.ts';
import { spaceBlock, spaceEntry, spaceReflection, spaceShare } from './schema.ts';

/**
 * The herstelruimte in the account export: how much there is and where to
 * take it, not the text itself. Its own export (/mijn-herstelruimte/meenemen)
 * asks for a recent sign-in first, and this file must not be a way around
 * that. Everything goes with the account (`on delete cascade`, the data key
 * included).
 */
export const spacePersonalData: PersonalDataPart = {
	key: 'recoverySpace',
	async collect(db, viewer) {
		const count = async (table: typeof spaceBlock | typeof spaceEntry | typeof spaceReflection | typeof spaceShare) =>
			(await db.select({ n: sql<number>`count(*)::int` }).from(table).where(eq(table.ownerId, viewer.userId)))[0].n;
		return { blocks: await count(spaceBlock), journalEntries: await count(spaceEntry), reflections: await count(spaceReflection), shares: await count(spaceShare), exportItAt: '/mijn-herstelruimte/meenemen' };
	}
};
