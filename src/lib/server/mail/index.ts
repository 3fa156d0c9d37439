import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import { config } from '../config.ts';
import { log } from '../log/index.ts';

export interface Mail {
	to: string;
	subject: string;
	text: string;
	html?: string;
	replyTo?: string;
	/** Files sent along, e.g. the date of a sign-up as `.ics` (never anything private). */
	attachments?: Array<{ filename: string; content: string; contentType: string }>;
}

export interface MailSettings {
	/** SMTP server, e.g. `smtp://user:pass@mail.example.nl:587`; without it mail goes to the outbox. */
	smtpUrl?: string;
	from: string;
	/** Folder for the outbox when there is no SMTP server. */
	outboxDir: string;
}

export interface Mailer {
	send(mail: Mail): Promise<void>;
}

/**
 * A mailer that sends over SMTP, or — without SMTP settings — writes every
 * message as an `.eml` file to the outbox folder, so an operator without a mail
 * server can still read invite and sign-in links.
 */
export function createMailer(settings: MailSettings): Mailer {
	const transport: Transporter = settings.smtpUrl
		? nodemailer.createTransport(settings.smtpUrl)
		: nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

	return {
		async send(mail) {
			const info = await transport.sendMail({ from: settings.from, ...mail });
			if (settings.smtpUrl) {
				log.info({ mail: { subject: mail.subject, messageId: info.messageId } }, 'mail sent');
				return;
			}
			await mkdir(settings.outboxDir, { recursive: true });
			const file = path.join(settings.outboxDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}.eml`);
			await writeFile(file, info.message as Buffer, { mode: 0o600 });
			log.info({ mail: { subject: mail.subject, file } }, 'mail written to outbox (no SMTP_URL set)');
		}
	};
}

let appMailer: Mailer | undefined;

/** The app's mailer, from configuration. */
export function mailer(): Mailer {
	const { SMTP_URL, MAIL_FROM, dataDir } = config();
	appMailer ??= createMailer({ smtpUrl: SMTP_URL, from: MAIL_FROM, outboxDir: path.join(dataDir, 'outbox') });
	return appMailer;
}
