/** Realistic Dutch demo content: places, names and initiatives in their own words. */

import type { Accessibility, Theme } from '../initiatives/schema.ts';

export const DEMO_PASSWORD = 'demo-herstelplein';

export const FIRST_NAMES = [
	'Anna', 'Bram', 'Cor', 'Dewi', 'Eva', 'Fatima', 'Gert', 'Hanneke', 'Ilse', 'Jeroen', 'Karin', 'Lotte', 'Mohammed', 'Noor',
	'Oscar', 'Petra', 'Rik', 'Sanne', 'Tom', 'Umut', 'Vera', 'Wim', 'Yara', 'Zeynep', 'Anouk', 'Bas', 'Charlotte', 'Daan',
	'Els', 'Fleur', 'Gijs', 'Hester', 'Ivo', 'Joke', 'Kees', 'Lieke', 'Marco', 'Nina', 'Otto', 'Priya', 'Ruud', 'Sophie',
	'Teun', 'Ursula', 'Vincent', 'Willemijn', 'Xander', 'Yvonne', 'Ahmed', 'Berend', 'Carla', 'Dirk', 'Emma', 'Freek'
];

/** Some people prefer a nickname or a pseudonym: that is fine. */
export const PSEUDONYMS = ['Zonnetje', 'Wandelaar', 'Merel', 'De Tuinman', 'Kompas', 'Vlinder', 'Boekenwurm', 'Lichtpuntje'];

export interface DemoInitiative {
	slug: string;
	name: string;
	/** As people write it; also the name looked up in the offline table of places for coordinates. */
	town: string;
	joinPolicy: 'open' | 'invite';
	description: string;
	address: string;
	postcode: string;
	/** Metres east and north of the town's centre, so initiatives in one town do not sit on top of each other. */
	offset: [number, number];
	themes: Theme[];
	accessibility: Accessibility[];
	/** Walk-in hours (inloop): weekday 1 = Monday … 7 = Sunday. */
	hours: Array<[weekday: number, opensAt: string, closesAt: string]>;
	phone?: string;
	website?: string;
	/** Open on public holidays too (most close). */
	openOnHolidays?: boolean;
	/** A closure (e.g. summer holidays): days from the day the demo is made, both included. */
	closure?: { fromDay: number; toDay: number; note: string };
	/** Waits for the association's approval, so the admin has something to do. */
	pending?: boolean;
	/** People without an account may sign up for its public activities. */
	guestSignups?: boolean;
}

/** The same hours on several weekdays. */
const on = (days: number[], opensAt: string, closesAt: string): DemoInitiative['hours'] => days.map((d) => [d, opensAt, closesAt]);
const WEEKDAYS = [1, 2, 3, 4, 5];

/**
 * Initiatives in every province. Around Zwolle there are several close together
 * (Zwolle, Hattem, Dalfsen, Kampen within 25 km; Deventer just outside), so a
 * search near Zwolle shows what a real region looks like.
 */
