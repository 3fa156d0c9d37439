// `npm run backup [file]`: a consistent copy of the database, also while the app runs.
// Embedded database: a .tar.gz of the data folder (made by the running app, or by this
// command when the app is stopped). PostgreSQL: pg_dump's custom format.
import path from 'node:path';
import { BackupError, backupEmbedded, backupPostgres } from '#lib/server/db/backup.ts';
import { config } from '#lib/server/config.ts';

const { DATABASE_URL, dataDir } = config();
const stamp = new Date().toISOString().slice(0, 19).replace(/:/g, '-');
const file = path.resolve(process.argv[2] ?? `herstelplein-${stamp}${DATABASE_URL ? '.dump' : '.tar.gz'}`);

try {
	if (DATABASE_URL) await backupPostgres(DATABASE_URL, file);
	else await backupEmbedded(dataDir, file);
	console.log(`Backup written to ${file}`);
} catch (e) {
	if (!(e instanceof BackupError)) throw e;
	console.error(e.message);
	process.exit(1);
}
