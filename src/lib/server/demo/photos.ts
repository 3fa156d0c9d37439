/**
 * Demo photos: calm drawings made at demo time (the repository holds no image
 * files), stored as every photo is — through encodePhoto, so they are WebP
 * like an upload. Several initiatives get one, some deliberately none (their
 * page looks as it does without), and two activities get their own.
 */
import sharp from 'sharp';
import type { activityPhoto } from '../activities/schema.ts';
import { encodePhoto } from '../initiatives/photos.ts';
import type { initiativePhoto } from '../initiatives/schema.ts';

const WIDTH = 960;
const HEIGHT = 600;

/** A soft sky over the ground, with whatever the scene puts in front. */
const landscape = (sky: string, ground: string, front: string) => `
	<rect width="${WIDTH}" height="${HEIGHT}" fill="${sky}"/>
	<circle cx="780" cy="130" r="60" fill="#f6e3b4"/>
	<path d="M0 380 Q240 300 480 370 T960 350 V600 H0 Z" fill="${ground}"/>
	${front}`;

/** A room: a wall, a window and a floor. */
const room = (wall: string, front: string) => `
	<rect width="${WIDTH}" height="${HEIGHT}" fill="${wall}"/>
	<rect x="600" y="70" width="240" height="200" rx="8" fill="#dcebf0" stroke="#b9a58a" stroke-width="12"/>
	<rect y="430" width="${WIDTH}" height="170" fill="#c9a97f"/>
	${front}`;

const SCENES = {
	livingRoom: {
		alt: 'Tekening van een lichte huiskamer met een lange tafel en koffiekopjes',
		svg: room(
			'#f3e6cf',
			`<rect x="140" y="330" width="620" height="26" rx="6" fill="#8a6a48"/>
			<rect x="170" y="356" width="18" height="120" fill="#8a6a48"/><rect x="712" y="356" width="18" height="120" fill="#8a6a48"/>
			${[230, 380, 530, 660].map((x) => `<rect x="${x}" y="300" width="34" height="30" rx="5" fill="#ffffff" stroke="#6b8f8a" stroke-width="4"/>`).join('')}`
		)
	},
	garden: {
		alt: 'Tekening van een moestuin met rijen groente onder een zachte lucht',
		svg: landscape(
			'#dcebf0',
			'#a9c48f',
			[0, 1, 2, 3].map((n) => `<rect x="120" y="${420 + n * 42}" width="720" height="18" rx="9" fill="#6f8f55"/>`).join('')
		)
	},
	openDoor: {
		alt: 'Tekening van een open voordeur met een plant ernaast',
		svg: room(
			'#e8ded0',
			`<rect x="300" y="120" width="220" height="310" fill="#fbf6ea"/>
			<path d="M300 120 L380 150 V410 L300 430 Z" fill="#4f7f7a"/>
			<rect x="580" y="360" width="70" height="70" rx="8" fill="#b86f4c"/>
			<circle cx="615" cy="330" r="48" fill="#6f8f55"/>`
		)
	},
	workshop: {
		alt: 'Tekening van een werkbank met gereedschap en een fietswiel',
		svg: room(
			'#e4e7e2',
			`<rect x="120" y="340" width="560" height="24" rx="4" fill="#7a5c3e"/>
			<circle cx="300" cy="250" r="80" fill="none" stroke="#3f4b50" stroke-width="12"/>
			<circle cx="300" cy="250" r="10" fill="#3f4b50"/>
			<rect x="460" y="300" width="120" height="16" rx="8" fill="#b86f4c"/>`
		)
	},
	dunes: {
		alt: 'Tekening van duinen en de zee bij een rustige lucht',
		svg: landscape('#e3eef2', '#e6d3a8', `<rect y="300" width="${WIDTH}" height="60" fill="#8fb8c4"/>`)
	},
	walk: {
		alt: 'Tekening van een wandelpad door een groen park met bomen',
		svg: landscape(
			'#e3eef2',
			'#a9c48f',
			`<path d="M380 600 Q460 470 520 380 L560 380 Q540 470 600 600 Z" fill="#e6d3a8"/>
			${[150, 260, 720, 830].map((x) => `<rect x="${x - 8}" y="300" width="16" height="90" fill="#7a5c3e"/><circle cx="${x}" cy="280" r="50" fill="#6f8f55"/>`).join('')}`
		)
	},
	painting: {
		alt: 'Tekening van een schildersezel met een doek, en potjes verf op tafel',
		svg: room(
			'#f1eadf',
			`<path d="M330 440 L400 110 L470 440 M400 110 V460" stroke="#7a5c3e" stroke-width="12" fill="none"/>
			<rect x="300" y="150" width="200" height="150" fill="#ffffff" stroke="#b9a58a" stroke-width="6"/>
			<circle cx="370" cy="220" r="30" fill="#e0a458"/><path d="M320 280 Q400 230 480 280" stroke="#6f8f55" stroke-width="14" fill="none"/>
			${['#b86f4c', '#4f7f7a', '#e0a458'].map((c, n) => `<rect x="${600 + n * 60}" y="390" width="40" height="40" rx="6" fill="${c}"/>`).join('')}`
		)
	}
} as const;

type Scene = keyof typeof SCENES;

/** Which demo initiatives get a photo (by slug); the others keep the page without one. */
const INITIATIVE_SCENES: Record<string, Scene> = {
	'de-kroon-zwolle': 'livingRoom',
	'het-anker-deventer': 'garden',
	'eigen-kracht-eindhoven': 'workshop',
	'het-open-huis-amsterdam': 'openDoor',
	'duinzicht-den-haag': 'dunes'
};

/** Activities (by title) whose first occurrence in the demo gets a photo of its own. */
const ACTIVITY_SCENES: Record<string, Scene> = {
	'Samen wandelen': 'walk',
	'Schilderen en tekenen': 'painting'
};

async function draw(scene: Scene) {
	const png = await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">${SCENES[scene].svg}</svg>`)).png().toBuffer();
	const encoded = await encodePhoto(png);
	if (!encoded.ok) throw new Error(`demo photo ${scene} could not be encoded`);
	return { alt: SCENES[scene].alt, ...encoded.photo };
}

/** The photo rows for the demo's initiatives and activities, each scene drawn once. */
export async function demoPhotos(
	initiatives: Array<{ id: string; slug: string }>,
	activities: Array<{ id: string; title: string }>
): Promise<{ initiatives: Array<typeof initiativePhoto.$inferInsert>; activities: Array<typeof activityPhoto.$inferInsert> }> {
	const drawn = new Map<Scene, ReturnType<typeof draw>>();
	const photo = (scene: Scene) => {
		if (!drawn.has(scene)) drawn.set(scene, draw(scene));
		return drawn.get(scene)!;
	};
	const forInitiatives = initiatives.filter((i) => i.slug in INITIATIVE_SCENES);
	const forActivities = Object.keys(ACTIVITY_SCENES).flatMap((title) => activities.filter((a) => a.title === title).slice(0, 1));
	return {
		initiatives: await Promise.all(forInitiatives.map(async (i) => ({ initiativeId: i.id, ...(await photo(INITIATIVE_SCENES[i.slug])) }))),
		activities: await Promise.all(forActivities.map(async (a) => ({ activityId: a.id, ...(await photo(ACTIVITY_SCENES[a.title])) })))
	};
}
