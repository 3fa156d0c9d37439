import { randomBytes } from 'node:crypto';
import type { moderationLog } from '../moderation/schema.ts';
import type { storyNote, storyRecognition, StoryTheme, StoryVisibility, StoryWarning } from '../stories/schema.ts';
import { searchVector } from '../stories/search.ts';
import type { DemoHome } from './activities.ts';

/*
 * Demo ervaringsverhalen: an opening paragraph of its own per story, and a
 * closing one from a small set of what helped, so 32 stories read varied.
 * Some carry a pseudonym or a content warning; some wait for the redactie.
 */

interface DemoStory {
	title: string;
	opening: string;
	themes: StoryTheme[];
	warnings?: StoryWarning[];
	pseudonym?: string;
	visibility?: StoryVisibility;
	review?: boolean;
}

export const STORIES: DemoStory[] = [
	{ title: 'De eerste keer binnenlopen', opening: 'Drie keer liep ik langs de deur. De vierde keer ging ik naar binnen. Iemand zette koffie voor me en vroeg niets. Dat was precies goed.', themes: ['eenzaamheid', 'herstel'], visibility: 'public' },
	{ title: 'Weer wandelen', opening: 'Na maanden binnen zitten begon ik met een rondje om het blok. Nu wandel ik elke dinsdag met de groep langs de IJssel. Mijn hoofd wordt er rustig van.', themes: ['hoop', 'lichaam-en-gezondheid'], visibility: 'public' },
	{ title: 'Schulden en schaamte', opening: 'De brieven bleven dicht in een la. Ik schaamde me te erg. Pas toen iemand van de inloop zei dat zij dat ook had gehad, durfde ik ze open te maken.', themes: ['geld-en-schulden'], visibility: 'public', pseudonym: 'Lotus' },
	{ title: 'Mijn moeder mis ik elke dag', opening: 'Toen mijn moeder overleed, stopte alles. Ik at niet meer goed en sliep slecht. Rouw gaat niet over, heb ik geleerd. Het wordt wel anders.', themes: ['rouw', 'familie'], visibility: 'public' },
	{ title: 'Terug aan het werk, een beetje', opening: 'Twee ochtenden per week help ik in de kringloopwinkel. Het is geen grote baan. Maar ik ben er nodig, en dat voelt goed.', themes: ['werk-en-dagbesteding', 'hoop'], visibility: 'network' },
	{ title: 'Wat de opname met me deed', opening: 'De opname was zwaar. Ik voelde me niet gehoord. Het heeft lang geduurd voor ik daar rustig over kon praten.', themes: ['opname'], warnings: ['opname-en-dwang'], visibility: 'public', pseudonym: 'Regenboog' },
	{ title: 'Een eigen sleutel', opening: 'Na twee jaar beschermd wonen kreeg ik de sleutel van mijn eigen flat. Ik stond er een uur met de sleutel in mijn hand. Het was stil, en van mij.', themes: ['wonen', 'hoop'], visibility: 'public' },
	{ title: 'Vriendschap die bleef', opening: 'De meeste vrienden verdwenen toen het slecht ging. Eén vriendin bleef appen, ook als ik niet terugschreef. Zij is er nog steeds.', themes: ['vriendschap', 'relaties'], visibility: 'initiative' },
	{ title: 'Niet meer drinken', opening: 'Ik dronk om niet te voelen. Stoppen was het moeilijkste wat ik ooit deed. Nu voel ik weer alles, het mooie ook.', themes: ['lichaam-en-gezondheid', 'herstel'], warnings: ['verslaving'], visibility: 'public', pseudonym: 'Kompas' },
	{ title: 'Wie ben ik zonder diagnose?', opening: 'Jarenlang was ik mijn diagnose. Pas bij de herstelgroep vroeg iemand wat ik zelf leuk vond. Ik wist het niet meer. Nu weet ik het weer: tekenen.', themes: ['identiteit', 'zingeving'], visibility: 'network' },
	{ title: 'Zondagen zijn lang', opening: 'Doordeweeks lukt het wel. Maar de zondag is lang en stil. Sinds kort bel ik op zondag met iemand van de groep. Een kwartier is genoeg.', themes: ['eenzaamheid'], visibility: 'public' },
	{ title: 'Mijn broer en ik', opening: 'Mijn broer begreep niet wat er met me was. We hadden jaren geen contact. Vorig jaar stond hij ineens voor de deur met appeltaart.', themes: ['familie', 'relaties'], visibility: 'network', pseudonym: 'Zonnebloem' },
	{ title: 'Eten was een gevecht', opening: 'Eten was jarenlang een gevecht met mezelf. Ik schrijf hier niet over getallen. Wel over de eerste keer dat ik weer zonder angst een broodje at met een vriendin.', themes: ['lichaam-en-gezondheid'], warnings: ['eetproblemen'], visibility: 'public', pseudonym: 'Merel' },
	{ title: 'Vrijwilliger bij de voedselbank', opening: 'Eerst haalde ik er zelf een pakket. Nu sta ik er elke vrijdag achter de tafel. Ik weet hoe het voelt aan de andere kant.', themes: ['werk-en-dagbesteding', 'geld-en-schulden'], visibility: 'public' },
	{ title: 'Over de donkerste periode', opening: 'Er was een tijd dat ik niet meer wilde leven. Ik schrijf dit omdat het nu anders is. Ik heb hulp gevraagd, en die hulp kwam.', themes: ['hoop', 'herstel'], warnings: ['suicide'], visibility: 'public', pseudonym: 'Vuurtoren', review: true },
	{ title: 'Mijn tuin', opening: 'In de volkstuin hoef ik niets uit te leggen. De bonen groeien of ze groeien niet. Ik kom er elke dag, ook als het regent.', themes: ['zingeving', 'hoop'], visibility: 'network' },
	{ title: 'Verhuizen naar een nieuwe stad', opening: 'Ik kende niemand in de nieuwe stad. Via het buurthuis kwam ik bij het inloophuis terecht. Nu ken ik de bakker, de buurvrouw en twaalf mensen bij de koffie.', themes: ['wonen', 'eenzaamheid'], visibility: 'public' },
	{ title: 'Papa zijn op afstand', opening: 'Mijn kinderen wonen bij hun moeder. Ik zie ze om het weekend. Ik leer om in die dagen echt aanwezig te zijn, zonder telefoon.', themes: ['familie', 'relaties'], visibility: 'initiative', pseudonym: 'Beer' },
	{ title: 'Thuis was niet veilig', opening: 'Thuis was het niet veilig toen ik klein was. Lang dacht ik dat het mijn schuld was. In de groep hoorde ik voor het eerst: dat was het nooit.', themes: ['familie', 'identiteit'], warnings: ['geweld', 'misbruik'], visibility: 'network', pseudonym: 'Wilg' },
	{ title: 'Uit de schulden', opening: 'Vorige maand betaalde ik de laatste termijn. Ik heb een taart gekocht en die gedeeld op de inloop. Vier jaar heeft het geduurd.', themes: ['geld-en-schulden', 'hoop'], visibility: 'public' },
	{ title: 'Geloof en twijfel', opening: 'Mijn geloof gaf me houvast, en soms ook schuldgevoel. Ik zoek nu mijn eigen weg daarin. Praten met anderen die ook zoeken helpt.', themes: ['zingeving', 'identiteit'], visibility: 'network' },
	{ title: 'Uit huis gezet', opening: 'Ik ben een keer mijn huis uit gezet. Daarna sliep ik een tijd bij vrienden op de bank. Nu heb ik een kamer, klein maar van mij.', themes: ['wonen', 'geld-en-schulden'], visibility: 'public', pseudonym: 'Zwaluw', review: true },
	{ title: 'Mijn hond redde mijn dagen', opening: 'Mijn hond moet drie keer per dag naar buiten. Dus ik ook. Zonder hem was ik maandenlang binnen gebleven.', themes: ['hoop', 'lichaam-en-gezondheid'], visibility: 'public' },
	{ title: 'Uit de kast, ook bij de groep', opening: 'Ik vond het spannend om te vertellen dat ik op vrouwen val. Niemand keek raar op. Iemand zei alleen: fijn dat je het deelt.', themes: ['identiteit', 'relaties'], visibility: 'initiative', pseudonym: 'Iris' },
	{ title: 'Slapen leren', opening: 'Ik sliep jarenlang slecht. Nu heb ik een vast ritme: om tien uur thee, om elf uur licht uit. Het lukt niet altijd, wel vaker.', themes: ['lichaam-en-gezondheid'], visibility: 'network' },
	{ title: 'Na de kliniek', opening: 'Na de kliniek viel ik in een gat. Alle structuur was weg. De inloop gaf me weer een reden om op te staan.', themes: ['opname', 'herstel'], visibility: 'public', review: true },
	{ title: 'Ervaringsdeskundige worden', opening: 'Ik volg nu een opleiding tot ervaringsdeskundige. Wat ik heb meegemaakt, wordt zo iets waarmee ik een ander kan helpen.', themes: ['werk-en-dagbesteding', 'zingeving'], visibility: 'public' },
	{ title: 'Een nieuwe liefde', opening: 'Ik dacht dat niemand mij nog wilde, met alles wat ik meedraag. Toen ontmoette ik Sam bij de schildergroep. We doen het rustig aan.', themes: ['relaties', 'hoop'], visibility: 'network', pseudonym: 'Kraanvogel' },
	{ title: 'Krassen op mijn armen', opening: 'Ik heb mezelf lang pijn gedaan. De littekens zijn er nog. Ik schrijf over wat me hielp stoppen, niet over hoe het ging.', themes: ['lichaam-en-gezondheid', 'herstel'], warnings: ['zelfbeschadiging'], visibility: 'public', pseudonym: 'Sterre' },
	{ title: 'Mijn oma en haar breiwerk', opening: 'Mijn oma leerde me breien toen ik twaalf was. Nu brei ik sjaals voor de inloop. Bij elke steek denk ik even aan haar.', themes: ['rouw', 'familie'], visibility: 'public' },
	{ title: 'Stemmen horen', opening: 'Ik hoor al twintig jaar stemmen. Vroeger was ik er bang voor. Nu weet ik dat ik zelf bepaal hoeveel ruimte ze krijgen.', themes: ['identiteit', 'herstel'], visibility: 'network', pseudonym: 'Nachtegaal' },
	{ title: 'Koken voor twaalf', opening: 'Elke woensdag koken we met de groep. Ik dacht dat ik niet kon koken. Nu ben ik de soepmaker, en iedereen vraagt naar mijn recept.', themes: ['vriendschap', 'werk-en-dagbesteding'], visibility: 'public' },
	{ title: 'Alleen voor wie ik het stuur', opening: 'Dit verhaal schreef ik voor mijn zus. Ik wilde haar vertellen hoe het echt ging, zonder dat iedereen het leest.', themes: ['familie'], visibility: 'link' }
];

