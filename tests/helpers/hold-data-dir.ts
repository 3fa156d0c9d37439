// Child process for the lock tests: opens the embedded database in the folder given
// and keeps it open (as a running app would) until it is stopped.
import { openDatabase } from '#lib/server/db/index.ts';

const database = await openDatabase({ dataDir: process.argv[2] });
console.log('ready');
process.once('SIGTERM', () => void database.close().then(() => process.exit(0)));
setInterval(() => {}, 60_000);
