import { clearHtml } from './html-pages.ts';
import { startApp } from './server.ts';

/**
 * Start the built app (`vite build` ran before) on a free port with a fresh
 * data folder. Browser tests run against PGlite, the default a new user gets;
 * the same services are tested on PostgreSQL by the integration tests.
 */
export default async function globalSetup() {
	clearHtml();
	// Every browser test signs its people up from 127.0.0.1 on this one server.
	const app = await startApp({ ORIGIN: '{baseURL}', SIGNUPS_PER_ADDRESS_PER_HOUR: '1000' });
	try {
		await makeAdmin(app.baseURL);
	} catch (e) {
		await app.stop();
		throw e;
	}
	process.env.BASE_URL = app.baseURL;
	process.env.E2E_DATA_DIR = app.dataDir;
	return app.stop;
}

/**
 * The first account on a new installation becomes association admin: make it
 * here, so that the accounts the tests make are ordinary members.
 */
async function makeAdmin(baseURL: string) {
	const admin = { name: 'Beheer', email: 'beheer@herstelplein.test', password: 'beheer-wachtwoord-1' };
	const signUp = await fetch(`${baseURL}/aanmelden`, {
		method: 'POST',
		headers: { origin: baseURL, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ ...admin, next: '/' }),
		redirect: 'manual'
	});
	if (signUp.status !== 303) throw new Error(`could not make the admin account: ${signUp.status}`);
	process.env.E2E_ADMIN_EMAIL = admin.email;
	process.env.E2E_ADMIN_PASSWORD = admin.password;
}
