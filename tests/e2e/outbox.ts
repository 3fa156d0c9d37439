import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from '@playwright/test';

export interface OutboxMail {
	file: string;
	to: string;
	subject: string;
	text: string;
	/** Names of attached files (a multipart mail). */
	attachments: string[];
	contentType: string;
	/** Set on a part that is an attachment. */
	filename: string;
}

/** Decode a quoted-printable body (RFC 2045): soft line breaks out, =XX bytes back, as UTF-8. */
export function decodeQuotedPrintable(body: string): string {
	const joined = body.replace(/=\r?\n/g, '');
	const bytes: number[] = [];
	for (let i = 0; i < joined.length; i++) {
		const hex = joined.slice(i + 1, i + 3);
		if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
			bytes.push(parseInt(hex, 16));
			i += 2;
		} else {
			bytes.push(...Buffer.from(joined[i], 'utf8'));
		}
	}
	return Buffer.from(bytes).toString('utf8');
}

/** Decode RFC 2047 encoded words (`=?UTF-8?Q?…?=` and `=?UTF-8?B?…?=`) in a header. */
function decodeHeader(value: string): string {
	return value
		.replace(/\?=\s+=\?/g, '?==?')
		.replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
			kind.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' '))
		);
}

/** Parse one single-part text .eml as nodemailer writes it. */
export function parseEml(raw: string, file = ''): OutboxMail {
	const split = raw.search(/\r?\n\r?\n/);
	const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
	const body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
	const headers = new Map<string, string>();
	for (const line of head.split(/\r?\n/)) {
		const colon = line.indexOf(':');
		if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
	}
	// A mail with an attachment (a date's .ics): its text is the first text/plain part, and the attachments' names are listed.
	const boundary = /multipart\/[a-z]+;.*boundary="?([^";]+)"?/i.exec(headers.get('content-type') ?? '')?.[1];
	if (boundary) {
		const parts = body.split(`--${boundary}`).slice(1, -1).map((part) => parseEml(part.replace(/^\r?\n/, ''), file));
		const text = parts.find((part) => part.contentType.startsWith('text/plain'))?.text ?? '';
		const attachments = parts.flatMap((part) => part.attachments.concat(part.filename ? [part.filename] : []));
		return { file, to: decodeHeader(headers.get('to') ?? ''), subject: decodeHeader(headers.get('subject') ?? ''), text, attachments, contentType: headers.get('content-type') ?? '', filename: '' };
	}
	const encoding = (headers.get('content-transfer-encoding') ?? '').toLowerCase();
	const text =
		encoding === 'quoted-printable' ? decodeQuotedPrintable(body) : encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : body;
	const filename = /filename="?([^";]+)"?/i.exec(headers.get('content-disposition') ?? '')?.[1] ?? '';
	return { file, to: decodeHeader(headers.get('to') ?? ''), subject: decodeHeader(headers.get('subject') ?? ''), text, attachments: [], contentType: headers.get('content-type') ?? '', filename };
}

/** Every mail in the outbox folder of a data dir, oldest first. */
export async function readOutbox(dataDir: string): Promise<OutboxMail[]> {
	const dir = path.join(dataDir, 'outbox');
	const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml')).sort();
	return Promise.all(files.map(async (f) => parseEml(await readFile(path.join(dir, f), 'utf8'), f)));
}

/** Wait for the newest mail to this address with a link to this path, and return the link's path and query. */
export async function linkFromOutbox(dataDir: string, to: string, linkPath: string, after = 0): Promise<string> {
	const deadline = Date.now() + 10_000;
	for (;;) {
		const mails = (await readOutbox(dataDir)).slice(after).filter((m) => m.to.includes(to));
		const mail = mails.at(-1);
		const link = mail && new RegExp(`https?://[^\\s/]+(/(?:en/)?${linkPath.replace(/^\//, '')}\\?token=[^\\s]+)`).exec(mail.text);
		if (link) return link[1];
		if (Date.now() > deadline) throw new Error(`no mail to ${to} with a link to ${linkPath} in ${dataDir}/outbox`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

/** Wait for a mail to this address with this subject in the test server's outbox; a background job sends it shortly. */
export async function mailFor(to: string, subject: string): Promise<OutboxMail> {
	const dataDir = process.env.E2E_DATA_DIR!;
	let found: OutboxMail | undefined;
	await expect
		.poll(async () => (found = (await readOutbox(dataDir)).find((m) => m.to.includes(to) && m.subject === subject)), { timeout: 20_000 })
		.toBeTruthy();
	return found!;
}
