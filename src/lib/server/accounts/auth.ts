import { randomBytes } from 'node:crypto';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { magicLink } from 'better-auth/plugins';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import * as schema from '../db/schema.ts';
import type { Mailer } from '../mail/index.ts';
import { CONFIRM_LINK_DAYS, MAGIC_LINK_MINUTES, RESET_LINK_MINUTES } from './link-lifetimes.ts';
import { authMails } from './mails.ts';

export interface AuthDeps {
	db: Db;
	mailer: Mailer;
	/** Public address of the app, e.g. `https://herstelplein.nl`; used in links in e-mails. */
	origin: string;
	/** Secret for signing session cookies; from AUTH_SECRET, else stored in the database. */
	secret: string;
}

/** argon2id with the OWASP-recommended minimum (19 MiB, 2 passes). */
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 8;

/**
 * better-auth, configured for Herstelplein. Routes never call it directly:
 * they go through the accounts service, which adds rate limits and the
 * rules about what a response may reveal.
 */
export function createAuth({ db, mailer, origin, secret }: AuthDeps) {
	const mails = authMails(mailer, origin);
	return betterAuth({
		appName: 'Herstelplein',
		baseURL: origin,
		basePath: '/api/auth',
		secret,
		database: drizzleAdapter(db, { provider: 'pg', schema }),
		user: {
			additionalFields: {
				locale: { type: 'string', defaultValue: 'nl', input: true },
				isAdmin: { type: 'boolean', defaultValue: false, input: false }
			}
		},
		emailAndPassword: {
			enabled: true,
			minPasswordLength: MIN_PASSWORD_LENGTH,
			maxPasswordLength: 256,
			autoSignIn: true,
			revokeSessionsOnPasswordReset: true,
			resetPasswordTokenExpiresIn: RESET_LINK_MINUTES * 60,
			password: {
				hash: (password) => argon2Hash(password, ARGON2),
				verify: ({ hash, password }) => argon2Verify(hash, password)
			},
			// Runs in the account-mail job (mail-jobs.ts), never inside the request that asked for it.
			sendResetPassword: async ({ user, token }) => {
				await mails.resetPassword(user as { email: string; name: string; locale?: string }, token);
			},
			// Using the link from the e-mail proves the address is theirs. Without this, a
			// later sign-in link would treat the new password as unproven and delete it.
			onPasswordReset: async ({ user }) => {
				await db.update(schema.user).set({ emailVerified: true }).where(eq(schema.user.id, user.id));
			}
		},
		// The confirmation link is made and mailed by a job (confirm-email.ts), not on sign-up itself.
		emailVerification: { sendOnSignUp: false, expiresIn: CONFIRM_LINK_DAYS * 24 * 60 * 60 },
		session: {
			expiresIn: 60 * 60 * 24 * 30,
			updateAge: 60 * 60 * 24
		},
		// Our own limiter (rate-limit.ts) guards every auth form; the HTTP handler is not mounted.
		rateLimit: { enabled: false },
		advanced: {
			cookiePrefix: 'herstelplein',
			useSecureCookies: origin.startsWith('https://'),
			// Data minimisation: sessions do not need to remember where people are.
			ipAddress: { disableIpTracking: true }
		},
		telemetry: { enabled: false },
		logger: { disabled: process.env.NODE_ENV === 'test' },
		plugins: [
			magicLink({
				expiresIn: MAGIC_LINK_MINUTES * 60,
				disableSignUp: true,
				storeToken: 'hashed',
				// Runs in the account-mail job (mail-jobs.ts): the request answers the same for every address.
				sendMagicLink: async ({ email, token }) => {
					const [person] = await db
						.select({ name: schema.user.name, locale: schema.user.locale })
						.from(schema.user)
						.where(eq(schema.user.email, email.toLowerCase()));
					if (person) await mails.magicLink({ email, ...person }, token);
				}
			})
		]
	});
}

export type Auth = ReturnType<typeof createAuth>;

/** The session secret: AUTH_SECRET when set, else one made on first start and kept in the database. */
export async function sessionSecret(db: Db, fromEnv: string | undefined): Promise<string> {
	if (fromEnv) return fromEnv;
	await db
		.insert(schema.appSetting)
		.values({ key: 'auth_secret', value: randomBytes(32).toString('base64url') })
		.onConflictDoNothing();
	const [row] = await db.select().from(schema.appSetting).where(eq(schema.appSetting.key, 'auth_secret'));
	return row.value;
}
