// `npm run admin -- create <email>`: make an association admin (verenigingsbeheerder).
// An existing account gets the admin task; otherwise an account is made with a
// one-time password that is printed once. Stop the server first when it runs on
// the embedded database (the data folder is locked while it runs).
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { user } from '#lib/server/accounts/schema.ts';
import { makeAdmin } from '#lib/server/accounts/service.ts';
import { appContext, closeAppContext } from '#lib/server/app.ts';
import { contentChanged } from '#lib/server/pagecache/index.ts';

const [command, rawEmail] = process.argv.slice(2);
const email = rawEmail?.trim().toLowerCase();
if (command !== 'create' || !email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
	console.error('Usage: npm run admin -- create <email>');
	process.exit(2);
}

try {
	const app = await appContext();
	const db = app.database.db;
	const [existing] = await db.select({ id: user.id }).from(user).where(eq(user.email, email));
	if (existing) {
		await makeAdmin(db, email);
		console.log(`${email} is now association admin.`);
	} else {
		const password = randomBytes(12).toString('base64url');
		await app.auth.api.signUpEmail({ body: { name: email.split('@')[0].slice(0, 60), email, password } });
		await makeAdmin(db, email);
		console.log(`Made an account for ${email}; it is association admin.`);
		console.log(`One-time password: ${password}`);
		console.log('Sign in and change it under "Mijn account", or sign in with an e-mail link.');
	}
} catch (e) {
	console.error((e as Error).message);
	process.exitCode = 1;
} finally {
	// A running server on the same PostgreSQL forgets the viewer it kept for this person's sessions.
	await contentChanged();
	await closeAppContext();
}
