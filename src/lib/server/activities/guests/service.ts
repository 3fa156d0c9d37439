import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Locale } from '../../../paraglide/runtime.js';
import { activityFor } from '../../access/activities.ts';
import { email } from '../../accounts/forms.ts';
import { allowAttempt, type Limit } from '../../accounts/rate-limit.ts';
import type { Db } from '../../db/index.ts';
import { initiative } from '../../initiatives/schema.ts';
import { log } from '../../log/index.ts';
import type { Mailer } from '../../mail/index.ts';
import { guestConfirmPath, hashConfirmToken, isConfirmToken, newConfirmToken, verifyGuestCancelToken } from './links.ts';
import { guestConfirmMail } from './mails.ts';
import { occurrenceAt } from '../occurrences.ts';
import { activity, activityGuestRequest, activitySignup } from '../schema.ts';
import { fillFromWaitlist, lockActivity, takePlace, type SignupStatus } from '../signups.ts';
import { datePath } from '../notifications/mails.ts';
import { dayKey, formatRange } from '../time.ts';

/*
 * Signing up without an account (als gast), for public activities of a public
 * initiative whose coordinators allow it (`initiative.guest_signups`).
 *
 * 1. The guest fills in name and e-mail: a request is stored (only a hash of
 *    its token) and a mail with a confirmation link goes out. Nothing is
 *    signed up yet, and the page does not say whether this address is known.
 * 2. The link opens a page with a button; the button (a POST, so mail scanners
 *    that open links confirm nothing) takes a place or a place on the
 *    waitlist, exactly like a member's sign-up: same lock, same count.
 * 3. Every mail after that carries a link to cancel without an account.
 *
 * Guests' names are seen only by the hosts and coordinators; their e-mail
 * addresses by nobody. Guest data is removed after the date (guest-cleanup.ts).
 */

/** Per address: enough for a walk-in where several people sign up on one computer. Per activity: a busy day, not a flood. Per e-mail address: nobody's inbox is flooded. */
export const GUEST_LIMITS = {
	perIp: { max: 10, windowSeconds: 60 * 60 },
	perActivity: { max: 60, windowSeconds: 24 * 60 * 60 },
	perEmail: { max: 3, windowSeconds: 60 * 60 }
} satisfies Record<string, Limit>;

/** How long a confirmation link works, at most: it also stops when the date starts. */
export const GUEST_LINK_HOURS = 48;

/** The field that people never see; a bot that fills it in is ignored (and told "check your mail"). */
export const GUEST_HONEYPOT_FIELD = 'homepage';

const noControl = (s: string) => !/[\u0000-\u001f\u007f]/.test(s);

export const guestForm = z.object({
	name: z.string({ error: 'guest_error_name' }).trim().min(1, 'guest_error_name').max(80, 'guest_error_name_long').refine(noControl, 'guest_error_name'),
	email,
	[GUEST_HONEYPOT_FIELD]: z.string().optional().default('')
});

export type GuestInput = z.infer<typeof guestForm>;

type ActivityRow = typeof activity.$inferSelect;
type InitiativeRow = typeof initiative.$inferSelect;

/** May guests sign up for this activity at all? Public, published, of a public initiative that allows it. */
export function guestSignupsOpen(a: Pick<ActivityRow, 'visibility' | 'status'>, home: Pick<InitiativeRow, 'status' | 'guestSignups'>): boolean {
	return home.guestSignups && home.status === 'published' && a.visibility === 'public' && a.status === 'published';
}

export type GuestError = 'closed' | 'cancelled' | 'started' | 'no_date' | 'rate_limited';
export type GuestRequestResult = { ok: true } | { ok: false; error: GuestError };

/**
 * Step 1: store a request and mail the confirmation link. NotFound when the
 * activity is not visible to someone without an account.
 */
