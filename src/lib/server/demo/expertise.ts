import type { ExpertiseAudience, ExpertiseForm, ExpertiseRegion, ExpertiseTheme } from '../expertise/schema.ts';
import { searchVector } from '../expertise/search.ts';
import type { DemoHome } from './activities.ts';

/*
 * Demo ervaringsdeskundigen: twelve published profiles across the country,
 * each from a member of an initiative in that part of the country, some
 * under a professional name, and three not (yet) published.
 */

export interface DemoExpert {
	/** Index of the initiative (demo/content.ts) the expert is a member of. */
	home: number;
	pseudonym?: string;
	themes: ExpertiseTheme[];
	ownThemes?: string;
	audiences: ExpertiseAudience[];
	forms: ExpertiseForm[];
	regions: ExpertiseRegion[];
	online?: boolean;
	availability: string;
	languages: string;
	training?: string;
	introduction: string;
	rates?: string;
	notAbout?: string;
	unpublished?: boolean;
}

export const EXPERTS: DemoExpert[] = [
	{
		home: 0,
		themes: ['herstel', 'eenzaamheid', 'zelfregie'],
		audiences: ['zorgprofessionals', 'studenten', 'wijkteams'],
		forms: ['gastles', 'training', 'herstelwerkgroep'],
		regions: ['overijssel', 'gelderland'],
		online: true,
		availability: 'Dinsdag en donderdag, overdag.',
		languages: 'Nederlands',
		training: 'Opleiding ervaringsdeskundige (mbo 4), 2021. Geregistreerd bij de beroepsvereniging.',
		introduction:
			'Na jaren van somberheid vond ik mijn weg terug via het inloophuis in Zwolle. Nu vertel ik studenten en hulpverleners wat herstel voor mij betekent: niet beter worden, maar weer meedoen op mijn manier.\n\nIk vertel eerlijk en rustig, en ik laat ruimte voor vragen. Mensen zeggen vaak dat ze daarna anders kijken naar hun eigen werk.',
		rates: '€ 85 per dagdeel, plus reiskosten.',
		notAbout: 'Mijn scheiding en de kinderen.'
	},
	{
		home: 2,
		pseudonym: 'Noorderlicht',
		themes: ['psychose', 'stigma', 'herstel'],
		audiences: ['studenten', 'zorgprofessionals', 'breed-publiek'],
		forms: ['lezing', 'gastles', 'panel'],
		regions: ['groningen', 'drenthe', 'friesland'],
		availability: 'Meestal op maandag en woensdag. Niet in juli.',
		languages: 'Nederlands, Engels, een beetje Gronings',
		introduction:
			'Ik heb twee psychoses meegemaakt en weet hoe het voelt als niemand je nog echt hoort. In mijn lezingen vertel ik wat mij hielp: mensen die bleven, en kleine dingen die ik zelf kon blijven doen.\n\nIk werk onder een beroepsnaam, zodat mijn verhaal van mij blijft.',
		notAbout: 'Details van de eerste opname. Mijn familie.'
	},
	{
		home: 3,
		themes: ['werk-en-meedoen', 'zelfregie'],
		ownThemes: 'Terugkeer naar werk na uitval',
		audiences: ['werkgevers', 'gemeenten'],
		forms: ['advies', 'beleid', 'training'],
		regions: ['utrecht', 'zuid-holland', 'noord-holland'],
		online: true,
		availability: 'Flexibel, het liefst met twee weken tijd vooraf.',
		languages: 'Nederlands, Engels',
		training: 'Post-hbo ervaringsdeskundigheid in zorg en welzijn. Eerder twaalf jaar HR-adviseur.',
		introduction:
			'Ik werkte als HR-adviseur tot ik zelf uitviel. Nu help ik werkgevers en gemeenten om terugkeer naar werk menselijker te maken. Ik ken beide kanten van de tafel.\n\nIk denk graag mee over beleid, en ik geef trainingen aan leidinggevenden.',
		rates: '€ 95 per uur voor advies; trainingen in overleg.',
		notAbout: 'Mijn oude werkgever bij naam.'
	},
	{
		home: 4,
		pseudonym: 'Vonk',
		themes: ['jongeren', 'angst', 'somberheid'],
		audiences: ['scholieren', 'studenten', 'naasten'],
		forms: ['gastles', 'interview', 'panel'],
		regions: ['noord-brabant', 'limburg'],
		online: true,
		availability: 'Na 15.00 uur en in schoolvakanties.',
		languages: 'Nederlands, Engels',
		introduction:
			'Ik ben 24 en had op de middelbare school veel last van angst. Ik geef gastlessen op scholen, zodat jongeren weten: je bent niet raar, en er is hulp die bij je past.\n\nIk houd het luchtig waar het kan, en serieus waar het moet.',
		rates: 'Vrijwilligersvergoeding is prima, plus reiskosten.',
		notAbout: 'Pesten op de basisschool.'
	},
	{
		home: 5,
		themes: ['verslaving', 'herstel', 'geld-en-schulden'],
		audiences: ['zorgprofessionals', 'wijkteams', 'lotgenoten'],
		forms: ['training', 'herstelwerkgroep', 'lezing'],
		regions: ['noord-holland', 'flevoland'],
		availability: 'Doordeweeks overdag, niet op vrijdag.',
		languages: 'Nederlands, Papiaments, Engels',
		training: 'Training herstelwerkgroepen begeleiden (2019). Cursus schuldhulpmaatje.',
		introduction:
			'Tien jaar geleden stopte ik met drinken, en ik heb me met kleine stappen uit de schulden gewerkt. Ik begeleid herstelwerkgroepen en train wijkteams in hoe je iemand aanspreekt zonder te oordelen.\n\nMijn Curaçaose achtergrond neem ik mee: schaamte zit soms ook in je cultuur.',
		rates: '€ 75 per dagdeel.',
		notAbout: 'Het jaar dat ik op straat leefde.'
	},
	{
		home: 6,
		themes: ['naasten', 'dwang-en-opname'],
		ownThemes: 'Ouder van een zoon met een psychische kwetsbaarheid',
		audiences: ['zorgprofessionals', 'naasten', 'gemeenten'],
		forms: ['lezing', 'beleid', 'panel'],
		regions: ['limburg'],
		online: true,
		availability: 'Op afspraak; liefst ’s middags.',
		languages: 'Nederlands, Limburgs, Duits',
		introduction:
			'Ik ben moeder, en ik weet hoe machteloos je je kunt voelen als je kind wordt opgenomen en niemand je iets vertelt. Ik vertel hulpverleners wat naasten nodig hebben, en ik denk mee in de cliënt- en familieraad.',
		notAbout: 'De diagnose van mijn zoon. Hij beslist zelf wat hij deelt.'
	},
	{
		home: 7,
		themes: ['eenzaamheid', 'wonen'],
		audiences: ['gemeenten', 'wijkteams', 'breed-publiek'],
		forms: ['interview', 'advies', 'beleid'],
		regions: ['noord-holland'],
		availability: 'Bijna altijd, maar ik reis met het ov.',
		languages: 'Nederlands',
		introduction:
			'Ik woon al dertig jaar in Den Helder en weet hoe stil het kan zijn als je niemand meer spreekt. Met de gemeente praat ik mee over wonen en eenzaamheid in de wijk. Ik kijk met de ogen van de bewoner.',
		rates: 'Reiskosten en een vrijwilligersvergoeding.',
		notAbout: 'Mijn gezondheid van dit moment.'
	},
	{
		home: 12,
		pseudonym: 'Wadloper',
		themes: ['trauma', 'herstel'],
		audiences: ['zorgprofessionals', 'studenten'],
		forms: ['training', 'gastles'],
		regions: ['friesland', 'groningen'],
		online: true,
		availability: 'Maandag tot en met donderdag.',
		languages: 'Nederlands, Fries',
		training: 'Opleiding ervaringsdeskundige in de GGZ (hbo-module), 2022.',
		introduction:
			'Trauma neemt veel ruimte in, ook jaren later. Ik vertel over herstel dat niet in een rechte lijn gaat. In trainingen oefen ik met hulpverleners hoe je veiligheid maakt in een gesprek.',
		rates: '€ 90 per dagdeel plus reistijd.',
		notAbout: 'Wat er in mijn jeugd gebeurde. Ik vertel wel over het herstel.'
	},
	{
		home: 15,
		themes: ['stigma', 'werk-en-meedoen', 'psychose'],
		audiences: ['werkgevers', 'studenten', 'breed-publiek'],
		forms: ['lezing', 'panel', 'interview'],
		regions: ['zuid-holland'],
		online: true,
		availability: 'Avonden en zaterdag.',
		languages: 'Nederlands, Turks, Engels',
		introduction:
			'Ik ben Rotterdammer, zoon van Turkse ouders, en ik hoor stemmen. Op mijn werk weet iedereen het inmiddels. Ik vertel graag hoe dat ging: wat het kostte, en wat het opleverde.\n\nIk spreek op congressen en in panels, en ik praat met journalisten die het goed willen doen.',
		notAbout: 'Mijn geloof.'
	},
	{
		home: 17,
		themes: ['somberheid', 'zelfregie', 'eenzaamheid'],
		audiences: ['wijkteams', 'lotgenoten', 'naasten'],
		forms: ['herstelwerkgroep', 'gastles'],
		regions: ['zeeland'],
		availability: 'Dinsdag en vrijdag.',
		languages: 'Nederlands, Zeeuws',
		introduction:
			'In Zeeland zijn de afstanden groot en de wachtlijsten lang. Ik begeleid een herstelwerkgroep in Middelburg en vertel in wijkteams wat je zelf kunt doen terwijl je wacht. Met een kop koffie erbij.',
		rates: 'Vrijwilligersvergoeding.',
		notAbout: 'Mijn ex-partner.'
	},
	{
		home: 18,
		pseudonym: 'De Brug',
		themes: ['suicidepreventie', 'naasten', 'herstel'],
		audiences: ['zorgprofessionals', 'naasten', 'gemeenten'],
		forms: ['training', 'lezing', 'beleid'],
		regions: ['noord-brabant', 'gelderland'],
		online: true,
		availability: 'Op afspraak, niet in het weekend.',
		languages: 'Nederlands',
		training: 'Train-de-trainer suïcidepreventie (2020).',
		introduction:
			'Ik heb een periode gehad waarin ik niet meer wilde leven. Nu geef ik trainingen over het gesprek erover: hoe je het vraagt, en hoe je blijft luisteren. Samen met een collega, want dit doe je niet alleen.',
		rates: '€ 110 per dagdeel, voorbereiding en nagesprek inbegrepen.',
		notAbout: 'Hoe het toen precies ging. Ik vertel over wat hielp.'
	},
	{
		home: 19,
		themes: ['geld-en-schulden', 'wonen', 'werk-en-meedoen'],
		audiences: ['gemeenten', 'wijkteams', 'werkgevers'],
		forms: ['advies', 'beleid', 'panel'],
		regions: ['gelderland', 'utrecht'],
		availability: 'Woensdag en donderdag.',
		languages: 'Nederlands, Arabisch',
		introduction:
			'Ik kwam als vluchteling naar Nijmegen, en de brieven van instanties waren voor mij een muur. Nu denk ik mee met gemeenten over brieven en regels die mensen wél begrijpen. Eenvoudig is niet dom.',
		rates: 'In overleg.',
		notAbout: 'De reis hierheen.'
	},
	{
		home: 1,
		themes: ['angst', 'herstel'],
		audiences: ['studenten'],
		forms: ['gastles'],
		regions: ['overijssel'],
		availability: 'Nog niet bekend.',
		languages: 'Nederlands',
		introduction: 'Ik ben nog aan het schrijven. Eerst mijn opleiding afmaken.',
		unpublished: true
	},
	{
		home: 13,
		pseudonym: 'Heide',
		themes: ['verslaving'],
		audiences: ['lotgenoten'],
		forms: ['herstelwerkgroep'],
		regions: ['drenthe'],
		availability: '',
		languages: 'Nederlands',
		introduction: '',
		notAbout: 'Alles over mijn vader.',
		unpublished: true
	},
	{
		home: 16,
		themes: ['stigma'],
		audiences: ['breed-publiek'],
		forms: ['interview'],
		regions: ['zuid-holland'],
		online: true,
		availability: 'Even niet: ik neem een pauze.',
		languages: 'Nederlands, Engels',
		introduction: 'Ik heb een tijd interviews gegeven. Ik neem nu even rust; mijn profiel staat daarom uit.',
		unpublished: true
	}
];

/** The profiles' rows for members of these homes (the last member of each); `nameOf` gives a member's display name. */
export function demoExperts(homes: DemoHome[], nameOf: (userId: string) => string, now: Date, uuid: () => string) {
	return EXPERTS.flatMap((e, i) => {
		const userId = homes[e.home]?.members.at(-1);
		if (!userId) return [];
		const { home: _home, unpublished, ...profile } = e;
		const text = { ownThemes: '', training: '', rates: '', notAbout: '', pseudonym: '', online: false, ...profile };
		const publishedAt = unpublished ? null : new Date(now.getTime() - (EXPERTS.length - i) * 36 * 3_600_000);
		return [
			{
				id: uuid(),
				userId,
				...text,
				search: searchVector({ ...text, name: text.pseudonym || nameOf(userId) }),
				publishedAt,
				createdAt: publishedAt ?? now,
				updatedAt: publishedAt ?? now
			}
		];
	});
}
