import { sql } from 'drizzle-orm';
import pg from 'pg';
import { queryRows, type Database, type Db } from '../db/index.ts';
import { log } from '../log/index.ts';

/*
 * The content version: one number in the database (table content_version), raised after every write that can
 * change a public page. A process knows the highest version it has seen; cached pages carry the version they
 * were rendered under and count only while it is still the one known.
 *
 * Between processes (PostgreSQL) the raise travels as a NOTIFY, sent by the same statement and delivered on
 * its commit; a look at the row every `pollMs` catches a notification that got lost (a dropped connection).
 * PGlite has one process only: the raises made here are all there is.
 */

const CHANNEL = 'herstelplein_content';

/** Raise the version by one and tell every process; returns the new version. */
export async function raiseVersion(db: Db): Promise<number> {
	const [row] = await queryRows<{ version: string }>(
		db,
		sql`with raised as (
			insert into content_version (id, version) values (1, 1)
			on conflict (id) do update set version = content_version.version + 1
			returning version
		)
		select version::text as version, pg_notify(${CHANNEL}, version::text) from raised`
	);
	return Number(row.version);
}

/** The version in the database (0 before the first raise). */
export async function readVersion(db: Db): Promise<number> {
	const [row] = await queryRows<{ version: string }>(db, sql`select version::text as version from content_version where id = 1`);
	return row ? Number(row.version) : 0;
}

export interface VersionWatch {
	/** The highest version this process knows of. */
	current(): number;
	/** Raise the version (after a write has committed) and know the new one before returning. */
	raise(): Promise<void>;
	stop(): Promise<void>;
}

/** Follow the content version of `database`: its own raises, and on PostgreSQL the other processes' too. */
export async function watchVersion(database: Database, options: { pollMs?: number } = {}): Promise<VersionWatch> {
	let known = await readVersion(database.db);
	const see = (version: number) => {
		if (Number.isFinite(version) && version > known) known = version;
	};
	const stops: (() => Promise<void>)[] = [];
	if ('url' in database.jobsConnection) stops.push(await listen(database.jobsConnection.url, database.db, see, options.pollMs ?? 1000));
	return {
		current: () => known,
		async raise() {
			see(await raiseVersion(database.db));
		},
		async stop() {
			for (const stop of stops) await stop();
		}
	};
}

/** LISTEN on its own connection, reconnecting when it drops, plus a look at the row every `pollMs`. */
async function listen(url: string, db: Db, see: (version: number) => void, pollMs: number): Promise<() => Promise<void>> {
	let client: pg.Client | undefined;
	let connecting: Promise<void> | undefined;
	let stopped = false;
	const connect = () => {
		connecting ??= (async () => {
			const fresh = new pg.Client({ connectionString: url });
			fresh.on('notification', (message) => see(Number(message.payload)));
			fresh.on('error', (error) => {
				log.warn({ err: error.message }, 'content version: notification connection lost; reconnecting');
				if (client === fresh) client = undefined;
				void fresh.end().catch(() => {});
			});
			try {
				await fresh.connect();
				await fresh.query(`listen ${CHANNEL}`);
				if (stopped) await fresh.end();
				else client = fresh;
			} catch (error) {
				log.warn({ err: (error as Error).message }, 'content version: cannot listen yet; looking at the row meanwhile');
				void fresh.end().catch(() => {});
			} finally {
				connecting = undefined;
			}
		})();
		return connecting;
	};
	await connect();
	const timer = setInterval(() => {
		readVersion(db).then(see, () => {});
		if (!client) void connect();
	}, pollMs);
	timer.unref();
	return async () => {
		stopped = true;
		clearInterval(timer);
		await connecting;
		await client?.end().catch(() => {});
	};
}
