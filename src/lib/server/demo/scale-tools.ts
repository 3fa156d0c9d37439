/** Tools for national-scale demo data (`scale.ts` and its parts): deterministic ids, weighted picks, batched inserts. */
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/index.ts';

/** A version-4-shaped UUID from the generator, so ids are the same for the same seed. */
export function uuidFrom(rand: () => number): string {
	const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
	hex[12] = '4';
	hex[16] = '89ab'[Math.floor(rand() * 4)];
	const s = hex.join('');
	return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** Pick from a list with weights (cumulative table + binary search). */
export function weighted<T>(items: T[], weight: (item: T) => number): (rand: () => number) => T {
	const cumulative: number[] = [];
	let total = 0;
	for (const item of items) cumulative.push((total += weight(item)));
	return (rand) => {
		const x = rand() * total;
		let lo = 0;
		let hi = cumulative.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (cumulative[mid] < x) lo = mid + 1;
			else hi = mid;
		}
		return items[lo];
	};
}

/** `n` different items from a list (or all of them when the list is shorter). */
export function sample<T>(items: T[], n: number, rand: () => number): T[] {
	if (n >= items.length) return [...items];
	const chosen = new Set<number>();
	while (chosen.size < n) chosen.add(Math.floor(rand() * items.length));
	return [...chosen].map((i) => items[i]);
}

/** Insert rows in batches: one statement per batch, not one round trip per row. */
export async function insertAll(tx: Db, table: PgTable, rows: object[], batch = 1000): Promise<void> {
	for (let i = 0; i < rows.length; i += batch) await tx.insert(table).values(rows.slice(i, i + batch) as never);
}
