import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '#lib/server/db/index.ts';

/** Wait until no job of these queues waits or runs: then every mail that will come, came. */
export async function jobsDone(db: Db, queues: string[]): Promise<void> {
	const deadline = Date.now() + 20_000;
	for (;;) {
		const [row] = await queryRows<{ n: number }>(
			db,
			sql`select count(*)::int as n from pgboss.job where name in ${sql`(${sql.join(queues.map((q) => sql`${q}`), sql`, `)})`} and state in ('created', 'retry', 'active')`
		);
		if (row.n === 0) return;
		if (Date.now() > deadline) throw new Error(`${row.n} mail jobs still waiting`);
		await new Promise((r) => setTimeout(r, 100));
	}
}
