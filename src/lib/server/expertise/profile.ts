import { eq, sql } from 'drizzle-orm';
import { requireSignedIn } from '../access/core.ts';
import { profileContent } from '../access/expertise.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import type { ExpertProfileInput } from './forms.ts';
import { expertProfile } from './schema.ts';
import { searchVector } from './search.ts';

/*
 * The expert's own profile in their account: saved at any time, public only
 * once published, taken offline again whenever they like. Only the expert
 * writes it; who reads it is decided in access/expertise.ts.
 */

export type OwnExpertProfile = Omit<typeof expertProfile.$inferSelect, 'search' | 'userId'>;

const ownColumns = {
	id: expertProfile.id,
	pseudonym: expertProfile.pseudonym,
	...profileContent,
	notAbout: expertProfile.notAbout,
	publishedAt: expertProfile.publishedAt,
	createdAt: expertProfile.createdAt,
	updatedAt: expertProfile.updatedAt
};

/** The viewer's own profile with everything in it, or null before they saved one. */
export async function myExpertProfile(db: Db, viewer: Viewer): Promise<OwnExpertProfile | null> {
	const me = requireSignedIn(viewer);
	const [row] = await db.select(ownColumns).from(expertProfile).where(eq(expertProfile.userId, me.userId));
	return row ?? null;
}

/**
 * The viewer saves their profile; `publish` also makes it public (a
 * published profile stays published). The caller validated it for
 * publishing when it is or becomes public (see `expertProfileForm`).
 */
export async function saveExpertProfile(db: Db, viewer: Viewer, input: ExpertProfileInput, publish: boolean): Promise<{ id: string; published: boolean }> {
	const me = requireSignedIn(viewer);
	const now = new Date();
	const values = {
		...input,
		search: searchVector({ ...input, name: input.pseudonym || me.name }),
		updatedAt: now
	};
	const [saved] = await db
		.insert(expertProfile)
		.values({ userId: me.userId, ...values, publishedAt: publish ? now : null })
		.onConflictDoUpdate({ target: expertProfile.userId, set: publish ? { ...values, publishedAt: keepPublished(now) } : values })
		.returning({ id: expertProfile.id, publishedAt: expertProfile.publishedAt });
	return { id: saved.id, published: !!saved.publishedAt };
}

/** Keep the first publication day when a published profile is published again. */
const keepPublished = (now: Date) => sql`coalesce(${expertProfile.publishedAt}, ${now.toISOString()}::timestamptz)`;

/** The viewer takes their profile offline; it stays theirs to publish again. Nothing happens when it was not public. */
export async function unpublishExpertProfile(db: Db, viewer: Viewer): Promise<void> {
	const me = requireSignedIn(viewer);
	await db.update(expertProfile).set({ publishedAt: null, updatedAt: new Date() }).where(eq(expertProfile.userId, me.userId));
}
