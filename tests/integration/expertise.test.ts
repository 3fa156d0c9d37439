import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFound } from '#lib/server/access/core.ts';
import { user } from '#lib/server/accounts/schema.ts';
import type { SignedIn } from '#lib/server/accounts/viewer.ts';
import type { Database } from '#lib/server/db/index.ts';
import { expertProfileForm, type ExpertProfileInput } from '#lib/server/expertise/forms.ts';
import { expertisePersonalData } from '#lib/server/expertise/personal-data.ts';
import { grantPoolCoordinator, listPoolCoordinators, revokePoolCoordinator } from '#lib/server/expertise/pool.ts';
import { myExpertProfile, saveExpertProfile, unpublishExpertProfile } from '#lib/server/expertise/profile.ts';
import { getExpertProfile, PAGE_SIZE, poolOverview, readExpertQuery, searchExperts } from '#lib/server/expertise/read.ts';
import { expertProfile } from '#lib/server/expertise/schema.ts';
import { databases } from '../helpers/databases.ts';
import { makePerson } from '../helpers/people.ts';

/** A complete profile as the form sends it. */
const complete = {
	signAs: 'name',
	themes: ['herstel', 'jongeren'],
	forms: ['gastles', 'lezing'],
	regions: ['overijssel'],
	online: 'ja',
	introduction: 'Ik vertel over mijn weg terug naar werk.\n\nEerlijk en met humor.',
	availability: 'Dinsdag overdag',
	notAbout: 'Mijn broer'
};

const parse = (raw: Record<string, unknown>, publishing: boolean) => expertProfileForm(publishing).safeParse(raw);
const errorsOf = (raw: Record<string, unknown>, publishing: boolean) => {
	const result = parse(raw, publishing);
	return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [String(i.path[0]), i.message]));
};
const input = (raw: Record<string, unknown> = complete): ExpertProfileInput => expertProfileForm(false).parse(raw);

describe('the expert profile form', () => {
	it('saves an empty profile: nothing is required to keep it', () => {
		expect(parse({ signAs: 'name' }, false).success).toBe(true);
	});

	it('asks a theme, a form of work, a region or online and an introduction before publishing, each with its own message', () => {
		expect(errorsOf({ signAs: 'name' }, true)).toEqual({
			themes: 'expertise_error_publish_themes',
			forms: 'expertise_error_publish_forms',
			regions: 'expertise_error_publish_regions',
			introduction: 'expertise_error_publish_introduction'
		});
		expect(parse(complete, true).success).toBe(true);
		// own words count as a theme, online counts as a place to work
		expect(parse({ ...complete, themes: [], ownThemes: 'Rouw na een verlies', regions: [] }, true).success).toBe(true);
	});

	it('refuses an e-mail address or a phone number in anything others read, but not in "hier praat ik niet over"', () => {
		expect(errorsOf({ ...complete, introduction: 'Mail me: anna@voorbeeld.nl' }, false)).toEqual({ introduction: 'expertise_error_contact' });
		expect(errorsOf({ ...complete, rates: 'Bel 06-12345678' }, false)).toEqual({ rates: 'expertise_error_contact' });
		expect(parse({ ...complete, notAbout: 'Niet over mijn ex, bel me liever op 06-12345678' }, false).success).toBe(true);
	});

	it('asks for a professional name when chosen, refuses unknown choices and texts that are too long', () => {
		expect(errorsOf({ ...complete, signAs: 'pseudonym' }, false)).toEqual({ pseudonym: 'expertise_error_pseudonym' });
		expect(errorsOf({ ...complete, signAs: 'iets' }, false)).toEqual({ signAs: 'expertise_error_sign_as' });
		expect(errorsOf({ ...complete, themes: ['herstel', 'diagnose-x'] }, false)).toEqual({ themes: 'expertise_error_choice' });
		expect(errorsOf({ ...complete, introduction: 'a'.repeat(3001) }, false)).toEqual({ introduction: 'expertise_error_long' });
	});

	it('keeps no pseudonym when the own name is chosen, and reads one checkbox as a list', () => {
		expect(input({ ...complete, pseudonym: 'Vergeten', themes: 'herstel' })).toMatchObject({ pseudonym: '', themes: ['herstel'], online: true });
	});

	it('reads the search from the address and ignores what it does not know', () => {
		const { filter, form } = readExpertQuery(new URLSearchParams('thema=herstel&vorm=onzin&regio=online&zoek=%20werk%20&pagina=999'));
		expect(filter).toEqual({ theme: 'herstel', form: undefined, region: 'online', words: 'werk', page: 25 });
		expect(form).toEqual({ thema: 'herstel', vorm: '', regio: 'online', zoek: 'werk', pagina: 25 });
	});
});

