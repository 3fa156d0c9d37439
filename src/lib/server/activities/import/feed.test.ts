import { describe, expect, it } from 'vitest';
import { feedUrl, isPrivateAddress } from './feed.ts';

describe('which calendar links the server may fetch', () => {
	it('refuses addresses on this machine and in private networks, in IPv4 and IPv6', () => {
		for (const a of ['127.0.0.1', '127.8.9.10', '10.0.0.1', '172.16.5.4', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', 'geen-adres']) {
			expect(isPrivateAddress(a), a).toBe(true);
		}
	});

	it('lets public addresses through', () => {
		for (const a of ['8.8.8.8', '145.97.1.1', '172.32.0.1', '192.169.0.1', '2a00:1450:4001:82b::200e', '::ffff:8.8.8.8']) {
			expect(isPrivateAddress(a), a).toBe(false);
		}
	});

	it('takes http, https and webcal links, nothing else, and no passwords in them', () => {
		expect(feedUrl('webcal://agenda.example/feed.ics')?.toString()).toBe('https://agenda.example/feed.ics');
		expect(feedUrl(' https://agenda.example/feed.ics ')?.protocol).toBe('https:');
		expect(feedUrl('http://agenda.example/feed.ics')?.protocol).toBe('http:');
		for (const bad of ['ftp://agenda.example/a.ics', 'file:///etc/passwd', 'javascript:alert(1)', 'agenda.example/a.ics', 'https://user:geheim@agenda.example/a.ics', '']) {
			expect(feedUrl(bad), bad).toBeNull();
		}
	});
});
