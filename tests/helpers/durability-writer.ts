// Child process for the crash test: writes initiatives one by one and prints
// the number of each write once the database has acknowledged it.
import { initiative } from '#lib/server/initiatives/schema.ts';
import { openDatabase } from '#lib/server/db/index.ts';

const database = await openDatabase({ dataDir: process.argv[2] });
console.log('ready');
for (let n = 1; ; n++) {
	await database.db.insert(initiative).values({ slug: `crash-${n}`, name: `Initiatief ${n}`, town: 'Zwolle' });
	console.log(n);
}