for (const target of databases) {
	describe.skipIf(target.skip)(`the expertise pool on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let anna: SignedIn;
		let bram: SignedIn;
		let admin: SignedIn;
		let pool: SignedIn;

		beforeAll(async () => {
			database = await target.open();
			const db = database.db;
			[anna, bram, admin, pool] = await Promise.all([makePerson(db, 'Anna'), makePerson(db, 'Bram'), makePerson(db, 'Admin', { isAdmin: true }), makePerson(db, 'Pool')]);
		});
		afterAll(() => database?.drop());

		it('a saved profile is the expert’s alone until it is published; then anyone finds it by theme, region and words', async () => {
			const db = database.db;
			const saved = await saveExpertProfile(db, anna, input(), false);
			expect(saved.published).toBe(false);
			expect((await searchExperts(db, { theme: 'herstel', page: 1 })).experts).toEqual([]);
			await expect(getExpertProfile(db, null, saved.id)).rejects.toBeInstanceOf(NotFound);
			await expect(getExpertProfile(db, bram, saved.id)).rejects.toBeInstanceOf(NotFound);
			await expect(getExpertProfile(db, anna, saved.id)).resolves.toMatchObject({ isOwner: true, publishedAt: null });

			await saveExpertProfile(db, anna, input(), true);
			for (const filter of [{ theme: 'herstel' as const }, { region: 'overijssel' as const }, { region: 'online' as const }, { form: 'gastles' as const }, { words: 'humor' }, { words: 'werken' }]) {
				expect((await searchExperts(db, { ...filter, page: 1 })).experts.map((e) => e.id), JSON.stringify(filter)).toEqual([saved.id]);
			}
			for (const filter of [{ theme: 'psychose' as const }, { region: 'limburg' as const }, { form: 'panel' as const }, { words: 'broer' }]) {
				expect((await searchExperts(db, { ...filter, page: 1 })).experts, JSON.stringify(filter)).toEqual([]);
			}
		});

		it('the public never reads "hier praat ik niet over" or the account; a pseudonym hides the account name', async () => {
			const db = database.db;
			const { id } = await saveExpertProfile(db, anna, input({ ...complete, signAs: 'pseudonym', pseudonym: 'De Wegwijzer' }), true);
			for (const viewer of [null, bram, admin]) {
				const seen = JSON.stringify([await getExpertProfile(db, viewer, id), await searchExperts(db, { page: 1 })]);
				expect(seen).toContain('De Wegwijzer');
				for (const secret of ['Mijn broer', anna.email, anna.userId, '"Anna"']) expect(seen).not.toContain(secret);
			}
			expect((await searchExperts(db, { words: 'Anna', page: 1 })).experts).toEqual([]);
			expect((await searchExperts(db, { words: 'wegwijzer', page: 1 })).experts.map((e) => e.id)).toEqual([id]);
			expect((await getExpertProfile(db, anna, id)).notAbout).toBe('Mijn broer');
		});

		it('publishing again keeps the first day; taking it offline hides it at once, and publishing brings it back', async () => {
			const db = database.db;
			const first = (await myExpertProfile(db, anna))!.publishedAt;
			await saveExpertProfile(db, anna, input(), true);
			expect((await myExpertProfile(db, anna))!.publishedAt).toEqual(first);
			await unpublishExpertProfile(db, anna);
			await unpublishExpertProfile(db, anna);
			const { id } = (await myExpertProfile(db, anna))!;
			expect((await searchExperts(db, { page: 1 })).experts).toEqual([]);
			await expect(getExpertProfile(db, null, id)).rejects.toBeInstanceOf(NotFound);
			await saveExpertProfile(db, anna, input(), true);
			expect((await searchExperts(db, { page: 1 })).experts.map((e) => e.id)).toEqual([id]);
		});

		it('pages the search: at most one page at a time, with "meer" while there is more', async () => {
			const db = database.db;
			const people = await Promise.all(Array.from({ length: PAGE_SIZE + 2 }, (_, i) => makePerson(db, `Expert ${i}`)));
			for (const p of people) await saveExpertProfile(db, p, input({ ...complete, regions: ['limburg'] }), true);
			const first = await searchExperts(db, { region: 'limburg', page: 1 });
			const second = await searchExperts(db, { region: 'limburg', page: 2 });
			expect([first.experts.length, first.more, second.experts.length, second.more]).toEqual([PAGE_SIZE, true, 2, false]);
			expect(new Set([...first.experts, ...second.experts].map((e) => e.id)).size).toBe(PAGE_SIZE + 2);
		});

		it('the admin gives and takes the pool coordinator task by e-mail address; twice changes nothing, nobody else may', async () => {
			const db = database.db;
			await expect(grantPoolCoordinator(db, admin, 'niemand@voorbeeld.test')).resolves.toEqual({ ok: false, error: 'expertise_error_no_account' });
			await expect(grantPoolCoordinator(db, admin, ` ${pool.email.toUpperCase()} `)).resolves.toEqual({ ok: true });
			await expect(grantPoolCoordinator(db, admin, pool.email)).resolves.toEqual({ ok: true });
			const list = await listPoolCoordinators(db, admin);
			expect(list.map((p) => p.name)).toEqual(['Pool']);
			await expect(grantPoolCoordinator(db, pool, bram.email)).rejects.toBeInstanceOf(NotFound);
			await expect(listPoolCoordinators(db, bram)).rejects.toBeInstanceOf(NotFound);
			const overview = await poolOverview(db, pool, { region: 'overijssel', page: 1 });
			expect(overview.experts.find((e) => e.name === 'Anna')?.notAbout).toBe('Mijn broer');
			await revokePoolCoordinator(db, admin, list[0].id);
			await expect(poolOverview(db, pool, { page: 1 })).rejects.toBeInstanceOf(NotFound);
		});

		it('the export holds the whole profile; deleting the account takes it along', async () => {
			const db = database.db;
			const exported = (await expertisePersonalData.collect(db, anna)) as { profile: { notAbout: string; introduction: string } };
			expect(exported.profile).toMatchObject({ notAbout: 'Mijn broer', introduction: complete.introduction });
			await db.delete(user).where(eq(user.id, anna.userId));
			expect(await db.select().from(expertProfile).where(eq(expertProfile.userId, anna.userId))).toEqual([]);
		});
	});
}
