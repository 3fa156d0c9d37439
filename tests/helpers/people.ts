import { randomUUID } from 'node:crypto';
import { user } from '#lib/server/accounts/schema.ts';
import type { SignedIn } from '#lib/server/accounts/viewer.ts';
import type { Db } from '#lib/server/db/index.ts';

/**
 * Insert a person straight into the database and return them as a viewer.
 * Their address counts as confirmed (they clicked the link in the welcome
 * mail), unless `confirmed: false`.
 */
export async function makePerson(db: Db, name: string, options: { isAdmin?: boolean; confirmed?: boolean } = {}): Promise<SignedIn> {
	const id = randomUUID();
	const email = `${name.toLowerCase().replace(/[^a-z]/g, '')}-${id.slice(0, 8)}@voorbeeld.test`;
	await db.insert(user).values({ id, name, email, isAdmin: options.isAdmin ?? false, emailVerified: options.confirmed ?? true });
	return { userId: id, name, email, locale: 'nl', isAdmin: options.isAdmin ?? false };
}
