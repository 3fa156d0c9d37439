import { config } from '../config.ts';
import { log } from '../log/index.ts';
import { openDatabase, type Database } from './index.ts';

let opening: Promise<Database> | undefined;

/**
 * The app's one database, opened on first use (never at import: the build
 * imports server modules while there is no data folder).
 */
export function appDatabase(): Promise<Database> {
	opening ??= (async () => {
		const { DATABASE_URL, dataDir } = config();
		const started = performance.now();
		const database = await openDatabase(DATABASE_URL ? { url: DATABASE_URL } : { dataDir });
		log.info(
			{ db: database.kind, dataDir: DATABASE_URL ? undefined : dataDir, ms: Math.round(performance.now() - started) },
			'database ready'
		);
		return database;
	})();
	return opening;
}

/** Close the app's database if it was opened; used on shutdown. */
export async function closeAppDatabase(): Promise<void> {
	if (!opening) return;
	const database = await opening.catch(() => undefined);
	opening = undefined;
	await database?.close();
	log.info('database closed');
}