export const CLOSINGS = [
	'Wat me hielp? Mensen die niet meteen met oplossingen kwamen. Die gewoon bleven zitten.',
	'Het gaat niet elke dag goed. Maar ik weet nu dat een slechte dag ook weer voorbijgaat.',
	'Ik deel dit omdat ik vroeg dacht dat ik de enige was. Dat ben je niet.',
	'Kleine stappen, zegt mijn buurvrouw altijd. Ze heeft gelijk.',
	'Als je dit leest en het herkent: je mag het ook vertellen. Aan wie jij wilt.',
	'Ik ben er nog niet. Maar ik ben wel onderweg, en dat voelt anders dan vroeger.',
	'Soms helpt een kop koffie meer dan een gesprek. Soms is het andersom.',
	'Ik ben trots dat ik dit durf op te schrijven.'
];

/** The redactie's first synonyms (stories/synonyms.ts), each pair stored both ways as the list keeps them. */
export const SYNONYMS: [string, string][] = [
	['overspannen', 'burn out'],
	['opname', 'kliniek'],
	['somber', 'depressief'],
	['eenzaam', 'alleen'],
	['schulden', 'geldzorgen']
];

export const demoSynonyms = () => SYNONYMS.flatMap(([word, alternative]) => [{ word, alternative }, { word: alternative, alternative: word }]);

