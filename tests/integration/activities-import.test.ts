import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFound } from '#lib/server/access/core.ts';
import type { SignedIn } from '#lib/server/accounts/viewer.ts';
import type { Database } from '#lib/server/db/index.ts';
import { draftFromJson, draftToJson, type Draft } from '#lib/server/activities/import/draft.ts';
import { previewImport, readImport, saveImport, type ImportOptions } from '#lib/server/activities/import/service.ts';
import { activity, activityException } from '#lib/server/activities/schema.ts';
import { signUp } from '#lib/server/activities/signups.ts';
import { amsterdamMoment } from '#lib/server/activities/time.ts';
import { createInitiative, type Initiative } from '#lib/server/initiatives/service.ts';
import { membership } from '#lib/server/initiatives/schema.ts';
import { databases } from '../helpers/databases.ts';
import { makePerson } from '../helpers/people.ts';

const NOW = new Date('2026-11-24T12:00:00Z');
const options: ImportOptions = { kind: 'ontmoeting', visibility: 'members' };
const at = (date: string, time: string) => {
	const [year, month, day] = date.split('-').map(Number);
	const [hour, minute] = time.split(':').map(Number);
	return amsterdamMoment({ year, month, day }, { hour, minute })!;
};
const bytes = (text: string) => new TextEncoder().encode(text);
const HEADER = 'titel;datum;begin;eind;soort;plaats;max_deelnemers;herhaling;tot_en_met;beschrijving';

function calendar(...events: string[][]): string {
	const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//NL'];
	for (const e of events) lines.push('BEGIN:VEVENT', 'DTSTAMP:20261101T120000Z', ...e, 'END:VEVENT');
	return [...lines, 'END:VCALENDAR', ''].join('\r\n');
}

