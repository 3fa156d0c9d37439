import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFound, SignInRequired } from '#lib/server/access/core.ts';
import type { SignedIn } from '#lib/server/accounts/viewer.ts';
import { activityPhotoFor, removeActivityPhoto, setActivityPhoto, shownActivityPhoto } from '#lib/server/activities/photo.ts';
import { activity, activityPhoto } from '#lib/server/activities/schema.ts';
import type { Database } from '#lib/server/db/index.ts';
import { searchDirectory } from '#lib/server/directory/search.ts';
import { addPhoto, PHOTO_LIMITS } from '#lib/server/initiatives/photos.ts';
import { photoRefused, readPhotoUpload } from '#lib/server/initiatives/photo-http.ts';
import { initiative, membership } from '#lib/server/initiatives/schema.ts';
import { databases } from '../helpers/databases.ts';
import { makePerson } from '../helpers/people.ts';

/** The photo form as a browser posts it. */
function upload(file: Blob | null, alt: string): Request {
	const form = new FormData();
	if (file) form.append('photo', file, 'foto.jpg');
	form.append('alt', alt);
	return new Request('http://localhost/foto', { method: 'POST', body: form });
}

describe('the photo form', () => {
	it('a file and its description come through as typed', async () => {
		const read = await readPhotoUpload(upload(new Blob([new Uint8Array([1, 2, 3])]), '  Een tafel '));
		expect(read.ok && { alt: read.alt, bytes: [...read.bytes] }).toEqual({ alt: 'Een tafel', bytes: [1, 2, 3] });
	});

	it('no file is a Dutch 400 that keeps the description', async () => {
		const read = await readPhotoUpload(upload(null, 'Een tafel'));
		expect(read.ok).toBe(false);
		if (read.ok) return;
		expect(read.failure.status).toBe(400);
		expect(read.failure.data).toEqual({ photo: { errors: { photo: expect.stringMatching(/^Kies een foto/) }, values: { alt: 'Een tafel' } } });
	});

	it('a file over the limit is a 413 saying how large it may be, and keeps the description', async () => {
		const read = await readPhotoUpload(upload(new Blob([new Uint8Array(PHOTO_LIMITS.maxBytes + 1)]), 'Groot'));
		if (read.ok) throw new Error('accepted');
		expect(read.failure.status).toBe(413);
		expect(read.failure.data).toEqual({ photo: { errors: { photo: 'Deze foto is te groot. Kies een foto van hooguit 10 MB.' }, values: { alt: 'Groot' } } });
	});

	it('a body that is no form is a 400, never a 500', async () => {
		const read = await readPhotoUpload(new Request('http://localhost/foto', { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: 'kapot' }));
		expect(!read.ok && read.failure.status).toBe(400);
	});

	it("the service's refusals are put next to their field", () => {
		expect(photoRefused('not_image', 'Nep')).toMatchObject({ status: 400, data: { photo: { errors: { photo: expect.stringMatching(/^Dit bestand is geen foto die we kunnen gebruiken\./) }, values: { alt: 'Nep' } } } });
		expect(photoRefused('alt_missing', '')).toMatchObject({ status: 400, data: { photo: { errors: { alt: expect.any(String) } } } });
	});
});