export const DEMO_INITIATIVES: DemoInitiative[] = [
	{
		slug: 'de-kroon-zwolle',
		name: 'De Kroon',
		town: 'Zwolle',
		joinPolicy: 'open',
		guestSignups: true,
		description:
			'De Kroon is een huiskamer in de binnenstad van Zwolle. Je kunt hier gewoon binnenlopen voor een kop koffie en een praatje.\n\nWe wandelen samen, koken op donderdag en maken muziek. Alles wordt gedaan door mensen die zelf weten hoe het is als het even niet gaat.',
		address: 'Kamperstraat 12',
		postcode: '8011 LK',
		offset: [-300, 250],
		themes: ['inloop', 'wandelen', 'koken', 'muziek'],
		accessibility: ['rolstoeltoegankelijk', 'invalidentoilet', 'ov-dichtbij', 'gratis'],
		hours: [...on(WEEKDAYS, '10:00', '16:00'), [6, '11:00', '15:00']],
		phone: '038 123 45 67',
		website: 'https://dekroon.example.nl'
	},
	{
		slug: 'het-anker-deventer',
		name: 'Het Anker',
		town: 'Deventer',
		joinPolicy: 'invite',
		description:
			'Bij Het Anker vind je rust en mensen die je begrijpen. We hebben een lotgenotengroep, een schrijfclub en een moestuin.\n\nNieuw? Kom eerst een keer kijken tijdens de inloop. Daarna krijg je een uitnodiging.',
		address: 'Brink 40',
		postcode: '7411 BV',
		offset: [150, -100],
		themes: ['inloop', 'lotgenotengroep', 'natuur-en-tuin', 'creatief'],
		accessibility: ['prikkelarm', 'gratis'],
		hours: on([2, 4], '13:00', '17:00'),
		closure: { fromDay: 20, toDay: 34, note: 'Zomersluiting: de moestuin gaat even op slot.' }
	},
	{
		slug: 'herstelhuis-groningen',
		name: 'Herstelhuis Groningen',
		town: 'Groningen',
		joinPolicy: 'open',
		guestSignups: true,
		description:
			'Een plek van en voor Stadjers die werken aan hun herstel. We bieden een WRAP-cursus, creatieve middagen en een fietsclub.',
		address: 'Oosterstraat 21',
		postcode: '9711 NR',
		offset: [200, -150],
		themes: ['herstelcursus', 'creatief', 'sport-en-bewegen'],
		accessibility: ['rolstoeltoegankelijk', 'ov-dichtbij'],
		hours: on([1, 3, 5], '09:30', '15:30'),
		website: 'https://herstelhuis-groningen.example.nl'
	},
	{
		slug: 'de-brug-utrecht',
		name: 'De Brug',
		town: 'Utrecht',
		joinPolicy: 'invite',
		description:
			'De Brug verbindt mensen. Je kunt hier ontdekken wat je leuk vindt en wat je goed kunt. Wij geloven dat iedereen iets te geven heeft.',
		address: 'Twijnstraat 8',
		postcode: '3511 ZH',
		offset: [100, -400],
		themes: ['ervaringsdeskundigheid', 'werk-en-dagbesteding', 'scholing'],
		accessibility: ['ov-dichtbij', 'gratis'],
		hours: on([2, 3, 4], '10:00', '15:00')
	},
	{
		slug: 'eigen-kracht-eindhoven',
		name: 'Eigen Kracht',
		town: 'Eindhoven',
		joinPolicy: 'open',
		guestSignups: true,
		description:
			'Eigen Kracht is een zelfregiecentrum voor jong en oud. We doen aan sport, theater en leren samen met de computer werken.',
		address: 'Kruisstraat 55',
		postcode: '5612 CE',
		offset: [-200, 600],
		themes: ['sport-en-bewegen', 'creatief', 'scholing', 'jongeren'],
		accessibility: ['rolstoeltoegankelijk', 'invalidentoilet', 'gratis'],
		hours: [...on(WEEKDAYS, '09:00', '17:00'), [7, '12:00', '16:00']],
		openOnHolidays: true,
		phone: '040 765 43 21'
	},
	{
		slug: 'het-open-huis-amsterdam',
		name: 'Het Open Huis',
		town: 'Amsterdam',
		joinPolicy: 'open',
		description:
			'In Amsterdam-Oost staat de deur van Het Open Huis elke dag open. Drink een kop thee, doe mee met de kookgroep of help mee in de werkplaats.',
		address: 'Eerste van Swindenstraat 90',
		postcode: '1093 GA',
		offset: [2800, -700],
		themes: ['inloop', 'koken', 'werk-en-dagbesteding'],
		accessibility: ['rolstoeltoegankelijk', 'ov-dichtbij', 'gratis'],
		hours: on([1, 2, 3, 4, 5, 6, 7], '10:00', '17:00'),
		openOnHolidays: true
	},
	{
		slug: 'de-verbinding-maastricht',
		name: 'De Verbinding',
		town: 'Maastricht',
		joinPolicy: 'invite',
		description:
			'Samen sterker in het zuiden. We organiseren ervaringsbijeenkomsten, wandelingen langs de Maas en een maandelijkse filmavond.',
		address: 'Boschstraat 17',
		postcode: '6211 AS',
		offset: [-100, 500],
		themes: ['lotgenotengroep', 'wandelen', 'ervaringsdeskundigheid'],
		accessibility: ['prikkelarm'],
		hours: on([3], '13:00', '16:00')
	},
	{
		slug: 'zon-en-zee-den-helder',
		name: 'Zon en Zee',
		town: 'Den Helder',
		joinPolicy: 'open',
		description: 'Een klein initiatief aan de kust. Strandwandelingen, samen eten en een luisterend oor.',
		address: 'Spoorstraat 3',
		postcode: '1781 JA',
		offset: [0, 0],
		themes: ['wandelen', 'koken', 'natuur-en-tuin'],
		accessibility: ['gratis'],
		hours: on([2, 5], '10:00', '14:00')
	},
	{
		slug: 'nieuw-begin-almere',
		name: 'Nieuw Begin',
		town: 'Almere',
		joinPolicy: 'open',
		description: 'Wij starten net in Almere. Kom je helpen?',
		address: 'Stadhuisplein 1',
		postcode: '1315 HR',
		offset: [0, 0],
		themes: ['inloop'],
		accessibility: [],
		hours: [],
		pending: true
	},
	{
		slug: 'de-hanze-kampen',
		name: 'De Hanze',
		town: 'Kampen',
		joinPolicy: 'open',
		description:
			'Aan de IJssel in Kampen drinken we koffie, schilderen we en werken we in de buurttuin. Iedereen mag aanschuiven.',
		address: 'Oudestraat 101',
		postcode: '8261 CK',
		offset: [250, 0],
		themes: ['inloop', 'creatief', 'natuur-en-tuin'],
		accessibility: ['prikkelarm', 'invalidentoilet', 'gratis'],
		hours: on([1, 3], '13:30', '16:30')
	},
	{
		slug: 'vecht-en-zo-dalfsen',
		name: 'Vecht en Zo',
		town: 'Dalfsen',
		joinPolicy: 'invite',
		description: 'Een kleine, rustige groep in Dalfsen. We wandelen langs de Vecht en praten over wat ons helpt.',
		address: 'Prinsenstraat 5',
		postcode: '7721 AK',
		offset: [-150, 100],
		themes: ['wandelen', 'lotgenotengroep'],
		accessibility: ['prikkelarm', 'gratis'],
		hours: on([4], '10:00', '12:00')
	},
	{
		slug: 'het-veerhuis-hattem',
		name: 'Het Veerhuis',
		town: 'Hattem',
		joinPolicy: 'open',
		description:
			'Het Veerhuis is een werkplaats en ontmoetingsplek. Je kunt hier meedoen met hout bewerken, fietsen repareren of gewoon een bakje koffie drinken.',
		address: 'Kerkhofstraat 14',
		postcode: '8051 GG',
		offset: [0, 150],
		themes: ['werk-en-dagbesteding', 'inloop', 'jongeren'],
		accessibility: ['rolstoeltoegankelijk', 'gratis'],
		hours: on([2, 3, 4, 5], '09:00', '16:00')
	},
	{
		slug: 'onder-de-toren-leeuwarden',
		name: 'Onder de Toren',
		town: 'Leeuwarden',
		joinPolicy: 'open',
		description: 'Bij de Oldehove komen we samen voor muziek, theater en een goed gesprek. Praat je liever Fries? Dat kan hier ook.',
		address: 'Oldehoofsterkerkhof 9',
		postcode: '8911 DH',
		offset: [-400, 200],
		themes: ['muziek', 'creatief', 'inloop'],
		accessibility: ['ov-dichtbij'],
		hours: on([1, 4], '14:00', '20:00')
	},
	{
		slug: 'de-brink-assen',
		name: 'De Brink',
		town: 'Assen',
		joinPolicy: 'invite',
		description: 'In Assen leren we van elkaar in herstelgroepen. Ook voor mensen die zelf ervaringsdeskundige willen worden.',
		address: 'Brink 2',
		postcode: '9401 HS',
		offset: [100, 0],
		themes: ['herstelcursus', 'ervaringsdeskundigheid', 'scholing'],
		accessibility: ['rolstoeltoegankelijk', 'invalidentoilet'],
		hours: on([2], '10:00', '15:00')
	},
	{
		slug: 'polderkracht-lelystad',
		name: 'Polderkracht',
		town: 'Lelystad',
		joinPolicy: 'open',
		description: 'Sporten, samen eten en een zinvolle dag: Polderkracht is er voor iedereen die weer mee wil doen.',
		address: 'Agorahof 20',
		postcode: '8224 JT',
		offset: [0, -200],
		themes: ['sport-en-bewegen', 'koken', 'werk-en-dagbesteding'],
		accessibility: ['rolstoeltoegankelijk', 'ov-dichtbij', 'gratis'],
		hours: on(WEEKDAYS, '09:30', '15:00')
	},
	{
		slug: 'de-haven-rotterdam',
		name: 'De Haven',
		town: 'Rotterdam',
		joinPolicy: 'open',
		description:
			'Een warme haven in Rotterdam-Zuid. Er is altijd koffie, er zijn lotgenotengroepen en je kunt bij ons je verhaal kwijt.',
		address: 'Beijerlandselaan 60',
		postcode: '3074 EK',
		offset: [1200, -2500],
		themes: ['inloop', 'lotgenotengroep', 'jongeren'],
		accessibility: ['prikkelarm', 'ov-dichtbij', 'gratis'],
		hours: [...on([1, 2, 4, 5], '10:00', '16:00'), [3, '18:00', '21:00']]
	},
	{
		slug: 'duinzicht-den-haag',
		name: 'Duinzicht',
		town: 'Den Haag',
		joinPolicy: 'invite',
		description: 'Duinzicht is een prikkelarme plek in Den Haag, met stilte-uren, een leesclub en wandelingen door de duinen.',
		address: 'Fahrenheitstraat 500',
		postcode: '2561 DN',
		offset: [-1500, 800],
		themes: ['wandelen', 'natuur-en-tuin', 'lotgenotengroep'],
		accessibility: ['prikkelarm', 'rolstoeltoegankelijk'],
		hours: on([1, 3], '10:00', '13:00')
	},
	{
		slug: 'de-walcheren-middelburg',
		name: 'Walcheren Samen',
		town: 'Middelburg',
		joinPolicy: 'open',
		description: 'Op Walcheren doen we het samen: een moestuin, een kookclub en elke maand een herstelcafé.',
		address: 'Lange Noordstraat 30',
		postcode: '4331 CE',
		offset: [0, 100],
		themes: ['natuur-en-tuin', 'koken', 'inloop'],
		accessibility: ['gratis'],
		hours: on([2, 6], '11:00', '15:00')
	},
	{
		slug: 'de-zandloper-den-bosch',
		name: 'De Zandloper',
		town: "'s-Hertogenbosch",
		joinPolicy: 'open',
		description: 'In Den Bosch werken we aan ons herstel met creatieve workshops, muziek en een wekelijkse WRAP-groep.',
		address: 'Hinthamerstraat 150',
		postcode: '5211 MS',
		offset: [500, 0],
		themes: ['creatief', 'muziek', 'herstelcursus'],
		accessibility: ['rolstoeltoegankelijk', 'invalidentoilet', 'ov-dichtbij'],
		hours: on([1, 2, 3, 4], '13:00', '17:00')
	},
	{
		slug: 'de-waalkade-nijmegen',
		name: 'De Waalkade',
		town: 'Nijmegen',
		joinPolicy: 'open',
		description: 'Jongeren en volwassenen vinden elkaar bij De Waalkade: voor sport, studie en een plek waar je mag zijn wie je bent.',
		address: 'Waalkade 73',
		postcode: '6511 XR',
		offset: [300, 700],
		themes: ['jongeren', 'sport-en-bewegen', 'scholing'],
		accessibility: ['ov-dichtbij', 'gratis'],
		hours: on([3, 5], '15:00', '21:00')
	}
];
