import { m } from '../../paraglide/messages.js';
import type { Mailer } from '../mail/index.ts';
import { localeOf, localePrefix } from '../notify/index.ts';
import { CONFIRM_LINK_DAYS, MAGIC_LINK_MINUTES, RESET_LINK_MINUTES } from './link-lifetimes.ts';

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
		/** After sign-up: welcome, with the link that confirms the address (`again`: asked for from the account page). */
		async confirmEmail(to: Recipient, token: string, again: boolean, naar?: string) {
			const locale = localeOf(to);
			// `naar`: the page where confirming was asked for (joining from an activity), so the link brings the person back there.
			const back = naar ? `&naar=${encodeURIComponent(naar)}` : '';
			const link = `${origin}${localePrefix(locale)}/e-mail-bevestigen?token=${encodeURIComponent(token)}${back}`;
			const params = { name: to.name, link, days: CONFIRM_LINK_DAYS };
			await mailer.send({
				to: to.email,
				subject: again ? m.mail_confirm_subject({}, { locale }) : m.mail_welcome_subject({}, { locale }),
				text: again ? m.mail_confirm_text(params, { locale }) : m.mail_welcome_text(params, { locale })
			});
		},
		/** Someone used this address on the sign-up form: the owner hears it, the form said nothing. */
		async signUpWithExistingAddress(to: Recipient) {
			const locale = localeOf(to);
			const base = `${origin}${localePrefix(locale)}`;
			await mailer.send({
				to: to.email,
				subject: m.mail_signup_existing_subject({}, { locale }),
				text: m.mail_signup_existing_text({ name: to.name, signIn: `${base}/inloggen`, reset: `${base}/wachtwoord-vergeten` }, { locale })
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
