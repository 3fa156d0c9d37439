// `npm run keys -- <command>`: the server key of the herstelruimte (see README, "Mijn herstelruimte: encryption").
//   new     print a new random key, for SPACE_KEY
//   check   how many people's data keys the current server key opens (after a restore: is it the right key?)
//   rotate  wrap every data key with a new server key. With the key file: the new key replaces space.key,
//           the old one is kept beside it as space.key.retired-<time> (old backups need it). With SPACE_KEY:
//           set SPACE_KEY_NEW (from `new`) too, then put it in SPACE_KEY before the app starts again.
// Stop the app first: the embedded database allows one process, and a running app keeps the old key in memory.
import { DataDirInUse } from '#lib/server/db/lock.ts';
import { openDatabase } from '#lib/server/db/index.ts';
import { config } from '#lib/server/config.ts';
import { newKey } from '#lib/server/space/crypto.ts';
import { Keyring, commitNextKey, loadKeyring, parseServerKey, stageNextKey } from '#lib/server/space/keyring.ts';
import { checkAll, rewrapAll } from '#lib/server/space/keys.ts';

const [command] = process.argv.slice(2);
if (command === 'new') {
	console.log(newKey().toString('base64'));
	process.exit(0);
}
if (command !== 'check' && command !== 'rotate') {
	console.error('Usage: npm run keys -- new | check | rotate');
	process.exit(2);
}

const { DATABASE_URL, dataDir, SPACE_KEY } = config();
let database;
try {
	database = await openDatabase(DATABASE_URL ? { url: DATABASE_URL } : { dataDir });
} catch (e) {
	if (!(e instanceof DataDirInUse)) throw e;
	console.error(`The app is running on ${dataDir}. Stop it first.`);
	process.exit(1);
}

try {
	const current = loadKeyring({ spaceKey: SPACE_KEY, dataDir });
	if (command === 'check') {
		const { opened, failed } = await checkAll(database.db, current);
		console.log(`The server key opens ${opened} of ${opened + failed} spaces.`);
		if (failed) {
			console.error('Some spaces do not open: this is not the key of this database. Put the right space.key (or SPACE_KEY) back.');
			process.exitCode = 1;
		}
	} else if (SPACE_KEY) {
		const next = process.env.SPACE_KEY_NEW;
		if (!next) {
			console.error('SPACE_KEY is set: make a new key with `npm run keys -- new`, set it as SPACE_KEY_NEW and run rotate again.');
			process.exit(2);
		}
		const count = await rewrapAll(database.db, current, new Keyring(parseServerKey(next, 'SPACE_KEY_NEW')));
		console.log(`Re-wrapped ${count} data keys. Now set SPACE_KEY to the value of SPACE_KEY_NEW before you start the app.`);
	} else {
		const count = await rewrapAll(database.db, current, stageNextKey(dataDir, current));
		const retired = commitNextKey(dataDir);
		console.log(`Re-wrapped ${count} data keys with a new space.key. The old key is kept as ${retired}: backups made before now need it. Delete it once they are gone.`);
	}
} finally {
	await database.close();
}
