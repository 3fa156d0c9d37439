import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Locale } from '../../paraglide/runtime.js';
import type { Db } from '../db/index.ts';
import { enqueue, type QueueDefinition } from '../jobs/index.ts';
import type { Mailer } from '../mail/index.ts';

/*
 * The notice room: one way for every capability to tell a person something by
 * e-mail. A capability adds a job inside the transaction of its change
 * (`enqueueNotice`), so the mail goes out only once that change is committed,
 * also after a restart; the job's handler (`noticeQueue`) reads the state again
 * when it runs and skips a mail that no longer fits. Jobs carry ids, never the
 * private text (messages, stories, the personal space): a mail says that there
 * is something, with a link. Opt-out links are signed per person and purpose
 * (`optOutToken`), so they work without signing in and can do nothing else.
 *
 * Each person chooses per kind of notice (kinds.ts): at once, once a day, or
 * off (preferences.ts, page /account/berichten-en-mails). A capability asks for the
 * modes inside its transaction (`noticeModes`): "now" adds its job here,
 * "daily" keeps an id for the daily digest (`addToDigest`, digest.ts), "off"
 * nothing. Every notice mail ends with the signed link of its kind
 * (`noticeLinkPath`, page /e-mail-instellen) to change or stop it.
 */

/** What a notice handler needs to send its mail. */
export interface NoticeContext {
	db: Db;
	mailer: Mailer;
	/** Public address for links in mails. */
	origin: string;
	/** Signs the opt-out links. */
	secret: string;
}

/** The language a mail goes out in: the person's own, Dutch when unknown. */
export const localeOf = (person: { locale?: string | null }): Locale => (person.locale === 'en' ? 'en' : 'nl');

/** Path prefix for a locale, so a link opens the page in the person's language. */
export const localePrefix = (locale: Locale) => (locale === 'nl' ? '' : `/${locale}`);

/** Add a notice job inside the transaction `tx` of the change it is about. */
export function enqueueNotice(tx: Db, queue: string, job: object, options?: { singletonKey?: string }): Promise<void> {
	return enqueue(tx, queue, job, options);
}

/**
 * A queue of single notices: each job is parsed (a malformed one fails and is
 * not retried forever) and sent, or skipped when it no longer fits.
 */
export function noticeQueue<J>(parse: (data: Record<string, unknown>) => J, send: (job: J) => Promise<'sent' | 'skipped'>): QueueDefinition {
	return { handler: async (data) => void (await send(parse(data))), mailOnly: true };
}

const sign = (secret: string, purpose: string, userId: string) => createHmac('sha256', secret).update(`herstelplein:${purpose}:${userId}`).digest('base64url');

/**
 * A token that lets whoever holds it turn off one kind of mail (`purpose`)
 * for one person, without signing in: the person's id with an HMAC over it.
 */
export function optOutToken(secret: string, purpose: string, userId: string): string {
	return `${Buffer.from(userId).toString('base64url')}.${sign(secret, purpose, userId)}`;
}

/** The person an opt-out token is for, or null when it is not genuine. */
export function verifyOptOutToken(secret: string, purpose: string, token: string): string | null {
	const [encoded, mac, ...rest] = token.split('.');
	if (!encoded || !mac || rest.length) return null;
	const userId = Buffer.from(encoded, 'base64url').toString('utf8');
	const expected = Buffer.from(sign(secret, purpose, userId));
	const given = Buffer.from(mac);
	return given.length === expected.length && timingSafeEqual(given, expected) ? userId : null;
}
