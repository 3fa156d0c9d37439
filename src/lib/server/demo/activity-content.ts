/** Demo activities in plain Dutch: what initiatives really do, per theme. */
import type { Accessibility, Theme } from '../initiatives/schema.ts';

export interface DemoActivity {
	title: string;
	kind: 'ontmoeting' | 'ontdekking' | 'ontplooiing';
	description: string;
	/** Start time (Amsterdam) and length. */
	time: string;
	minutes: number;
	repeat: 'weekly' | 'biweekly' | 'monthly' | 'once';
	/** Empty: at the initiative itself. */
	place?: string;
	/** A meeting link: the activity is online (shown only to people who signed up). */
	online?: boolean;
	/** Cost per person in cents; most are free. */
	costCents?: number;
	capacity?: number;
	visibility?: 'public' | 'network' | 'members';
	accessibility?: Accessibility[];
	bring?: string;
}

/**
 * One or two activities per theme. An initiative gets the first of each of
 * its themes, the bigger ones the second as well.
 */
export const DEMO_ACTIVITIES: Record<Theme, DemoActivity[]> = {
	inloop: [
		{ title: 'Inloop met koffie', kind: 'ontmoeting', time: '10:00', minutes: 180, repeat: 'weekly', description: 'Loop binnen wanneer je wilt. De koffie staat klaar en er is altijd iemand om mee te praten.' },
		{ title: 'Zondagsontbijt', kind: 'ontmoeting', time: '10:00', minutes: 120, repeat: 'monthly', costCents: 200, capacity: 14, description: 'Samen ontbijten met verse broodjes. Een euro of twee voor de boodschappen.' }
	],
	lotgenotengroep: [
		{ title: 'Lotgenotenavond', kind: 'ontmoeting', time: '19:30', minutes: 90, repeat: 'biweekly', capacity: 12, description: 'Een open avond om ervaringen te delen. Nieuw? Je bent welkom; je hoeft niets te vertellen.' },
		{ title: 'Lotgenotengroep (vaste groep)', kind: 'ontmoeting', time: '19:30', minutes: 90, repeat: 'weekly', visibility: 'members', capacity: 10, description: 'We delen ervaringen in een kleine, vaste groep. Wat hier gezegd wordt, blijft hier.' }
	],
	wandelen: [
		{ title: 'Samen wandelen', kind: 'ontmoeting', time: '13:30', minutes: 90, repeat: 'weekly', place: 'Verzamelen bij de ingang van het park', description: 'Een rustige wandeling van een uur. Je loopt mee in je eigen tempo.', bring: 'Makkelijke schoenen en een regenjas.' },
		{ title: 'Stiltewandeling', kind: 'ontdekking', time: '09:30', minutes: 90, repeat: 'monthly', place: 'Parkeerplaats bij het bos', accessibility: ['prikkelarm'], description: 'We wandelen een uur zonder te praten en drinken daarna samen thee.' }
	],
	'sport-en-bewegen': [
		{ title: 'Yoga voor beginners', kind: 'ontdekking', time: '10:30', minutes: 60, repeat: 'weekly', costCents: 100, capacity: 12, description: 'Rustige oefeningen voor lijf en hoofd. Je hoeft niets te kunnen.', bring: 'Makkelijke kleren. Matjes zijn er.' },
		{ title: 'Fietsclub', kind: 'ontmoeting', time: '14:00', minutes: 120, repeat: 'biweekly', place: 'Verzamelen bij het station', description: 'Een tocht van een uur of twee, met een stop voor koffie.', bring: 'Een fiets en een bidon.' }
	],
	creatief: [
		{ title: 'Schilderen en tekenen', kind: 'ontdekking', time: '13:30', minutes: 150, repeat: 'weekly', costCents: 200, capacity: 8, description: 'Materiaal is er. Je maakt wat je wilt, of doet mee met de opdracht van die week.' },
		{ title: 'Open atelier', kind: 'ontdekking', time: '19:00', minutes: 120, repeat: 'biweekly', description: 'Werk aan je eigen project, naast anderen. Koffie en thee staan klaar.' }
	],
	muziek: [
		{ title: 'Muziek maken', kind: 'ontdekking', time: '19:30', minutes: 120, repeat: 'weekly', capacity: 12, description: 'Zingen, gitaar, trommels: iedereen doet mee op zijn eigen manier.' },
		{ title: 'Open podium', kind: 'ontplooiing', time: '20:00', minutes: 120, repeat: 'once', visibility: 'public', description: 'Laat horen of zien wat je maakt: een lied, een gedicht, een verhaal. Publiek is welkom.' }
	],
	koken: [
		{ title: 'Samen koken en eten', kind: 'ontmoeting', time: '17:00', minutes: 150, repeat: 'weekly', costCents: 300, capacity: 10, description: 'We koken met elkaar en eten daarna samen. Drie euro voor de boodschappen.' },
		{ title: 'Soep van de dag', kind: 'ontmoeting', time: '12:00', minutes: 90, repeat: 'biweekly', costCents: 100, description: 'Verse soep en een broodje, voor een euro.' }
	],
	'natuur-en-tuin': [
		{ title: 'Werken in de moestuin', kind: 'ontdekking', time: '10:00', minutes: 150, repeat: 'weekly', place: 'De moestuin achter het buurthuis', description: 'Zaaien, wieden en oogsten. Wat we oogsten, nemen we mee.', bring: 'Kleren die vies mogen worden.' }
	],
	herstelcursus: [
		{ title: 'WRAP-cursus', kind: 'ontplooiing', time: '13:30', minutes: 150, repeat: 'weekly', costCents: 500, capacity: 12, description: 'In acht bijeenkomsten maak je je eigen herstelplan. Vijf euro per keer, koffie inbegrepen.', bring: 'Een schrift en een pen.' },
		{ title: 'Herstellen doe je zelf (online)', kind: 'ontplooiing', time: '19:30', minutes: 90, repeat: 'weekly', online: true, capacity: 10, description: 'De cursus Herstellen doe je zelf, via een videoverbinding.' }
	],
	'werk-en-dagbesteding': [
		{ title: 'Werkplaats: fietsen maken', kind: 'ontplooiing', time: '09:30', minutes: 180, repeat: 'weekly', capacity: 6, description: 'Samen opgeknapte fietsen klaarmaken. Je leert het vak gaandeweg.' },
		{ title: 'Sollicitatiegroep', kind: 'ontplooiing', time: '14:00', minutes: 90, repeat: 'biweekly', capacity: 8, visibility: 'network', description: 'We helpen elkaar met brieven, gesprekken en de moed om het te proberen.' }
	],
	scholing: [
		{ title: 'Leren werken met de computer', kind: 'ontplooiing', time: '10:00', minutes: 120, repeat: 'weekly', capacity: 8, description: 'E-mail, DigiD, foto’s: stap voor stap, zonder haast.' },
		{ title: 'Omgaan met geld (online)', kind: 'ontplooiing', time: '19:30', minutes: 90, repeat: 'monthly', online: true, description: 'Tips over geld en post, via een videoverbinding. Vragen stellen mag altijd.' }
	],
	jongeren: [
		{ title: 'Jongerenavond', kind: 'ontmoeting', time: '19:00', minutes: 150, repeat: 'weekly', description: 'Voor jongeren tot 27: chillen, gamen, praten. Niets moet.' }
	],
	ervaringsdeskundigheid: [
		{ title: 'Je eigen verhaal vertellen', kind: 'ontplooiing', time: '13:30', minutes: 120, repeat: 'biweekly', capacity: 10, description: 'Hoe vertel je jouw verhaal zo dat het een ander helpt? We oefenen met elkaar.' },
		{ title: 'Intervisie ervaringsdeskundigen (online)', kind: 'ontplooiing', time: '19:30', minutes: 90, repeat: 'monthly', online: true, visibility: 'network', description: 'Ervaringsdeskundigen uit het hele netwerk bespreken samen wat ze tegenkomen.' }
	]
};
