import path from 'node:path';
import { createAuth, sessionSecret, type Auth } from './accounts/auth.ts';
import { accountQueues } from './accounts/mail-jobs.ts';
import { config } from './config.ts';
import { openDatabase, type Database, type Db } from './db/index.ts';
import { notificationQueues } from './activities/notifications/queues.ts';
import { activityDateQueues, ensureActivityDates } from './activities/dates.ts';
import { exchangeQueues } from './exchange/notices.ts';
import { messageDigest, messageQueues } from './messages/notices.ts';
import { announcementQueues, withAnnouncements } from './announcements/notices.ts';
import { digestQueues } from './notify/digest.ts';
import { moderationQueues } from './moderation/notices.ts';
import { dealQueues } from './deals/notices.ts';
import { storyQueues } from './stories/notices.ts';
import { handoverKind } from './handover/kind.ts';
import { spaceQueues } from './space/checks.ts';
import { handoverQueues } from './handover/notices.ts';
import { reviewQueues } from './initiatives/review.ts';
import { joinQueues } from './initiatives/join-requests.ts';
import { outsideQueues } from './outside/service.ts';
import { poolRequestKind } from './expertise/request-kind.ts';
import { requestQueues } from './expertise/request-notices.ts';
import { impactQueues } from './impact/refresh.ts';
import { startJobRunner, useJobRunner, type JobRunner } from './jobs/index.ts';
import { log } from './log/index.ts';
import { mailer, type Mailer } from './mail/index.ts';
import { contentChanged, startPageCache, stopPageCache } from './pagecache/index.ts';

/** Everything a request needs from the server: one per process. */
export interface AppContext {
	database: Database;
	auth: Auth;
	mailer: Mailer;
	/** Public address used in e-mail links. */
	origin: string;
	/** Signs cookies and one-click links in e-mails. */
	secret: string;
	/** Background jobs (e-mails about activities and accounts). */
	jobs: JobRunner;
}

let opening: Promise<AppContext> | undefined;

/** The public address: ORIGIN when set, else this machine on its port. */
export function publicOrigin(): string {
	const { ORIGIN, PORT } = config();
	return ORIGIN ?? `http://localhost:${PORT}`;
}

/**
 * The app's context, made on first use (never at import: the build imports
 * server modules while there is no data folder).
 */
export function appContext(): Promise<AppContext> {
	opening ??= (async () => {
		const { DATABASE_URL, dataDir } = config();
		const started = performance.now();
		const database = await openDatabase(DATABASE_URL ? { url: DATABASE_URL } : { dataDir });
		log.info(
			{ db: database.kind, dataDir: DATABASE_URL ? undefined : dataDir, ms: Math.round(performance.now() - started) },
			'database ready'
		);
		if (!config().SMTP_URL) log.info({ outbox: path.join(dataDir, 'outbox') }, 'no SMTP_URL: e-mails are written to the outbox folder');
		await startPageCache(database, { megabytes: config().PAGE_CACHE_MB });
		// The network's dates table: built on the first start, its horizon moved on when due (then daily by a job).
		await ensureActivityDates(database.db);
		if (config().DEMO) await showDemo(database.db);
		const origin = publicOrigin();
		if (config().TRUST_PROXY && !config().ORIGIN) {
			log.warn({ origin }, 'TRUST_PROXY is set without ORIGIN: links in e-mails use this address; set ORIGIN to the public https address');
		}
		const secret = await sessionSecret(database.db, config().AUTH_SECRET);
		const notice = { db: database.db, mailer: mailer(), origin, secret };
		const auth = createAuth(notice);
		const queues = {
			...notificationQueues(notice),
			...activityDateQueues(database.db),
			...messageQueues(notice),
			...announcementQueues(notice),
			...exchangeQueues(notice),
			...moderationQueues(notice),
			...dealQueues(notice),
			...storyQueues(notice),
			...handoverQueues(notice),
			...joinQueues(notice),
			...reviewQueues(notice),
			...spaceQueues(notice),
			...requestQueues(notice),
			...outsideQueues(database.db, [handoverKind, poolRequestKind]),
			...impactQueues(database.db),
			...digestQueues(notice, { messages: withAnnouncements(messageDigest) }),
			...accountQueues({ db: database.db, auth, mailer: mailer(), origin })
		};
		const jobs = await startJobRunner(database, queues, {
			pollingIntervalSeconds: config().JOBS_POLL_SECONDS,
			work: config().JOBS_WORK,
			// A job may change a public page (an import, a clean-up): no process serves the page from before it.
			afterJob: contentChanged
		});
		useJobRunner(jobs);
		log.info({ work: config().JOBS_WORK }, 'job runner started');
		return { database, mailer: mailer(), origin, secret, jobs, auth };
	})();
	return opening;
}

/** Stop the job runner and close the database if they were opened; used on shutdown. */
export async function closeAppContext(): Promise<void> {
	if (!opening) return;
	const context = await opening.catch(() => undefined);
	opening = undefined;
	// Jobs first: running ones finish and pg-boss lets go of the database before it closes.
	await context?.jobs.stop();
	log.info('job runner stopped');
	await stopPageCache();
	await context?.database.close();
	log.info('database closed');
}

/** Demo mode: fill an empty database, then print the demo logins. */
async function showDemo(db: Db): Promise<void> {
	const { DEMO_PASSWORD } = await import('./demo/content.ts');
	const { demoLogins, generateDemo } = await import('./demo/generate.ts');
	const { serverKeyring } = await import('./space/keys.ts');
	if (await generateDemo(db, { spaceKeys: serverKeyring() })) {
		// Other processes on the same PostgreSQL may already serve pages.
		await contentChanged();
		log.info('demo content created');
	}
	const logins = await demoLogins(db);
	const width = Math.max(...logins.map((l) => l.email.length));
	console.log(
		[
			'',
			'  Herstelplein demo — every demo account has the password: ' + DEMO_PASSWORD,
			'',
			...logins.map((l) => `    ${l.email.padEnd(width)}  ${l.what}`),
			''
		].join('\n')
	);
}