/** A small web server on loopback that answers each path as the test says. */
async function feedServer(routes: Record<string, (res: http.ServerResponse) => void>) {
	const server = http.createServer((req, res) => (routes[req.url ?? ''] ?? ((r: http.ServerResponse) => r.writeHead(404).end('nee')))(res));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return { base: `http://127.0.0.1:${port}`, localhost: `http://localhost:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

for (const target of databases) {
	describe.skipIf(target.skip)(`importing activities on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let admin: SignedIn, coordinator: SignedIn, member: SignedIn, outsider: SignedIn;
		let kroon: Initiative;

		async function read(text: string): Promise<Draft> {
			const result = await readImport(database.db, coordinator, kroon.id, { file: bytes(text) }, { allowPrivate: false }, NOW);
			if (!result.ok) throw new Error(`not read: ${result.error}`);
			return result.draft;
		}

		const imported = () =>
			database.db
				.select()
				.from(activity)
				.where(and(eq(activity.initiativeId, kroon.id), sql`${activity.importKey} is not null`))
				.orderBy(asc(activity.startsAt));

		beforeAll(async () => {
			database = await target.open();
			admin = await makePerson(database.db, 'Beheer', { isAdmin: true });
			coordinator = await makePerson(database.db, 'Anna');
			member = await makePerson(database.db, 'Bram');
			outsider = await makePerson(database.db, 'Cor');
			const result = await createInitiative(database.db, admin, { name: 'De Kroon', town: 'Zwolle', slug: '', description: '', joinPolicy: 'invite' });
			if (!result.ok) throw new Error(result.error);
			kroon = result.initiative;
			await database.db.delete(membership);
			await database.db.insert(membership).values([
				{ initiativeId: kroon.id, userId: coordinator.userId, role: 'coordinator' },
				{ initiativeId: kroon.id, userId: member.userId, role: 'member' }
			]);
		});
		afterAll(() => database?.drop());

		it('a preview saves nothing; confirming saves the good rows as the coordinator’s, with the chosen visibility', async () => {
			const draft = await read(
				`${HEADER}\nWandelen;1-12-2026;10:00;11:30;;Stadspark;12;wekelijks;5;Een rondje\nSchilderen;3-12-2026;19:30;21:30;ontplooiing;;;;;\nFout;31-2-2026;10:00;11:00;;;;;;\nVoorbij;1-11-2026;10:00;11:00;;;;;;\n`
			);
			const preview = await previewImport(database.db, coordinator, kroon.id, draft, { kind: 'ontdekking', visibility: 'public' }, NOW);
			expect(preview.rows.map((r) => [r.line, r.status])).toEqual([
				[2, 'new'],
				[3, 'new'],
				[4, 'error'],
				[5, 'past']
			]);
			expect(preview.rows[2].errors).toEqual([{ field: 'date', key: 'activity_error_date' }]);
			expect(preview.toSave).toBe(2);
			expect(await imported()).toEqual([]);

			// The confirm step gets the draft back from the browser.
			const back = draftFromJson(draftToJson(draft))!;
			const result = await saveImport(database.db, coordinator, kroon.id, back, { kind: 'ontdekking', visibility: 'public' }, NOW);
			expect(result).toEqual({ created: 2, updated: 0, cancelled: 0, left: 2 });
			const rows = await imported();
			expect(rows.map((r) => [r.title, r.kind, r.visibility, r.createdBy, r.status])).toEqual([
				['Wandelen', 'ontdekking', 'public', coordinator.userId, 'published'],
				['Schilderen', 'ontplooiing', 'public', coordinator.userId, 'published']
			]);
			expect(rows[0]).toMatchObject({ startsAt: at('2026-12-01', '10:00'), place: 'Stadspark', capacity: 12, description: 'Een rondje', rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=5' });
			expect(rows[0].seriesEndsAt).toEqual(at('2026-12-29', '11:30'));
		});

		it('importing the same file again adds nothing; a changed description updates, and says so first', async () => {
			const text = `${HEADER}\nWandelen;1-12-2026;10:00;11:30;;Stadspark;12;wekelijks;5;Een rondje\nSchilderen;3-12-2026;19:30;21:30;ontplooiing;;;;;\n`;
			const same = await previewImport(database.db, coordinator, kroon.id, await read(text), options, NOW);
			expect(same.rows.map((r) => r.status)).toEqual(['same', 'same']);
			expect(await saveImport(database.db, coordinator, kroon.id, await read(text), options, NOW)).toEqual({ created: 0, updated: 0, cancelled: 0, left: 2 });

			const changed = text.replace('Een rondje', 'Een lange wandeling');
			const preview = await previewImport(database.db, coordinator, kroon.id, await read(changed), options, NOW);
			expect(preview.rows.map((r) => r.status)).toEqual(['update', 'same']);
			expect(await saveImport(database.db, coordinator, kroon.id, await read(changed), options, NOW)).toMatchObject({ created: 0, updated: 1 });
			const rows = await imported();
			expect(rows).toHaveLength(2);
			// Who may see it stays as chosen the first time (public), though this import chose members.
			expect(rows[0]).toMatchObject({ description: 'Een lange wandeling', visibility: 'public', kind: 'ontdekking' });
		});

		it('all rows are saved, or none: a failure at the third row leaves the first two out too', async () => {
			await database.db.execute(sql.raw(`create function import_test_fail() returns trigger language plpgsql as $$ begin raise exception 'boem'; end $$`));
			await database.db.execute(sql.raw(`create trigger import_test_fail before insert on activity for each row when (new.title = 'Boem') execute function import_test_fail()`));
			try {
				const draft = await read(`${HEADER}\nEen;2-12-2026;10:00;11:00;;;;;;\nTwee;2-12-2026;12:00;13:00;;;;;;\nBoem;2-12-2026;14:00;15:00;;;;;;\n`);
				await expect(saveImport(database.db, coordinator, kroon.id, draft, options, NOW)).rejects.toThrow();
				expect((await imported()).map((r) => r.title)).not.toContain('Een');
			} finally {
				await database.db.execute(sql.raw('drop trigger import_test_fail on activity'));
				await database.db.execute(sql.raw('drop function import_test_fail()'));
			}
		});

		it('the same file sent twice at once adds its activities once', async () => {
			const text = `${HEADER}\nTegelijk;4-12-2026;10:00;11:00;;;;;;\n`;
			const [a, b] = [await read(text), await read(text)];
			const results = await Promise.all([saveImport(database.db, coordinator, kroon.id, a, options, NOW), saveImport(database.db, coordinator, kroon.id, b, options, NOW)]);
			expect(results.map((r) => r.created).sort()).toEqual([0, 1]);
			expect((await imported()).filter((r) => r.title === 'Tegelijk')).toHaveLength(1);
		});

		it('a key from the browser is not trusted: a spreadsheet row’s key is made again from its fields', async () => {
			const draft = await read(`${HEADER}\nEigen sleutel;5-12-2026;10:00;11:00;;;;;;\n`);
			const [wandelen] = await imported();
			const forged = { ...draft, rows: [{ ...draft.rows[0], key: wandelen.importKey! }] };
			const preview = await previewImport(database.db, coordinator, kroon.id, forged, options, NOW);
			expect(preview.rows[0]).toMatchObject({ status: 'new' });
			expect(preview.rows[0].key).not.toBe(wandelen.importKey);
		});

		it('only a coordinator may import; a member and an outsider get NotFound, also for a feed', async () => {
			const text = `${HEADER}\nStiekem;6-12-2026;10:00;11:00;;;;;;\n`;
			const draft = await read(text);
			for (const who of [member, outsider]) {
				await expect(readImport(database.db, who, kroon.id, { file: bytes(text) }, { allowPrivate: true }, NOW)).rejects.toThrow(NotFound);
				await expect(readImport(database.db, who, kroon.id, { url: 'http://127.0.0.1:9/x.ics' }, { allowPrivate: true }, NOW)).rejects.toThrow(NotFound);
				await expect(previewImport(database.db, who, kroon.id, draft, options, NOW)).rejects.toThrow(NotFound);
				await expect(saveImport(database.db, who, kroon.id, draft, options, NOW)).rejects.toThrow(NotFound);
			}
			expect((await imported()).map((r) => r.title)).not.toContain('Stiekem');
		});

		it('an iCalendar series comes with its cancelled and moved dates; a later version of the feed updates it, and a cancelled event is cancelled', async () => {
			const walk = (extra: string[] = [], summary = 'Dinsdagwandeling') => [
				'UID:wandel@voorbeeld.test',
				`SUMMARY:${summary}`,
				'DTSTART;TZID=Europe/Amsterdam:20261201T190000',
				'DTEND;TZID=Europe/Amsterdam:20261201T203000',
				'RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=10',
				...extra
			];
			const moved = ['UID:wandel@voorbeeld.test', 'RECURRENCE-ID;TZID=Europe/Amsterdam:20261215T190000', 'DTSTART;TZID=Europe/Amsterdam:20261217T140000', 'DTEND;TZID=Europe/Amsterdam:20261217T153000'];
			const first = calendar(walk(['EXDATE;TZID=Europe/Amsterdam:20261208T190000']), moved, ['UID:koffie@voorbeeld.test', 'SUMMARY:Koffie', 'DTSTART:20261202T090000Z', 'DTEND:20261202T100000Z']);
			expect(await saveImport(database.db, coordinator, kroon.id, await read(first), options, NOW)).toMatchObject({ created: 2 });
			const [series] = await database.db.select().from(activity).where(eq(activity.importKey, 'ical:wandel@voorbeeld.test'));
			expect(series).toMatchObject({ kind: 'ontmoeting', visibility: 'members', rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=10' });
			const exceptions = async () =>
				(await database.db.select().from(activityException).where(eq(activityException.activityId, series.id)).orderBy(asc(activityException.occurrenceStart))).map((e) => [
					e.occurrenceStart,
					e.status,
					e.startsAt
				]);
			expect(await exceptions()).toEqual([
				[at('2026-12-08', '19:00'), 'cancelled', null],
				[at('2026-12-15', '19:00'), 'moved', at('2026-12-17', '14:00')]
			]);

			// The same feed again: nothing to do.
			const again = await previewImport(database.db, coordinator, kroon.id, await read(first), options, NOW);
			expect(again.rows.map((r) => r.status)).toEqual(['same', 'same']);

			// Someone signed up for a coming date; then the feed changes: a new title, one more cancelled date, the coffee is cancelled.
			await signUp(database.db, member, series.id, at('2026-12-22', '19:00'), NOW);
			const second = calendar(
				walk(['EXDATE;TZID=Europe/Amsterdam:20261208T190000,20261229T190000'], 'Wandelen in het park'),
				moved,
				['UID:koffie@voorbeeld.test', 'SUMMARY:Koffie', 'STATUS:CANCELLED', 'DTSTART:20261202T090000Z', 'DTEND:20261202T100000Z']
			);
			const preview = await previewImport(database.db, coordinator, kroon.id, await read(second), options, NOW);
			expect(preview.rows.map((r) => r.status)).toEqual(['update', 'cancel']);
			expect(await saveImport(database.db, coordinator, kroon.id, await read(second), options, NOW)).toEqual({ created: 0, updated: 1, cancelled: 1, left: 0 });
			const [after] = await database.db.select().from(activity).where(eq(activity.id, series.id));
			expect(after.title).toBe('Wandelen in het park');
			expect((await exceptions()).map((e) => e[0])).toEqual([at('2026-12-08', '19:00'), at('2026-12-15', '19:00'), at('2026-12-29', '19:00')]);
			const [koffie] = await database.db.select().from(activity).where(eq(activity.importKey, 'ical:koffie@voorbeeld.test'));
			expect(koffie.status).toBe('cancelled');
			expect(await saveImport(database.db, coordinator, kroon.id, await read(second), options, NOW)).toEqual({ created: 0, updated: 0, cancelled: 0, left: 2 });
		});

		it('a feed URL is read from a server on loopback only when the operator allows it', async () => {
			const feed = calendar(['UID:feed@voorbeeld.test', 'SUMMARY:Uit de feed', 'DTSTART:20261210T180000Z', 'DTEND:20261210T190000Z']);
			const server = await feedServer({
				'/agenda.ics': (res) => res.writeHead(200, { 'content-type': 'text/calendar' }).end(feed),
				'/verhuisd': (res) => res.writeHead(302, { location: '/agenda.ics' }).end(),
				'/traag': () => {}, // never answers
				'/groot': (res) => {
					res.writeHead(200, { 'content-type': 'text/calendar' });
					res.end('X'.repeat(3 * 1024 * 1024));
				},
				'/lijst.csv': (res) => res.writeHead(200, { 'content-type': 'text/csv' }).end(`${HEADER}\nA;1-12-2026;10:00;11:00;;;;;;\n`)
			});
			const fetch = (path: string, allowPrivate: boolean, base = server.base) =>
				readImport(database.db, coordinator, kroon.id, { url: `${base}${path}` }, { allowPrivate, timeoutMs: 1500 }, NOW);
			try {
				const ok = await fetch('/agenda.ics', true);
				expect(ok.ok && ok.draft.rows.map((r) => r.values.title)).toEqual(['Uit de feed']);
				const redirected = await fetch('/verhuisd', true);
				expect(redirected.ok).toBe(true);
				expect(await fetch('/agenda.ics', false)).toMatchObject({ ok: false, error: 'url_private' });
				expect(await fetch('/agenda.ics', false, server.localhost)).toMatchObject({ ok: false, error: 'url_private' });
				expect(await fetch('/bestaat-niet.ics', true)).toMatchObject({ ok: false, error: 'feed_status', status: 404 });
				expect(await fetch('/traag', true)).toMatchObject({ ok: false, error: 'feed_timeout' });
				expect(await fetch('/groot', true)).toMatchObject({ ok: false, error: 'too_large' });
				expect(await fetch('/lijst.csv', true)).toMatchObject({ ok: false, error: 'unreadable_ical' });
				for (const url of ['ftp://example.test/a.ics', 'file:///etc/passwd', 'geen link', 'http://user:pw@example.test/a.ics']) {
					expect(await readImport(database.db, coordinator, kroon.id, { url }, { allowPrivate: true }, NOW)).toMatchObject({ ok: false, error: 'url_invalid' });
				}
				for (const url of ['http://[::1]/a.ics', 'http://10.1.2.3/a.ics', 'http://169.254.169.254/latest', 'http://[::ffff:127.0.0.1]/a.ics', 'http://0.0.0.0/']) {
					expect(await readImport(database.db, coordinator, kroon.id, { url }, { allowPrivate: false }, NOW)).toMatchObject({ ok: false, error: 'url_private' });
				}
			} finally {
				await server.close();
			}
		});
	});
}
