import { m } from '../../paraglide/messages.js';
import type { Mailer } from '../mail/index.ts';

/** Where an invite link leads. */
export const INVITE_PATH = '/uitnodiging';

/** E-mails about joining an initiative. Invitees have no account yet, so these are in Dutch with English below. */
export function inviteMails(mailer: Mailer, origin: string) {
	return {
		async invite(input: { email: string; initiativeName: string; inviterName: string; token: string; days: number; message?: string }) {
			const link = `${origin}${INVITE_PATH}/${encodeURIComponent(input.token)}`;
			const params = { initiative: input.initiativeName, name: input.inviterName, link, days: input.days };
			const personal = input.message ? `\n\n"${input.message}"\n— ${input.inviterName}` : '';
			await mailer.send({
				to: input.email,
				subject: m.mail_invite_subject(params, { locale: 'nl' }),
				text: `${m.mail_invite_text(params, { locale: 'nl' })}${personal}\n\n---\n\n${m.mail_invite_text(params, { locale: 'en' })}`
			});
		}
	};
}
