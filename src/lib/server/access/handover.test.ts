import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn, Viewer } from '../accounts/viewer.ts';
import type { Database } from '../db/index.ts';
import { referralForm } from '../handover/forms.ts';
import { closeHandover, handoverDetail, handoverQueue, recordStep } from '../handover/queue.ts';
import { confirmHandover, handoverByLink, submitHandover } from '../handover/service.ts';
import { handoverTodos } from '../handover/todo.ts';
import { initiative, membership } from '../initiatives/schema.ts';
import { databases } from '../../../../tests/helpers/databases.ts';
import { makePerson } from '../../../../tests/helpers/people.ts';
import { allowed } from '../../../../tests/helpers/allowed.ts';
import { recordingMailer } from '../../../../tests/helpers/accounts.ts';
import { handoverTarget } from './handover.ts';

/** Who sees a handover's details, in plain words, for every persona: only the coordinators of THAT initiative. */

const PERSON = 'Kanarie-Toegang-5521';

for (const target of databases) {
	describe.skipIf(target.skip)(`access to handovers on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		// Cas coordinates De Kroon, Dewi is a member there; Olga coordinates Het Anker, Eva is a member there; Fenna is the admin.
		let cas: SignedIn, dewi: SignedIn, olga: SignedIn, eva: SignedIn, fenna: SignedIn;
		let id: string, token: string;
		const mailer = recordingMailer();
		const db = () => database.db;
		const readsDetail = (viewer: Viewer) => allowed(() => handoverDetail(db(), viewer, 'de-kroon', id));
		const readsQueue = (viewer: Viewer) => allowed(() => handoverQueue(db(), viewer, 'de-kroon'));
		const recordsStep = (viewer: Viewer) => allowed(() => recordStep(db(), viewer, 'de-kroon', id, 'contact'));
		const closes = (viewer: Viewer) => allowed(() => closeHandover(db(), viewer, 'de-kroon', id));

		beforeAll(async () => {
			database = await target.open();
			[cas, dewi, olga, eva, fenna] = await Promise.all(['Cas', 'Dewi', 'Olga', 'Eva', 'Fenna'].map((name, i) => makePerson(db(), name, { isAdmin: i === 4 })));
			const [kroon, anker] = await db()
				.insert(initiative)
				.values([
					{ slug: 'de-kroon', name: 'De Kroon', town: 'Zwolle', status: 'published' },
					{ slug: 'het-anker', name: 'Het Anker', town: 'Kampen', status: 'published' },
					{ slug: 'wacht-nog', name: 'Wacht Nog', town: 'Deventer', status: 'pending' }
				])
				.returning();
			await db()
				.insert(membership)
				.values([
					{ initiativeId: kroon.id, userId: cas.userId, role: 'coordinator' as const },
					{ initiativeId: kroon.id, userId: dewi.userId },
					{ initiativeId: anker.id, userId: olga.userId, role: 'coordinator' as const },
					{ initiativeId: anker.id, userId: eva.userId }
				]);
			const data = referralForm.parse({
				referrerName: 'Dokter Vos',
				sector: 'huisarts',
				email: 'vos@praktijk.test',
				personName: PERSON,
				reach: 'phone',
				phone: '06 12345678',
				consent: 'ja',
				formulier: randomUUID()
			});
			const result = await submitHandover(db(), mailer, { slug: 'de-kroon', ip: '10.1.1.1', origin: 'http://x.test', locale: 'nl' }, { source: 'professional', data });
			id = result.ok ? result.requestId! : '';
			token = /\/doorverwijzing\/([A-Za-z0-9_-]{43})/.exec(mailer.sent.at(-1)!.text)![1];
		});

		afterAll(async () => {
			await database?.drop();
		});

		it('before confirmation nobody reads it, not even its coordinator', async () => {
			expect(await readsDetail(cas)).toBe(false);
			expect((await handoverQueue(db(), cas, 'de-kroon')).items).toEqual([]);
			expect(await confirmHandover(db(), token)).toBe(true);
		});

		it('the coordinator of the initiative reads the person\'s details and works with them', async () => {
			expect(await readsDetail(cas)).toBe(true);
			expect(await readsQueue(cas)).toBe(true);
			expect((await handoverDetail(db(), cas, 'de-kroon', id)).handover.personName).toBe(PERSON);
			expect(await recordsStep(cas)).toBe(true);
		});

		for (const [who, viewer] of [
			['someone without an account', () => null],
			['a member of the initiative', () => dewi],
			['a member of another initiative', () => eva],
			['a coordinator of another initiative', () => olga],
			['the association admin', () => fenna]
		] as const) {
			it(`${who} does not see the queue or the person, and cannot record a step or close`, async () => {
				expect(await readsQueue(viewer())).toBe(false);
				expect(await readsDetail(viewer())).toBe(false);
				expect(await recordsStep(viewer())).toBe(false);
				expect(await closes(viewer())).toBe(false);
				expect(await handoverTodos(db(), viewer())).toEqual([]);
			});
		}

		it('a coordinator of another initiative does not reach it through their own initiative either', async () => {
			expect(await allowed(() => handoverDetail(db(), olga, 'het-anker', id))).toBe(false);
		});

		it('the secret link shows only where it went and the step (with consent), never the details', async () => {
			const view = await handoverByLink(db(), token);
			expect(Object.keys(view!).sort()).toEqual(['closed', 'confirmed', 'initiative', 'source', 'step']);
			expect(view!.step).toBeNull();
			expect(JSON.stringify(view)).not.toContain(PERSON);
		});

		it('anyone may pass someone on to a published initiative, not to one waiting for approval', async () => {
			expect(await allowed(() => handoverTarget(db(), 'de-kroon'))).toBe(true);
			expect(await allowed(() => handoverTarget(db(), 'wacht-nog'))).toBe(false);
			expect(await allowed(() => handoverTarget(db(), 'bestaat-niet'))).toBe(false);
		});

		it('closing is for the coordinator of the initiative', async () => {
			expect(await closes(cas)).toBe(true);
		});
	});
}
