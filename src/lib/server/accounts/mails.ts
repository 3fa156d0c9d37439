import { m } from '../../paraglide/messages.js';
import type { Mailer } from '../mail/index.ts';
import { localeOf, localePrefix } from '../notify/index.ts';
import { MAGIC_LINK_MINUTES, RESET_LINK_MINUTES } from './link-lifetimes.ts';

interface Recipient {
	email: string;
	name: string;
	locale?: string | null;
}

/** The e-mails about signing in, in the person's own language. */
export function authMails(mailer: Mailer, origin: string) {
	return {
		async magicLink(to: Recipient, token: string) {
			const locale = localeOf(to);
			const link = `${origin}${localePrefix(locale)}/inloggen/link?token=${encodeURIComponent(token)}`;
			await mailer.send({
				to: to.email,
				subject: m.mail_magic_link_subject({}, { locale }),
				text: m.mail_magic_link_text({ name: to.name, link, minutes: MAGIC_LINK_MINUTES }, { locale })
			});
		},
		async resetPassword(to: Recipient, token: string) {
			const locale = localeOf(to);
			const link = `${origin}${localePrefix(locale)}/wachtwoord-herstellen?token=${encodeURIComponent(token)}`;
			await mailer.send({
				to: to.email,
				subject: m.mail_reset_subject({}, { locale }),
				text: m.mail_reset_text({ name: to.name, link, minutes: RESET_LINK_MINUTES }, { locale })
			});
		}
	};
}
