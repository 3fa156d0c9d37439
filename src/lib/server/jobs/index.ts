import { sql } from 'drizzle-orm';
import { PgBoss, fromDrizzle, fromPglite, type DrizzleTransactionLike, type Job } from 'pg-boss';
import type { Database, Db } from '../db/index.ts';
import { log } from '../log/index.ts';

/*
 * Background jobs (achtergrondtaken), kept in the database with pg-boss so they
 * survive a restart and run once even with several app processes: a worker
 * claims a job with SELECT … FOR UPDATE SKIP LOCKED. On PGlite pg-boss runs on
 * the same embedded instance; on PostgreSQL it has its own small pool.
 *
 * Jobs are added inside the transaction of the change that causes them
 * (`enqueue(tx, …)`), so a rolled-back change leaves no job and a committed one
 * always has its job. pg-boss runs a job at least once: handlers must be safe
 * to run again.
 */

/** Handles one job; throwing makes pg-boss try again later. */
export type JobHandler = (data: Record<string, unknown>, job: Job<Record<string, unknown>>) => Promise<void>;

export interface QueueDefinition {
	handler: JobHandler;
	/** Cron expression (UTC) for a job that pg-boss adds on a schedule, once across all processes. */
	cron?: string;
	/** How many times a failed job is tried again (with growing pauses). */
	retryLimit?: number;
	/**
	 * The job only sends mail and changes nothing a page shows (the notice room's jobs), so it does not call
	 * `afterJob`: a busy mail queue would otherwise make every process forget its kept pages every few seconds.
	 */
	mailOnly?: boolean;
}

export interface JobRunnerOptions {
	/** Seconds between looks for new jobs; small in tests. */
	pollingIntervalSeconds?: number;
	/** Process jobs here; false only adds jobs (a second process can do the work). */
	work?: boolean;
	/** Runs after every job (not `mailOnly`), once its changes are committed. */
	afterJob?: () => Promise<void>;
}

export interface JobRunner {
	boss: PgBoss;
	/** Add a job inside the transaction `tx`: it exists only if that transaction commits. */
	enqueue(tx: Db, queue: string, data: object, options?: { singletonKey?: string }): Promise<void>;
	/** Stop taking jobs, let running ones finish (up to `timeoutMs`), then disconnect. */
	stop(timeoutMs?: number): Promise<void>;
}

/** pg-boss keeps its tables in this schema, beside ours. */
export const JOBS_SCHEMA = 'pgboss';

/**
 * Start pg-boss on the app's database, create the queues, start their workers
 * and schedules. Installs or upgrades pg-boss's own tables on first start.
 */
export async function startJobRunner(
	database: Database,
	queues: Record<string, QueueDefinition>,
	options: JobRunnerOptions = {}
): Promise<JobRunner> {
	const connection = database.jobsConnection;
	const boss =
		'pglite' in connection
			? new PgBoss({
					db: fromPglite(connection.pglite),
					backend: 'pglite',
					schema: JOBS_SCHEMA,
					// One embedded database: no index rebuilds or vacuum checks; it has no other clients.
					reindex: false,
					monitorVacuum: false
				})
			: new PgBoss({ connectionString: connection.url, schema: JOBS_SCHEMA, max: 3 });
	boss.on('error', (error) => log.error({ err: error }, 'job runner error'));
	boss.on('warning', (warning) => log.warn({ warning }, 'job runner warning'));
	await boss.start();

	for (const [name, queue] of Object.entries(queues)) {
		await boss.createQueue(name, { retryLimit: queue.retryLimit ?? 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 300 });
		if (queue.cron) await boss.schedule(name, queue.cron, null, { tz: 'UTC' });
	}
	// createQueue also caches each queue in pg-boss, so adding a job inside a transaction never has
	// to ask about the queue outside that transaction (on PGlite that would wait forever).
	if (options.work !== false) {
		for (const [name, queue] of Object.entries(queues)) {
			await boss.work<Record<string, unknown>>(name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async ([job]) => {
				try {
					await queue.handler(job.data ?? {}, job);
				} catch (error) {
					log.warn({ err: error, queue: name, job: job.id }, 'job failed; it will be tried again');
					throw error;
				} finally {
					// Also after a failure: a handler may have committed part of its work before it threw.
					if (!queue.mailOnly) await options.afterJob?.();
				}
			});
		}
	}

	let stopping: Promise<void> | undefined;
	const runner: JobRunner = {
		boss,
		async enqueue(tx, queue, data, sendOptions = {}) {
			await boss.send(queue, data, { ...sendOptions, db: fromDrizzle(tx as unknown as DrizzleTransactionLike, sql) });
		},
		stop(timeoutMs = 10_000) {
			stopping ??= (async () => {
				if (active === runner) active = undefined;
				await boss.stop({ graceful: true, timeout: timeoutMs, close: true });
			})();
			return stopping;
		}
	};
	return runner;
}

let active: JobRunner | undefined;

/**
 * Make this runner the one `enqueue` uses. The app sets it once at start;
 * tests set their own. Without one, `enqueue` adds nothing (scripts, other tests).
 */
export function useJobRunner(runner: JobRunner | undefined): void {
	active = runner;
}

/** Add a job inside the transaction `tx`, through the runner in use (if any). */
export async function enqueue(tx: Db, queue: string, data: object, options?: { singletonKey?: string }): Promise<void> {
	if (!active) {
		log.debug({ queue }, 'no job runner in this process: job not added');
		return;
	}
	await active.enqueue(tx, queue, data, options);
}
