import { and, asc, count, eq, sql } from 'drizzle-orm';
import { NotFound } from '../access/core.ts';
import { requireMember } from '../access/initiatives.ts';
import { requireModerator } from '../access/moderation.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { houseRule, PLATFORM_RULES, type PlatformRule } from './schema.ts';

/*
 * Afspraken: the house rules of an initiative. Its coordinators write a short
 * list; the platform's own minimums always apply on top. Every member reads
 * them, and chooses from them when they report something.
 */

export const RULE_MAX = 300;
export const RULES_MAX = 12;

export interface Afspraken {
	platform: readonly PlatformRule[];
	own: Array<{ id: string; text: string }>;
}

/** The afspraken of an initiative, by its id (for a report form: the access check is the caller's). */
export async function afsprakenOf(db: Db, initiativeId: string): Promise<Afspraken> {
	const own = await db
		.select({ id: houseRule.id, text: houseRule.text })
		.from(houseRule)
		.where(eq(houseRule.initiativeId, initiativeId))
		.orderBy(asc(houseRule.position), asc(houseRule.createdAt))
		.limit(RULES_MAX);
	return { platform: PLATFORM_RULES, own };
}

/** The afspraken, for a member of the initiative. */
export async function readAfspraken(db: Db, viewer: Viewer, slug: string) {
	const access = await requireMember(db, viewer, { slug });
	return { ...access, afspraken: await afsprakenOf(db, access.initiative.id) };
}

export type RuleResult = { ok: true } | { ok: false; error: 'empty' | 'too_long' | 'too_many' };

const checkText = (text: string): RuleResult | null => (!text ? { ok: false, error: 'empty' } : text.length > RULE_MAX ? { ok: false, error: 'too_long' } : null);

/** A coordinator adds an afspraak at the end of the list. */
export async function addRule(db: Db, viewer: Viewer, slug: string, text: string): Promise<RuleResult> {
	const { initiative } = await requireModerator(db, viewer, slug);
	const invalid = checkText(text.trim());
	if (invalid) return invalid;
	return db.transaction(async (tx) => {
		const [{ n }] = await tx.select({ n: count() }).from(houseRule).where(eq(houseRule.initiativeId, initiative.id));
		if (n >= RULES_MAX) return { ok: false, error: 'too_many' } as const;
		// The same text twice (a double submit) is kept once.
		const [same] = await tx.select({ id: houseRule.id }).from(houseRule).where(and(eq(houseRule.initiativeId, initiative.id), eq(houseRule.text, text.trim())));
		if (!same) await tx.insert(houseRule).values({ initiativeId: initiative.id, text: text.trim(), position: sql`(select coalesce(max(position), 0) + 1 from ${houseRule} where initiative_id = ${initiative.id})` });
		return { ok: true } as const;
	});
}

/** A coordinator rewrites an afspraak. Reports made earlier keep the text as it was. */
export async function updateRule(db: Db, viewer: Viewer, slug: string, ruleId: string, text: string): Promise<RuleResult> {
	const { initiative } = await requireModerator(db, viewer, slug);
	const invalid = checkText(text.trim());
	if (invalid) return invalid;
	const rows = await db
		.update(houseRule)
		.set({ text: text.trim() })
		.where(and(eq(houseRule.id, ruleId), eq(houseRule.initiativeId, initiative.id)))
		.returning({ id: houseRule.id });
	if (!rows.length) throw new NotFound();
	return { ok: true };
}

/** A coordinator removes an afspraak. Removing it twice changes nothing. */
export async function deleteRule(db: Db, viewer: Viewer, slug: string, ruleId: string): Promise<void> {
	const { initiative } = await requireModerator(db, viewer, slug);
	await db.delete(houseRule).where(and(eq(houseRule.id, ruleId), eq(houseRule.initiativeId, initiative.id)));
}
