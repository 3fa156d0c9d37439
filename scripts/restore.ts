// `npm run restore <file>`: put a backup made by `npm run backup` back. Embedded database:
// stop the app first; the database that was there is kept beside it. PostgreSQL: pg_restore
// replaces the tables in DATABASE_URL's database, in one transaction.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { BackupError, restoreEmbedded, restorePostgres } from '#lib/server/db/backup.ts';
import { config } from '#lib/server/config.ts';

const [name] = process.argv.slice(2);
if (!name) {
	console.error('Usage: npm run restore <file>');
	process.exit(2);
}
const file = path.resolve(name);
if (!existsSync(file)) {
	console.error(`${file} does not exist.`);
	process.exit(2);
}
const { DATABASE_URL, dataDir } = config();

try {
	if (DATABASE_URL) {
		await restorePostgres(DATABASE_URL, file);
		console.log(`Restored ${file} into the PostgreSQL database.`);
	} else {
		const keptAs = await restoreEmbedded(dataDir, file);
		console.log(`Restored ${file} into ${dataDir}.${keptAs ? ` The database that was there is kept in ${path.join(dataDir, keptAs)}.` : ''}`);
	}
	console.log('Put the key of the herstelruimte that belongs to this backup in place (space.key in the data folder, or SPACE_KEY), then check it: npm run keys -- check');
} catch (e) {
	if (!(e instanceof BackupError)) throw e;
	console.error(e.message);
	process.exit(1);
}
