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