export async function requestGuestSignup(
	db: Db,
	mailer: Mailer,
	context: { activityId: string; occurrence: Date; ip: string; origin: string; locale: Locale; now?: Date },
	input: GuestInput
): Promise<GuestRequestResult> {
	const now = context.now ?? new Date();
	const { activity: a, initiative: home } = await activityFor(db, null, context.activityId);
	if (!guestSignupsOpen(a, home)) return { ok: false, error: 'closed' };
	const date = await occurrenceAt(db, a, context.occurrence);
	if (!date) return { ok: false, error: 'no_date' };
	if (date.cancelled) return { ok: false, error: 'cancelled' };
	if (date.startsAt <= now) return { ok: false, error: 'started' };
	if (input[GUEST_HONEYPOT_FIELD]) {
		log.info({ activity: a.id }, 'guest sign-up: honeypot filled in, request dropped');
		return { ok: true };
	}
	const allowed = await allowAttempt(db, [
		{ key: `guest:ip:${context.ip}`, limit: GUEST_LIMITS.perIp },
		{ key: `guest:activity:${a.id}`, limit: GUEST_LIMITS.perActivity },
		{ key: `guest:email:${input.email.toLowerCase()}`, limit: GUEST_LIMITS.perEmail }
	]);
	if (!allowed) return { ok: false, error: 'rate_limited' };
	const { token, hash } = newConfirmToken();
	const expiresAt = new Date(Math.min(now.getTime() + GUEST_LINK_HOURS * 3_600_000, date.startsAt.getTime()));
	await db.insert(activityGuestRequest).values({
		activityId: a.id,
		occurrenceStart: date.key,
		name: input.name,
		email: input.email,
		locale: context.locale,
		tokenHash: hash,
		expiresAt
	});
	await mailer.send(
		guestConfirmMail({
			origin: context.origin,
			guest: { name: input.name, email: input.email, locale: context.locale },
			activity: { ...a, startsAt: date.startsAt, endsAt: date.endsAt },
			day: a.rrule ? dayKey(date.key) : undefined,
			initiative: home,
			confirmPath: guestConfirmPath(token),
			expiresAt
		})
	);
	log.info({ activity: a.id }, 'guest sign-up requested');
	return { ok: true };
}

export type GuestLinkState = 'valid' | 'expired' | 'used' | 'unknown' | 'closed';

/** What a page about one of a guest's links shows: the activity and date, never anyone else. */
export interface GuestLinkView {
	title: string;
	initiative: string;
	when: string;
	/** The activity's page (with `?datum=` for a date of a series). */
	path: string;
	/** The guest's own name as they typed it. */
	name: string;
}

function viewOf(a: ActivityRow, home: InitiativeRow, key: Date, times: { startsAt: Date; endsAt: Date }, name: string, locale: string): GuestLinkView {
	const path = datePath(home.slug, a.id, a.rrule ? key : null);
	return { title: a.title, initiative: home.name, when: formatRange(times.startsAt, times.endsAt, locale), path, name };
}

/** Is the activity and its date still open for guests (not started, not cancelled, switch still on)? */
async function openDate(db: Db, a: ActivityRow, home: InitiativeRow, key: Date, now: Date) {
	if (!guestSignupsOpen(a, home)) return null;
	const date = await occurrenceAt(db, a, key);
	if (!date || date.cancelled || date.startsAt <= now) return null;
	return date;
}

async function requestByToken(db: Db, token: string, lock = false) {
	if (!isConfirmToken(token)) return undefined;
	const query = db
		.select({ request: activityGuestRequest, activity, initiative })
		.from(activityGuestRequest)
		.innerJoin(activity, eq(activity.id, activityGuestRequest.activityId))
		.innerJoin(initiative, eq(initiative.id, activity.initiativeId))
		.where(eq(activityGuestRequest.tokenHash, hashConfirmToken(token)));
	const [row] = await (lock ? query.for('update', { of: activityGuestRequest }) : query);
	return row;
}

/** What a confirmation link leads to, for the page that opens it. Changes nothing. */
export async function inspectGuestRequest(db: Db, token: string, locale: string, now: Date = new Date()): Promise<{ state: GuestLinkState; view?: GuestLinkView }> {
	const row = await requestByToken(db, token);
	if (!row) return { state: 'unknown' };
	const { request: r, activity: a, initiative: home } = row;
	const date = await occurrenceAt(db, a, r.occurrenceStart);
	const view = viewOf(a, home, r.occurrenceStart, date ?? { startsAt: r.occurrenceStart, endsAt: r.occurrenceStart }, r.name, locale);
	if (r.usedAt) return { state: 'used', view };
	if (r.expiresAt <= now) return { state: 'expired', view };
	if (!(await openDate(db, a, home, r.occurrenceStart, now))) return { state: 'closed', view };
	return { state: 'valid', view };
}

export type GuestConfirmResult =
	| { ok: true; status: SignupStatus; already: boolean; view: GuestLinkView }
	| { ok: false; state: Exclude<GuestLinkState, 'valid'>; view?: GuestLinkView };

