import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from './index.ts';

describe('sending e-mail', () => {
	let dir: string;
	beforeAll(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'hp-mail-'));
	});
	afterAll(() => rm(dir, { recursive: true, force: true }));

	it('without SMTP settings, writes each message to the outbox folder, readable for the operator', async () => {
		const outbox = path.join(dir, 'outbox');
		const mailer = createMailer({ from: 'Herstelplein <noreply@herstelplein.test>', outboxDir: outbox });
		await mailer.send({ to: 'anna@voorbeeld.test', subject: 'Je link om in te loggen', text: 'Hallo Anna,\nhttps://herstelplein.test/inloggen/link?token=abc' });
		const files = await readdir(outbox);
		expect(files).toHaveLength(1);
		expect(files[0]).toMatch(/\.eml$/);
		const message = await readFile(path.join(outbox, files[0]), 'utf8');
		expect(message).toContain('To: anna@voorbeeld.test');
		expect(message).toContain('Subject: Je link om in te loggen');
		expect(message).toContain('token=abc');
	});

	it('with SMTP_URL, delivers to a real SMTP server', async () => {
		const received: string[] = [];
		const server = new SMTPServer({
			authOptional: true,
			disabledCommands: ['STARTTLS'],
			onData(stream, _session, done) {
				let data = '';
				stream.on('data', (chunk) => (data += chunk));
				stream.on('end', () => {
					received.push(data);
					done();
				});
			}
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.server.address() as AddressInfo;
		try {
			const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Herstelplein <noreply@herstelplein.test>', outboxDir: path.join(dir, 'unused') });
			await mailer.send({ to: 'bram@voorbeeld.test', subject: 'Uitnodiging', text: 'Word lid van De Kroon' });
			expect(received).toHaveLength(1);
			expect(received[0]).toContain('Subject: Uitnodiging');
			expect(received[0]).toContain('Word lid van De Kroon');
			await expect(readdir(path.join(dir, 'unused'))).rejects.toThrow();
		} finally {
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	});
});