for (const target of databases) {
	describe.skipIf(target.skip)(`an activity's photo on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let coordinator: SignedIn, host: SignedIn, member: SignedIn, otherMember: SignedIn, otherCoordinator: SignedIn, admin: SignedIn;
		let kroon: { id: string; slug: string }, anker: { id: string; slug: string };
		let publicWalk: string, membersGroup: string;
		let png: Buffer;

		async function addInitiative(name: string) {
			const slug = `${name}-${randomUUID().slice(0, 8)}`;
			const [row] = await database.db.insert(initiative).values({ slug, name, town: 'Zwolle', status: 'published' }).returning({ id: initiative.id });
			return { id: row.id, slug };
		}
		async function addActivity(initiativeId: string, title: string, visibility: 'public' | 'members', createdBy: string) {
			const [row] = await database.db
				.insert(activity)
				.values({ initiativeId, title, kind: 'ontmoeting', startsAt: new Date('2026-12-01T13:00:00Z'), endsAt: new Date('2026-12-01T15:00:00Z'), visibility, createdBy })
				.returning({ id: activity.id });
			return row.id;
		}

		beforeAll(async () => {
			database = await target.open();
			const db = database.db;
			kroon = await addInitiative('de-kroon');
			anker = await addInitiative('het-anker');
			coordinator = await makePerson(db, 'Anna');
			host = await makePerson(db, 'Bram');
			member = await makePerson(db, 'Cor');
			otherMember = await makePerson(db, 'Dewi');
			otherCoordinator = await makePerson(db, 'Eva');
			admin = await makePerson(db, 'Beheer', { isAdmin: true });
			await db.insert(membership).values([
				{ initiativeId: kroon.id, userId: coordinator.userId, role: 'coordinator' },
				{ initiativeId: kroon.id, userId: host.userId, role: 'member' },
				{ initiativeId: kroon.id, userId: member.userId, role: 'member' },
				{ initiativeId: anker.id, userId: otherMember.userId, role: 'member' },
				{ initiativeId: anker.id, userId: otherCoordinator.userId, role: 'coordinator' }
			]);
			publicWalk = await addActivity(kroon.id, 'Samen wandelen', 'public', host.userId);
			membersGroup = await addActivity(kroon.id, 'Lotgenotengroep', 'members', host.userId);
			png = await sharp({ create: { width: 2400, height: 1200, channels: 3, background: '#6f8f55' } }).png().toBuffer();
		});
		afterAll(() => database?.drop());

		it("without a photo of its own, an activity's page shows its initiative's main photo, and nothing when that has none either", async () => {
			const a = { id: publicWalk, initiativeId: kroon.id };
			expect(await shownActivityPhoto(database.db, a, kroon.slug)).toBeNull();
			const added = await addPhoto(database.db, coordinator, kroon.id, { bytes: png, alt: 'De huiskamer' });
			if (!added.ok) throw new Error(added.error);
			expect(await shownActivityPhoto(database.db, a, kroon.slug)).toEqual({
				id: added.id,
				alt: 'De huiskamer',
				width: 1600,
				height: 800,
				src: `/initiatieven/${kroon.slug}/fotos/${added.id}`
			});
		});

		it('the host puts a photo on their activity: re-encoded like every photo, and shown instead of the initiative\'s', async () => {
			const set = await setActivityPhoto(database.db, host, publicWalk, { bytes: png, alt: ' Het pad door het park ' });
			if (!set.ok) throw new Error(set.error);
			const shown = await shownActivityPhoto(database.db, { id: publicWalk, initiativeId: kroon.id }, kroon.slug);
			expect(shown).toEqual({ id: set.id, alt: 'Het pad door het park', width: 1600, height: 800, src: `/initiatieven/${kroon.slug}/activiteiten/${publicWalk}/foto/${set.id}` });
			const served = await activityPhotoFor(database.db, null, publicWalk, set.id);
			expect(served.contentType).toBe('image/webp');
			expect((await sharp(served.data).metadata()).format).toBe('webp');
		});

		it('a new photo takes the place of the old one, under a new address; the old address is gone', async () => {
			const [before] = await database.db.select({ id: activityPhoto.id }).from(activityPhoto);
			const set = await setActivityPhoto(database.db, coordinator, publicWalk, { bytes: png, alt: 'Een bankje' });
			if (!set.ok) throw new Error(set.error);
			expect(set.id).not.toBe(before.id);
			await expect(activityPhotoFor(database.db, null, publicWalk, before.id)).rejects.toThrow(NotFound);
			expect(await database.db.select({ id: activityPhoto.id }).from(activityPhoto)).toEqual([{ id: set.id }]);
		});

		it('a file that is no photo, a missing description or a too large file is refused, and the photo there stays', async () => {
			const fake = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>');
			expect(await setActivityPhoto(database.db, host, publicWalk, { bytes: fake, alt: 'Nep' })).toEqual({ ok: false, error: 'not_image' });
			expect(await setActivityPhoto(database.db, host, publicWalk, { bytes: png, alt: '  ' })).toEqual({ ok: false, error: 'alt_missing' });
			expect(await setActivityPhoto(database.db, host, publicWalk, { bytes: new Uint8Array(PHOTO_LIMITS.maxBytes + 1), alt: 'Groot' })).toEqual({ ok: false, error: 'too_large' });
			expect((await shownActivityPhoto(database.db, { id: publicWalk, initiativeId: kroon.id }, kroon.slug))?.alt).toBe('Een bankje');
		});

		it('only a host or a coordinator may put or take away the photo: a member, people of another initiative and the admin are not found, an anonymous visitor is asked to sign in', async () => {
			for (const who of [member, otherMember, otherCoordinator, admin]) {
				await expect(setActivityPhoto(database.db, who, publicWalk, { bytes: png, alt: 'Nee' })).rejects.toThrow(NotFound);
				await expect(removeActivityPhoto(database.db, who, publicWalk)).rejects.toThrow(NotFound);
			}
			await expect(setActivityPhoto(database.db, null, publicWalk, { bytes: png, alt: 'Nee' })).rejects.toThrow(SignInRequired);
			await expect(removeActivityPhoto(database.db, null, publicWalk)).rejects.toThrow(SignInRequired);
		});

		it("a members-only activity's photo is served to its members only, and never to shared caches", async () => {
			const set = await setActivityPhoto(database.db, host, membersGroup, { bytes: png, alt: 'De kring stoelen' });
			if (!set.ok) throw new Error(set.error);
			for (const who of [null, otherMember, otherCoordinator, admin]) await expect(activityPhotoFor(database.db, who, membersGroup, set.id)).rejects.toThrow(NotFound);
			for (const who of [member, host, coordinator]) expect((await activityPhotoFor(database.db, who, membersGroup, set.id)).public).toBe(false);
			// Under another activity its id is nothing.
			await expect(activityPhotoFor(database.db, coordinator, publicWalk, set.id)).rejects.toThrow(NotFound);
		});

		it("a public activity's photo is for everyone, and shared caches may keep it", async () => {
			const [row] = await database.db.select({ id: activityPhoto.id }).from(activityPhoto).where(eq(activityPhoto.activityId, publicWalk));
			for (const who of [null, otherMember, member]) expect((await activityPhotoFor(database.db, who, publicWalk, row.id)).public).toBe(true);
		});

		it("taking the photo away shows the initiative's photo again", async () => {
			await removeActivityPhoto(database.db, host, publicWalk);
			expect((await shownActivityPhoto(database.db, { id: publicWalk, initiativeId: kroon.id }, kroon.slug))?.alt).toBe('De huiskamer');
			// Again: nothing left to remove, nothing goes wrong.
			await removeActivityPhoto(database.db, host, publicWalk);
		});

		it("the directory's cards carry each initiative's main photo, the first one added", async () => {
			const second = await addPhoto(database.db, coordinator, kroon.id, { bytes: png, alt: 'De tuin' });
			expect(second.ok).toBe(true);
			const { items } = await searchDirectory(database.db, { place: '', distance: null, themes: [], accessibility: [], open: null, page: 1 });
			const photos = Object.fromEntries(items.map((i) => [i.slug, i.photo?.alt ?? null]));
			expect(photos).toEqual({ [kroon.slug]: 'De huiskamer', [anker.slug]: null });
			expect(items.find((i) => i.slug === kroon.slug)?.photo).toMatchObject({ src: expect.stringMatching(new RegExp(`^/initiatieven/${kroon.slug}/fotos/`)), width: 1600, height: 800 });
		});
	});
}