/**
 * Step 2: the guest confirms. In one transaction: the request row is locked
 * (a link works once, also with two clicks at once), then the activity row,
 * as for a member's sign-up, so guests and members share the places and the
 * waitlist. The same e-mail address signs up once per date.
 */
export async function confirmGuestSignup(db: Db, token: string, locale: string, now: Date = new Date()): Promise<GuestConfirmResult> {
	if (!isConfirmToken(token)) return { ok: false, state: 'unknown' };
	return db.transaction(async (tx): Promise<GuestConfirmResult> => {
		const row = await requestByToken(tx, token, true);
		if (!row) return { ok: false, state: 'unknown' };
		const { request: r } = row;
		const locked = await lockActivity(tx, r.activityId);
		// Read again under the lock: the activity or the switch may just have changed.
		const [fresh] = await tx.select({ activity, initiative }).from(activity).innerJoin(initiative, eq(initiative.id, activity.initiativeId)).where(eq(activity.id, r.activityId));
		const date = await occurrenceAt(tx, fresh.activity, r.occurrenceStart);
		const view = viewOf(fresh.activity, fresh.initiative, r.occurrenceStart, date ?? { startsAt: r.occurrenceStart, endsAt: r.occurrenceStart }, r.name, locale);
		if (r.usedAt) return { ok: false, state: 'used', view };
		if (r.expiresAt <= now) return { ok: false, state: 'expired', view };
		if (!(await openDate(tx, fresh.activity, fresh.initiative, r.occurrenceStart, now))) return { ok: false, state: 'closed', view };
		await tx.update(activityGuestRequest).set({ usedAt: now }).where(eq(activityGuestRequest.id, r.id));
		const [existing] = await tx
			.select({ status: activitySignup.status })
			.from(activitySignup)
			.where(
				and(
					eq(activitySignup.activityId, r.activityId),
					eq(activitySignup.occurrenceStart, r.occurrenceStart),
					isNull(activitySignup.userId),
					sql`lower(${activitySignup.guestEmail}) = lower(${r.email})`
				)
			);
		if (existing) return { ok: true, status: existing.status, already: true, view };
		const { status } = await takePlace(tx, locked, r.occurrenceStart, { guestName: r.name, guestEmail: r.email, guestLocale: r.locale });
		log.info({ activity: r.activityId, status }, 'guest signed up');
		return { ok: true, status, already: false, view };
	});
}

async function guestSignupByToken(db: Db, secret: string, token: string) {
	const signupId = verifyGuestCancelToken(secret, token);
	if (!signupId) return undefined;
	const [row] = await db
		.select({ signup: activitySignup, activity, initiative })
		.from(activitySignup)
		.innerJoin(activity, eq(activity.id, activitySignup.activityId))
		.innerJoin(initiative, eq(initiative.id, activity.initiativeId))
		.where(and(eq(activitySignup.id, signupId), isNull(activitySignup.userId)));
	return row;
}

/** What a guest's cancel link leads to (their sign-up), or null when it finds nothing. Changes nothing. */
export async function inspectGuestCancel(db: Db, secret: string, token: string, locale: string): Promise<(GuestLinkView & { status: SignupStatus }) | null> {
	const row = await guestSignupByToken(db, secret, token);
	if (!row) return null;
	const { signup: s, activity: a, initiative: home } = row;
	const date = await occurrenceAt(db, a, s.occurrenceStart);
	return { ...viewOf(a, home, s.occurrenceStart, date ?? { startsAt: s.occurrenceStart, endsAt: s.occurrenceStart }, s.guestName!, locale), status: s.status };
}

/**
 * Step 3: a guest cancels with the link from a mail. Their sign-up (with
 * their name and address) is deleted; a freed place goes to the first on the
 * waitlist, in the same transaction. False when the link finds nothing.
 */
export async function cancelGuestSignup(db: Db, secret: string, token: string): Promise<boolean> {
	const row = await guestSignupByToken(db, secret, token);
	if (!row) return false;
	return db.transaction(async (tx) => {
		await lockActivity(tx, row.activity.id);
		const [removed] = await tx
			.delete(activitySignup)
			.where(and(eq(activitySignup.id, row.signup.id), isNull(activitySignup.userId)))
			.returning({ status: activitySignup.status, at: activitySignup.occurrenceStart });
		if (!removed) return false;
		if (removed.status === 'confirmed') await fillFromWaitlist(tx, row.activity.id, removed.at);
		log.info({ activity: row.activity.id }, 'guest cancelled');
		return true;
	});
}
