import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/server/db/index.ts';
import { initiative, initiativePhoto } from '#lib/server/initiatives/schema.ts';
import { createLog } from '#lib/server/log/index.ts';
import { databases } from '../helpers/databases.ts';

/** The app's logger, writing into a string instead of stdout. */
function capturedLog() {
	let text = '';
	const stream = new Writable({
		write(chunk, _encoding, done) {
			text += String(chunk);
			done();
		}
	});
	return { log: createLog(stream), text: () => text };
}

const CANARY = 'kanarie-7f3a9c';

/** Run a query that fails, log its error as the app does with an unhandled error, return the log. */
async function logFailure(query: () => Promise<unknown>): Promise<string> {
	const error = await query().then(
		() => undefined,
		(e: unknown) => e
	);
	expect(error, 'the query should fail').toBeInstanceOf(Error);
	const { log, text } = capturedLog();
	log.error({ reqId: 'test', path: '/', err: error }, 'unhandled error');
	return text();
}

for (const target of databases) {
	describe.skipIf(target.skip)(`a failed query in the log on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		beforeAll(async () => {
			database = await target.open();
			await database.db.insert(initiative).values({ slug: `bestaat-${CANARY}`, name: 'Bestaat', town: 'Zwolle' });
		});
		afterAll(() => database?.drop());

		it('keeps the query shape and the error code, never the parameters or the values PostgreSQL quotes', async () => {
			const db = database.db;
			const failures = {
				// The value is quoted in the message: invalid input syntax for type uuid: "…"
				badUuid: () => db.select().from(initiative).where(eq(initiative.id, `${CANARY}-geen-uuid`)),
				// The value is in the parameters only.
				nulByte: () => db.insert(initiative).values({ slug: 'nul', name: `${CANARY}\u0000`, town: 'Zwolle' }),
				// The value is in the detail: Key (slug)=(…) already exists.
				duplicate: () => db.insert(initiative).values({ slug: `bestaat-${CANARY}`, name: 'Dubbel', town: 'Zwolle' }),
				// Image bytes and member text for an initiative that does not exist.
				photo: () =>
					db.insert(initiativePhoto).values({
						initiativeId: '00000000-0000-4000-8000-000000000000',
						alt: `Foto van ${CANARY}`,
						contentType: 'image/webp',
						width: 1,
						height: 1,
						data: Buffer.from(`RIFF${CANARY}WEBP`)
					})
			};
			for (const [name, query] of Object.entries(failures)) {
				const text = await logFailure(query);
				expect(text, name).not.toContain(CANARY);
				expect(text, name).not.toContain(Buffer.from(CANARY).toString('base64'));
				const entry = JSON.parse(text);
				// What an operator needs is still there: which query, which code, which constraint.
				expect(entry.err.message, name).toMatch(/^Failed query: (select|insert into) .*"initiative(_photo)?".*\$1/s);
				expect(entry.err.cause.code, name).toMatch(/^[0-9A-Z]{5}$/);
			}
			const duplicate = JSON.parse(await logFailure(failures.duplicate));
			expect(duplicate.err.cause).toMatchObject({ code: '23505', constraint: 'initiative_slug_unique' });
		});
	});
}
