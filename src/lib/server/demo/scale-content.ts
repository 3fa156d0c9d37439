/** Words for national-scale demo data (`scale.ts`): names, activity titles and sentences in plain Dutch. */

/** Initiative names are one of these plus the town: "De Huiskamer Zwolle". */
export const INITIATIVE_NAMES = [
	'De Huiskamer', 'Het Anker', 'De Brug', 'Eigen Kracht', 'Het Open Huis', 'De Verbinding', 'De Kroon', 'Herstelhuis',
	'De Stek', 'Het Baken', 'De Haven', 'Het Kompas', 'De Werkplaats', 'Lichtpunt', 'Zelfregiecentrum', 'Ontmoetingsplek',
	'De Vonk', 'Het Trefpunt', 'De Buurtkamer', 'Herstelacademie', 'De Wending', 'Het Lichtschip', 'De Moestuin', 'Samen Sterk'
];

export const STREETS = ['Kerkstraat', 'Dorpsstraat', 'Stationsweg', 'Molenweg', 'Schoolstraat', 'Julianastraat', 'Wilhelminastraat', 'Nieuwstraat', 'Markt', 'Parklaan', 'Beatrixlaan', 'Hoofdstraat'];

export const INITIATIVE_SENTENCES = [
	'Je kunt hier gewoon binnenlopen voor een kop koffie en een praatje.',
	'Alles wordt gedaan door mensen die zelf weten hoe het is als het even niet gaat.',
	'We wandelen samen, koken met elkaar en maken muziek.',
	'Nieuw? Kom eerst een keer kijken tijdens de inloop.',
	'Bij ons vind je rust en mensen die je begrijpen.',
	'We hebben een lotgenotengroep, een schrijfclub en een moestuin.',
	'Je hoeft niets te kunnen en niets te vertellen. Je bent welkom zoals je bent.',
	'Samen ontdekken we wat je leuk vindt en wat je goed kunt.',
	'Iedereen heeft iets te geven. Wie vandaag hulp vraagt, helpt morgen een ander.',
	'We werken samen met de gemeente en de wijkteams, maar we blijven van en voor onszelf.'
];

export const ACTIVITY_TITLES: Record<'ontmoeting' | 'ontdekking' | 'ontplooiing', string[]> = {
	ontmoeting: ['Inloop met koffie', 'Samen koken', 'Samen eten', 'Spelletjesmiddag', 'Wandelen in het park', 'Lotgenotengroep', 'Filmavond', 'Zondagsontbijt'],
	ontdekking: ['Schilderen en tekenen', 'Muziek maken', 'Werken in de moestuin', 'Fotografiewandeling', 'Theaterworkshop', 'Fietsclub', 'Yoga voor beginners', 'Schrijfclub'],
	ontplooiing: ['WRAP-cursus', 'Herstelwerkgroep', 'Leren werken met de computer', 'Je eigen verhaal vertellen', 'Training ervaringsdeskundigheid', 'Sollicitatiegroep', 'Omgaan met geld', 'Cursus herstellen doe je zelf']
};

export const ACTIVITY_SENTENCES = [
	'Iedereen is welkom, je hoeft je niet voor te bereiden.',
	'Neem gerust iemand mee.',
	'We beginnen met koffie en thee.',
	'Trek makkelijke schoenen aan.',
	'Materiaal is er, je hoeft niets mee te nemen.',
	'We sluiten samen af met een rondje: hoe was het vandaag?',
	'Het is gratis. Een vrijwillige bijdrage mag.',
	'Vind je het spannend? Bel of mail ons gerust van tevoren.'
];

export const ACTIVITY_PLACES = ['', '', '', 'In de grote zaal', 'In de tuin', 'Verzamelen bij de ingang van het park', 'In de keuken', 'Buurthuis om de hoek'];

/** Offers and requests (vraag & aanbod): titles per kind, and sentences for their text. */
export const EXCHANGE_TITLES = {
	offer: [
		'Ik help met formulieren', 'Samen koken', 'Meelopen naar een afspraak', 'Uitleg over je telefoon', 'Samen wandelen',
		'Kleine klusjes in huis', 'Oppassen op je huisdier', 'Samen boodschappen doen', 'Hulp bij de computer', 'Samen fietsen',
		'Ik lees graag voor', 'Hulp in de tuin', 'Samen naar de markt', 'Taalmaatje voor Nederlands', 'Breien en haken leren'
	],
	request: [
		'Wie loopt mee naar de huisarts?', 'Hulp bij mijn belastingaangifte', 'Wie helpt met verhuizen?', 'Gordijnen ophangen',
		'Iemand om mee te koken', 'Wie wil met mij wandelen?', 'Hulp met mijn nieuwe telefoon', 'Fiets repareren',
		'Wie kijkt naar een brief van de gemeente?', 'Samen opruimen', 'Iemand om mee te praten', 'Hulp bij solliciteren'
	]
} as const;

export const EXCHANGE_SENTENCES = [
	'Ik ben geen expert, wel geduldig.',
	'We spreken af op een plek die voor jou fijn is.',
	'Het kan overdag of in het weekend.',
	'Een uurtje is vaak al genoeg.',
	'Ik vind het fijn om iets voor een ander te doen.',
	'Alleen meelopen helpt mij al.',
	'Ik heb er zelf ook wat aan: het geeft mijn week structuur.',
	'Koffie staat klaar.',
	'Stuur me gerust een bericht als je vragen hebt.',
	'Ik ben er meestal op dinsdag en donderdag.'
];

/** Lines of messages in conversations about offers and requests. */
export const MESSAGE_LINES = [
	'Hoi! Ik zag je bericht. Kan ik je helpen?',
	'Wat fijn dat je reageert. Wanneer heb je tijd?',
	'Dinsdagmiddag kan ik wel. Past dat?',
	'Dat past goed. Zullen we om twee uur afspreken?',
	'Prima. Ik neem koffie mee.',
	'Dank je wel, ik zie je dan.',
	'Het lukte vandaag niet, kunnen we het verzetten?',
	'Geen probleem. Volgende week is ook goed.',
	'Ik vond het gezellig!',
	'Ik ook. Tot de volgende keer.',
	'Weet je waar de ingang is? Het is aan de zijkant.',
	'Ik ben er over vijf minuten.'
];
