import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { NotFound, requireAdmin, requireSignedIn } from '../access/core.ts';
import { isEmailConfirmed } from '../accounts/confirm-email.ts';
import { LIMITS, takeQuota } from '../accounts/rate-limit.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { findPlace } from '../directory/places.ts';
import { log } from '../log/index.ts';
import { RESERVED_SLUGS, slugify, type InitiativeInput } from './forms.ts';
import { initiative, membership } from './schema.ts';
import { notifyAdmins } from './review.ts';

export type Initiative = typeof initiative.$inferSelect;

export type CreateResult =
	| { ok: true; initiative: Initiative }
	| { ok: false; field: 'slug' | 'name'; error: 'initiative_error_slug_taken' | 'initiative_error_slug' }
	/** The address is not confirmed yet, or this person started the most initiatives for one day. */
	| { ok: false; field: 'form'; error: 'confirm_needed_initiative' | 'limit_error_initiatives' };

/**
 * Start an initiative. The person who starts it becomes its first coordinator.
 * It is public once the association admin approves it; an initiative started
 * by the admin is public at once. It takes a confirmed e-mail address, and
 * a few a day at most (an admin has no limit).
 */
export async function createInitiative(db: Db, viewer: Viewer, input: InitiativeInput): Promise<CreateResult> {
	const person = requireSignedIn(viewer);
	const slug = input.slug || slugify(input.name);
	if (!slug) return { ok: false, field: 'name', error: 'initiative_error_slug' };
	if (RESERVED_SLUGS.includes(slug)) return { ok: false, field: 'slug', error: 'initiative_error_slug_taken' };
	if (!(await isEmailConfirmed(db, person))) return { ok: false, field: 'form', error: 'confirm_needed_initiative' };
	// Until the coordinator enters an address, the town's centre puts it in the directory's place search.
	const place = findPlace(input.town);
	return db.transaction(async (tx) => {
		const [created] = await tx
			.insert(initiative)
			.values({
				slug,
				name: input.name,
				town: input.town,
				latitude: place?.latitude ?? null,
				longitude: place?.longitude ?? null,
				description: input.description,
				joinPolicy: input.joinPolicy,
				status: person.isAdmin ? 'published' : 'pending'
			})
			.onConflictDoNothing({ target: initiative.slug })
			.returning();
		if (!created) return { ok: false, field: 'slug', error: 'initiative_error_slug_taken' } as const;
		// Counted with the insert, so a taken web address does not use up the day's quota.
		if (!person.isAdmin && !(await takeQuota(tx as unknown as Db, `initiatives:account:${person.userId}`, LIMITS.initiativesPerAccount))) {
			throw new OverQuota();
		}
		await tx.insert(membership).values({ initiativeId: created.id, userId: person.userId, role: 'coordinator' });
		if (created.status === 'pending') await notifyAdmins(tx as unknown as Db, created.id);
		log.info({ initiative: created.slug, status: created.status }, 'initiative created');
		return { ok: true, initiative: created } as const;
	}).catch((err: unknown) => {
		if (err instanceof OverQuota) return { ok: false, field: 'form', error: 'limit_error_initiatives' } as const;
		throw err;
	});
}

/** Rolls back an initiative that went over the day's quota. */
class OverQuota extends Error {}

/** Published initiatives, by name, one page at a time. */
export async function listPublished(db: Db, page: { limit: number; offset: number }): Promise<Initiative[]> {
	return db
		.select()
		.from(initiative)
		.where(eq(initiative.status, 'published'))
		.orderBy(asc(initiative.name), asc(initiative.id))
		.limit(page.limit)
		.offset(page.offset);
}

/** The initiatives the viewer belongs to, with their role. */
export async function listMine(db: Db, viewer: Viewer) {
	if (!viewer) return [];
	return db
		.select({ id: initiative.id, slug: initiative.slug, name: initiative.name, town: initiative.town, status: initiative.status, role: membership.role })
		.from(membership)
		.innerJoin(initiative, eq(initiative.id, membership.initiativeId))
		.where(eq(membership.userId, viewer.userId))
		.orderBy(asc(initiative.name));
}

/** For the association admin: every initiative, newest first, with its number of members. */
export async function listAllForAdmin(db: Db, viewer: Viewer, page: { limit: number; offset: number }) {
	requireAdmin(viewer);
	return db
		.select({
			id: initiative.id,
			slug: initiative.slug,
			name: initiative.name,
			town: initiative.town,
			status: initiative.status,
			createdAt: initiative.createdAt,
			members: sql<number>`(select count(*)::int from ${membership} where ${membership.initiativeId} = ${initiative.id})`
		})
		.from(initiative)
		.orderBy(sql`case ${initiative.status} when 'pending' then 0 else 1 end`, desc(initiative.createdAt))
		.limit(page.limit)
		.offset(page.offset);
}

/** The association admin publishes or takes offline an initiative. */
export async function setInitiativeStatus(db: Db, viewer: Viewer, initiativeId: string, status: 'published' | 'unpublished'): Promise<void> {
	const admin = requireAdmin(viewer);
	const rows = await db
		.update(initiative)
		.set(status === 'published' ? { status, reviewNote: null } : { status })
		.where(eq(initiative.id, initiativeId))
		.returning({ slug: initiative.slug });
	if (!rows.length) throw new NotFound();
	log.info({ initiative: rows[0].slug, status, by: admin.userId }, 'initiative status changed');
}

/** Number of members per role, for the initiative page. */
export async function memberCount(db: Db, initiativeId: string): Promise<number> {
	const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(membership).where(and(eq(membership.initiativeId, initiativeId)));
	return row.n;
}