/** The stories, with ids made by `uuid`, written by members of the first initiatives; the first home's coordinator may check the waiting ones. */
export function demoStories(homes: DemoHome[], now: Date, uuid: () => string) {
	const writers = homes.slice(0, 3).flatMap((home) => home.members.slice(0, 5).map((userId) => ({ home, userId })));
	return (writers.length ? STORIES : []).map((s, i) => {
		const { home, userId } = writers[(i * 7) % writers.length];
		const body = `${s.opening}\n\n${CLOSINGS[i % CLOSINGS.length]}`;
		const createdAt = new Date(now.getTime() - (STORIES.length - i) * 20 * 3_600_000);
		const status = s.review ? ('review' as const) : ('published' as const);
		return {
			id: uuid(),
			writerId: userId,
			initiativeId: home.id,
			title: s.title,
			body,
			themes: s.themes,
			warnings: s.warnings ?? [],
			pseudonym: s.pseudonym ?? '',
			visibility: s.visibility ?? 'initiative',
			indexable: s.visibility === 'public' && i % 3 === 0,
			status,
			linkToken: randomBytes(32).toString('base64url'),
			consentImpact: i % 4 === 0,
			search: searchVector({ title: s.title, themes: s.themes, body }),
			publishedAt: status === 'published' ? createdAt : null,
			createdAt,
			updatedAt: createdAt
		};
	});
}

