// `npm run backup [file]`: a consistent copy of the database, also while the app runs.
// Embedded database: a .tar.gz of the data folder (made by the running app, or by this
// command when the app is stopped). PostgreSQL: pg_dump's custom format.
import path from 'node:path';
import { BackupError, backupEmbedded, backupPostgres } from '#lib/server/db/backup.ts';
import { config } from '#lib/server/config.ts';
import { KEY_FILE } from '#lib/server/space/keyring.ts';

const { DATABASE_URL, dataDir, SPACE_KEY } = config();
const stamp = new Date().toISOString().slice(0, 19).replace(/:/g, '-');
const file = path.resolve(process.argv[2] ?? `herstelplein-${stamp}${DATABASE_URL ? '.dump' : '.tar.gz'}`);

try {
	if (DATABASE_URL) await backupPostgres(DATABASE_URL, file);
	else await backupEmbedded(dataDir, file);
	console.log(`Backup written to ${file}`);
	// The herstelruimte is sealed with a key that is deliberately not in the backup.
	const key = SPACE_KEY ? 'the SPACE_KEY setting' : path.join(dataDir, KEY_FILE);
	console.log(`The key of the herstelruimte is not in the backup. Keep a copy of ${key} in another safe place: without it, nobody can read the spaces in this backup.`);
} catch (e) {
	if (!(e instanceof BackupError)) throw e;
	console.error(e.message);
	process.exit(1);
}
