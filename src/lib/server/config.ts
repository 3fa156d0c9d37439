import path from 'node:path';
import { z } from 'zod';

/**
 * Runtime configuration, read from environment variables once.
 * Every variable has a default so that `npm start` works with nothing set;
 * the README lists them all.
 */
const flag = z
	.enum(['0', '1', 'true', 'false', ''])
	.default('0')
	.transform((v) => v === '1' || v === 'true');

/** An optional setting; an empty value (`SMTP_URL=`) counts as not set. */
const unsetWhenEmpty = <T extends z.ZodType>(inner: T) => z.union([z.literal('').transform(() => undefined), inner.optional()]);

const schema = z.object({
	PORT: z.coerce.number().int().min(1).max(65535).default(3000),
	HOST: z.string().min(1).default('127.0.0.1'),
	DATA_DIR: z.string().min(1).default('./data'),
	DATABASE_URL: unsetWhenEmpty(z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')),
	ORIGIN: unsetWhenEmpty(z.url().transform((u) => new URL(u).origin)),
	TRUST_PROXY: flag,
	/** Signs session cookies. Without it, a random secret is made once and kept in the database. */
	AUTH_SECRET: unsetWhenEmpty(z.string().min(32, 'AUTH_SECRET must be at least 32 characters')),
	/**
	 * The server key of the herstelruimte (base64, 32 bytes). Without it, the key lives in `space.key` in the
	 * data folder, made on first use (src/lib/server/space/keyring.ts).
	 */
	SPACE_KEY: unsetWhenEmpty(z.string()),
	SMTP_URL: unsetWhenEmpty(z.string()),
	MAIL_FROM: z.string().min(3).default('Herstelplein <noreply@herstelplein.localhost>'),
	LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
	DEMO: flag,
	/** Seconds between looks for new background jobs (e-mails about activities); small in tests. */
	JOBS_POLL_SECONDS: z.coerce.number().min(0.5).max(600).default(2),
	/**
	 * New accounts from one network address per hour: enough for a group that signs up together on the
	 * initiative's Wi-Fi, too few for a script. Raise it for a training day; the browser tests raise it.
	 */
	SIGNUPS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(50),
	/** 0: this process adds background jobs but does not run them (another process does). */
	JOBS_WORK: z.enum(['0', '1', 'true', 'false', '']).default('1').transform((v) => v !== '0' && v !== 'false'),
	/**
	 * Map tiles for /initiatieven/kaart: a Leaflet URL template. A path on our own
	 * origin (`/tiles/{z}/{x}/{y}.png`) needs no consent; another host is only
	 * asked after the visitor clicks "Kaart tonen". `off`: no tiles, only the
	 * outline of the country and the markers.
	 */
	MAP_TILE_URL: z
		.string()
		.min(1)
		.default('https://tile.openstreetmap.org/{z}/{x}/{y}.png')
		.refine((u) => u === 'off' || u.startsWith('/') || /^https:\/\/[^/]+\//.test(u), 'MAP_TILE_URL must be an https:// URL, a path starting with /, or off'),
	/** Credit shown on the map (HTML allowed: a link to the licence). */
	MAP_ATTRIBUTION: z.string().min(1).default('© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap-bijdragers</a>'),
	/** `pdok`: look up postcodes with PDOK Locatieserver (the server asks, never the browser). Off by default. */
	GEOCODER: z.enum(['off', 'pdok', '']).default('off').transform((v) => (v === 'pdok' ? 'pdok' : 'off')),
	/**
	 * 1: a calendar feed to import may live on a loopback or private address.
	 * Off by default, so a coordinator cannot make the server read the internal network.
	 */
	IMPORT_ALLOW_PRIVATE_URLS: flag,
	/** Where people write about this website, e.g. a problem with its accessibility (/toegankelijkheid). */
	CONTACT_EMAIL: unsetWhenEmpty(z.email()),
	/** Figures (cijfers): counts of people below this are shown as "< N" (impact/suppress.ts). */
	IMPACT_THRESHOLD: z.coerce.number().int().min(2).max(1000).default(10),
	/** Megabytes of memory for public pages kept for visitors (pagecache/); 0 turns the cache off. */
	PAGE_CACHE_MB: z.coerce.number().min(0).max(4096).default(32)
});

export type Config = z.infer<typeof schema> & { dataDir: string };

/** Parse a config from an environment; throws a readable error on bad values. */
export function parseConfig(env: Record<string, string | undefined>): Config {
	const result = schema.safeParse(env);
	if (!result.success) {
		const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
		throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
	}
	return { ...result.data, dataDir: path.resolve(result.data.DATA_DIR) };
}

let cached: Config | undefined;

/** The configuration of this process. */
export function config(): Config {
	cached ??= parseConfig(process.env);
	return cached;
}
