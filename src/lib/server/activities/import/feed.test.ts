import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { feedUrl, fetchFeed, isPrivateAddress } from './feed.ts';

describe('which calendar links the server may fetch', () => {
	it('refuses addresses on this machine and in private networks, in IPv4 and IPv6', () => {
		for (const a of ['127.0.0.1', '127.8.9.10', '10.0.0.1', '172.16.5.4', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '::ffff:7f00:1', 'geen-adres']) {
			expect(isPrivateAddress(a), a).toBe(true);
		}
	});

	it('sees through IPv4 carried in IPv6, NAT64 and the other special IPv6 ranges', () => {
		// IPv4-compatible (::a.b.c.d, also written in hex), NAT64 (64:ff9b::/96 and the local 64:ff9b:1::/48),
		// 6to4, Teredo, site-local, documentation, discard, multicast.
		for (const a of ['::127.0.0.1', '::7f00:1', '::10.0.0.1', '::a9fe:a9fe', '64:ff9b::127.0.0.1', '64:ff9b::7f00:1', '64:ff9b::10.0.0.1', '64:ff9b::8.8.8.8', '64:ff9b:1::a00:1', '2002:7f00:1::1', '2001::1', 'fec0::1', '2001:db8::1', '100::1', 'ff02::1', 'fe80::1%eth0']) {
			expect(isPrivateAddress(a), a).toBe(true);
		}
	});

	it('judges an IPv4 address the same, written plain, mapped or compatible in IPv6', () => {
		const hex = (a: number[]) => `${((a[0] << 8) | a[1]).toString(16)}:${((a[2] << 8) | a[3]).toString(16)}`;
		fc.assert(
			fc.property(fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)), (a) => {
				const plain = isPrivateAddress(a.join('.'));
				for (const other of [`::ffff:${a.join('.')}`, `::ffff:${hex(a)}`, `::${a.join('.')}`, `::${hex(a)}`]) expect(isPrivateAddress(other), other).toBe(plain);
				// NAT64 would reach the address through a gateway: never fetched.
				expect(isPrivateAddress(`64:ff9b::${hex(a)}`)).toBe(true);
			})
		);
		fc.assert(fc.property(fc.ipV4(), (a) => isPrivateAddress(a) === isPrivateAddress(`::ffff:${a}`)));
	});

	it('refuses such an address written in the link itself, before any connection', async () => {
		for (const link of ['http://[::127.0.0.1]:3000/agenda.ics', 'https://[64:ff9b::a9fe:a9fe]/latest/meta-data', 'http://[::ffff:7f00:1]/']) {
			expect(await fetchFeed(link, { allowPrivate: false }), link).toEqual({ ok: false, error: 'url_private' });
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
