import { m } from '../../paraglide/messages.js';
import type { Mailer } from '../mail/index.ts';
import { localeOf, localePrefix } from '../notify/index.ts';

interface Recipient {
	email: string;
	name: string;
	locale?: string | null;
}


/** How long a link to confirm a new e-mail address works. */
export const EMAIL_CHANGE_MINUTES = 60;

/** The e-mails about changes to an account, in the person's own language. */
export function accountMails(mailer: Mailer, origin: string) {
	return {
		/** To the NEW address: the link that makes the change. */
		async confirmNewEmail(to: Recipient, token: string) {
			const locale = localeOf(to);
			const link = `${origin}${localePrefix(locale)}/account/e-mail/bevestigen?token=${encodeURIComponent(token)}`;
			await mailer.send({
				to: to.email,
				subject: m.account_mail_confirm_subject({}, { locale }),
				text: m.account_mail_confirm_text({ name: to.name, link, minutes: EMAIL_CHANGE_MINUTES }, { locale })
			});
		},
		/** To the OLD address, once the new one is confirmed. */
		async emailChanged(to: Recipient, newEmail: string) {
			const locale = localeOf(to);
			await mailer.send({
				to: to.email,
				subject: m.account_mail_changed_subject({}, { locale }),
				text: m.account_mail_changed_text({ name: to.name, email: newEmail }, { locale })
			});
		},
		async passwordChanged(to: Recipient) {
			const locale = localeOf(to);
			await mailer.send({
				to: to.email,
				subject: m.account_mail_password_subject({}, { locale }),
				text: m.account_mail_password_text({ name: to.name, link: `${origin}${localePrefix(locale)}/wachtwoord-vergeten` }, { locale })
			});
		}
	};
}
