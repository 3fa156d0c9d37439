import type { SignedIn } from '../accounts/viewer.ts';
import { addBlock, updateBlock, type CrisisParts, type StarterBlock } from '../space/blocks.ts';
import { addEntry } from '../space/journal.ts';
import { addReflection, setWeb } from '../space/reflections.ts';
import type { SpaceStore } from '../space/keys.ts';
import { shareWithMember } from '../space/shares.ts';

/* The demo participant's herstelruimte: a few blocks in their own words, a crisis plan, a journal, reflections with a web over time, one block shared. */

const BLOCKS: Array<{ starter?: StarterBlock; name: string; text: string; crisis?: CrisisParts }> = [
	{
		starter: 'helps',
		name: 'Wat mij helpt',
		text: 'Wandelen langs de IJssel, ook als het regent.\nMuziek van vroeger, hard aan.\nDe inloop op dinsdag: koffie en niemand die iets van me wil.\nMijn zus even bellen, gewoon over niks.'
	},
	{
		starter: 'signs',
		name: 'Mijn weerbericht',
		text: 'Zonnig: ik kook weer voor mezelf en maak afspraken.\nBewolkt: ik slaap slecht en laat de post liggen. Dan bel ik iemand.\nStorm: ik ga niet meer naar buiten en neem de telefoon niet op. Dan mag mijn buddy langskomen.'
	},
	{
		starter: 'crisis',
		name: 'Als ik het zelf niet meer kan zeggen',
		text: 'Ik word stil, niet boos. Praat rustig tegen me en geef me tijd.',
		crisis: {
			call: 'Mijn zus Anouk: 06 12 34 56 78\nMijn buddy van de inloop',
			do: 'Blijf erbij, zet thee. Een deken helpt.',
			dont: 'Niet de politie bellen als het niet nodig is. Niet over me praten alsof ik er niet ben.',
			pets: 'Poes Saar: eten staat in de kast naast de koelkast, buurvrouw Ria heeft een sleutel.',
			post: 'Anouk mag mijn post openen en de rekeningen bewaren.',
			money: 'Huur gaat automatisch. Niets anders betalen zonder mij.'
		}
	},
	{ starter: 'values', name: 'Wat ik belangrijk vind', text: 'Eerlijk zijn, ook als het lastig is. Bijvoorbeeld: zeggen dat ik moe ben in plaats van wegblijven.' },
	{ name: 'Mijn tuin', text: 'De tomaten op het balkon. Elke ochtend even kijken hoe ze erbij staan.' }
];

const JOURNAL = [
	'Goed geslapen. Naar de inloop geweest, met Mo gepraat over zijn fiets.',
	'Een grijze dag. Toch even naar buiten, tien minuten. Dat telt ook.',
	'Anouk gebeld. We hebben gelachen om vroeger.',
	'Moe. Vroeg naar bed.',
	'Tomaten opgebonden. Er zit er eentje rood aan!',
	'Slecht nieuws over het huis van mijn moeder. Even niks.',
	'Wandeling langs het water. Het hielp.',
	'Op de groep verteld hoe het vorige week ging. Ze luisterden echt.',
	'Rommelig hoofd. Lijstje gemaakt, drie dingen gedaan.',
	'Een mooie dag. Gewoon een mooie dag.'
];

/** A web of CHIME's five, looked at now and then over half a year: words first, points when it felt right. */
const WEB = ['Verbinding', 'Hoop', 'Identiteit', 'Betekenis', 'Eigen regie'];
const REFLECTIONS: Array<{ daysAgo: number; text: string; points: number[] }> = [
	{ daysAgo: 180, text: 'Ik zat veel thuis. Weinig zin in mensen. Hoop? Soms, heel even.', points: [2, 3, 3, 2, 2] },
	{ daysAgo: 120, text: 'De inloop helpt. Ik ken nu een paar namen.', points: [4, 4, 3, 3, 3] },
	{ daysAgo: 60, text: 'Mijn weerbericht gemaakt. Ik merk eerder wanneer het bewolkt wordt.', points: [5, 5, 4, 5, 6] },
	{ daysAgo: 20, text: 'Het gaat met ups en downs, maar ik weet beter wat ik nodig heb.', points: [] },
	{ daysAgo: 6, text: 'Op de groep iets verteld over mijn tuin. Dat voelde als ik.', points: [6, 6, 6, 6, 7] }
];

/**
 * Fill a person's space (the demo participant's; the bench logins' with 500
 * journal entries at national scale) and share the crisis plan with a buddy.
 */
export async function demoSpace(store: SpaceStore, owner: SignedIn, buddy: SignedIn | undefined, now: Date, entries = 20): Promise<void> {
	let crisisId: string | undefined;
	for (const block of BLOCKS) {
		const added = await addBlock(store, owner, { name: block.name, starter: block.starter });
		if (!added.ok) continue;
		await updateBlock(store, owner, added.id, { name: block.name, text: block.text, crisis: block.crisis });
		if (block.starter === 'crisis') crisisId = added.id;
	}
	for (let i = 0; i < entries; i++) {
		const day = new Date(now.getTime() - i * 2 * 86_400_000).toISOString().slice(0, 10);
		await addEntry(store, owner, { day, text: JOURNAL[i % JOURNAL.length] });
	}
	await setWeb(store, owner, { set: 'chime', dimensions: WEB });
	for (const r of REFLECTIONS) {
		const day = new Date(now.getTime() - r.daysAgo * 86_400_000).toISOString().slice(0, 10);
		await addReflection(store, owner, { day, text: r.text, points: r.points.map((value, i) => ({ name: WEB[i], value })) });
	}
	if (buddy && crisisId) await shareWithMember(store, owner, { blockId: crisisId, readerId: buddy.userId });
}