const NOTES = [
	'Wat herkenbaar, vooral dat eerste stapje naar binnen. Dank je voor het delen.',
	'Ik las dit twee keer. Zo voelde het bij mij ook. Goed dat je het opschreef.',
	'Dank je wel. Hierdoor durf ik volgende week ook te komen.',
	'Mooi geschreven. Ik hoop dat het je goed blijft gaan.',
	'Ik herken me hier zo in. Sterkte, en dank je.'
];

/**
 * Readers' "dit herken ik" on the published stories (other members of the
 * writer's initiative), and notes of recognition: most passed on by the
 * coordinator, the newest still waiting in the moderation room.
 */
export function demoStoryReactions(homes: DemoHome[], stories: ReturnType<typeof demoStories>, now: Date, uuid: () => string) {
	const recognitions: Array<typeof storyRecognition.$inferInsert> = [];
	const notes: Array<typeof storyNote.$inferInsert> = [];
	const log: Array<typeof moderationLog.$inferInsert> = [];
	const published = stories.filter((s) => s.status === 'published');
	published.forEach((s, i) => {
		const home = homes.find((h) => h.id === s.initiativeId)!;
		const readers = home.members.filter((m) => m !== s.writerId).slice(0, 1 + (i % 4));
		for (const userId of readers) recognitions.push({ storyId: s.id, userId, createdAt: new Date(s.createdAt.getTime() + 3_600_000) });
		if (i % 3 !== 0 || !readers.length) return;
		const waiting = notes.length === 4;
		const at = new Date(Math.min(now.getTime() - 3_600_000, s.createdAt.getTime() + 5 * 3_600_000));
		notes.push({ id: uuid(), storyId: s.id, giverId: readers[0], text: NOTES[notes.length % NOTES.length], status: waiting ? 'waiting' : 'delivered', createdAt: at, decidedAt: waiting ? null : at });
		if (!waiting) log.push({ initiativeId: home.id, actorId: home.coordinator, action: 'deliver', subjectKind: 'note', subjectUserId: readers[0], reason: '—', createdAt: at });
	});
	return { recognitions, notes, log };
}
