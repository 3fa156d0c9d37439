import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { m } from '../../paraglide/messages.js';
import type { Locale } from '../../paraglide/runtime.js';
import { initiativeFor } from '../access/initiatives.ts';
import { email } from '../accounts/forms.ts';
import { allowAttempt, type Limit } from '../accounts/rate-limit.ts';
import { user } from '../accounts/schema.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { log } from '../log/index.ts';
import type { Mailer } from '../mail/index.ts';
import { membership } from './schema.ts';

/**
 * The contact form on an initiative's page: anyone (also without an account)
 * writes to the coordinators. Their e-mail addresses are never shown; they
 * answer by replying to the mail. The sender gets a copy.
 */

/** Per address: a few messages an hour. Per initiative: enough for a busy day, not for a flood. */
export const CONTACT_LIMITS = {
	perIp: { max: 5, windowSeconds: 60 * 60 },
	perInitiative: { max: 30, windowSeconds: 24 * 60 * 60 }
} satisfies Record<string, Limit>;

/** The field that people never see; a bot that fills it in is silently ignored. */
export const HONEYPOT_FIELD = 'homepage';

const noControl = (s: string) => !/[\u0000-\u001f\u007f]/.test(s);

export const contactForm = z.object({
	name: z
		.string({ error: 'contact_error_name' })
		.trim()
		.min(1, 'contact_error_name')
		.max(80, 'contact_error_name_long')
		.refine(noControl, 'contact_error_name'),
	email,
	message: z.string({ error: 'contact_error_message' }).trim().min(5, 'contact_error_message').max(4000, 'contact_error_message_long'),
	[HONEYPOT_FIELD]: z.string().optional().default('')
});

export type ContactInput = z.infer<typeof contactForm>;

/** `copy`: the sender got a copy (only a signed-in sender, at their own account's address). */
export type ContactResult = { ok: true; copy: boolean } | { ok: false; error: 'rate_limited' };

/** Send a message to the coordinators of an initiative the viewer may see; NotFound otherwise. */
export async function sendContactMessage(
	db: Db,
	mailer: Mailer,
	viewer: Viewer,
	context: { slug: string; ip: string; origin: string; locale: Locale },
	input: ContactInput
): Promise<ContactResult> {
	const { initiative } = await initiativeFor(db, viewer, { slug: context.slug });
	if (input[HONEYPOT_FIELD]) {
		log.info({ initiative: initiative.slug }, 'contact form: honeypot filled in, message dropped');
		return { ok: true, copy: false };
	}
	const allowed = await allowAttempt(db, [
		{ key: `contact:ip:${context.ip}`, limit: CONTACT_LIMITS.perIp },
		{ key: `contact:initiative:${initiative.id}`, limit: CONTACT_LIMITS.perInitiative }
	]);
	if (!allowed) return { ok: false, error: 'rate_limited' };

	const coordinators = await db
		.select({ email: user.email, name: user.name, locale: user.locale })
		.from(membership)
		.innerJoin(user, eq(user.id, membership.userId))
		.where(and(eq(membership.initiativeId, initiative.id), eq(membership.role, 'coordinator')));

	const prefix = (locale: Locale) => (locale === 'nl' ? '' : `/${locale}`);
	const page = (locale: Locale) => `${context.origin}${prefix(locale)}/initiatieven/${initiative.slug}`;
	for (const coordinator of coordinators) {
		const locale: Locale = coordinator.locale === 'en' ? 'en' : 'nl';
		const params = { initiative: initiative.name, sender: input.name, email: input.email, message: input.message, link: page(locale) };
		await mailer.send({
			to: coordinator.email,
			replyTo: input.email,
			subject: m.mail_contact_subject(params, { locale }),
			text: m.mail_contact_text({ ...params, name: coordinator.name }, { locale })
		});
	}
	// A copy only to an address we know is the sender's: otherwise the form would send our mail,
	// with any text, to any address someone types in.
	const copy = !!viewer && viewer.email.toLowerCase() === input.email.toLowerCase();
	if (copy) {
		const params = { initiative: initiative.name, name: input.name, message: input.message, link: page(context.locale) };
		await mailer.send({
			to: input.email,
			subject: m.mail_contact_copy_subject(params, { locale: context.locale }),
			text: m.mail_contact_copy_text(params, { locale: context.locale })
		});
	}
	log.info({ initiative: initiative.slug, coordinators: coordinators.length, copy }, 'contact message sent');
	return { ok: true, copy };
}
