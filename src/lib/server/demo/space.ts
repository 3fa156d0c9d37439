import type { SignedIn } from '../accounts/viewer.ts';
import { addBlock, updateBlock, type CrisisParts, type StarterBlock } from '../space/blocks.ts';
import { addEntry } from '../space/journal.ts';
import type { SpaceStore } from '../space/keys.ts';
import { shareWithMember } from '../space/shares.ts';

/* The demo participant's herstelruimte: a few blocks in their own words, a crisis plan, a journal, one block shared. */

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

/** Fill the demo participant's space and share their crisis plan with their buddy. */
export async function demoSpace(store: SpaceStore, owner: SignedIn, buddy: SignedIn | undefined, now: Date): Promise<void> {
	let crisisId: string | undefined;
	for (const block of BLOCKS) {
		const added = await addBlock(store, owner, { name: block.name, starter: block.starter });
		if (!added.ok) continue;
		await updateBlock(store, owner, added.id, { name: block.name, text: block.text, crisis: block.crisis });
		if (block.starter === 'crisis') crisisId = added.id;
	}
	for (let i = 0; i < 20; i++) {
		const day = new Date(now.getTime() - i * 2 * 86_400_000).toISOString().slice(0, 10);
		await addEntry(store, owner, { day, text: JOURNAL[i % JOURNAL.length] });
	}
	if (buddy && crisisId) await shareWithMember(store, owner, { blockId: crisisId, readerId: buddy.userId });
}
