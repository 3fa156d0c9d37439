/** Realistic Dutch demo content: places, names and initiatives in their own words. */

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
	town: string;
	joinPolicy: 'open' | 'invite';
	description: string;
	/** Waits for the association's approval, so the admin has something to do. */
	pending?: boolean;
}

export const DEMO_INITIATIVES: DemoInitiative[] = [
	{
		slug: 'de-kroon-zwolle',
		name: 'De Kroon',
		town: 'Zwolle',
		joinPolicy: 'open',
		description:
			'De Kroon is een huiskamer in de binnenstad van Zwolle. Je kunt hier gewoon binnenlopen voor een kop koffie en een praatje.\n\nWe wandelen samen, koken op donderdag en maken muziek. Alles wordt gedaan door mensen die zelf weten hoe het is als het even niet gaat.'
	},
	{
		slug: 'het-anker-deventer',
		name: 'Het Anker',
		town: 'Deventer',
		joinPolicy: 'invite',
		description:
			'Bij Het Anker vind je rust en mensen die je begrijpen. We hebben een lotgenotengroep, een schrijfclub en een moestuin.\n\nNieuw? Kom eerst een keer kijken tijdens de inloop. Daarna krijg je een uitnodiging.'
	},
	{
		slug: 'herstelhuis-groningen',
		name: 'Herstelhuis Groningen',
		town: 'Groningen',
		joinPolicy: 'open',
		description:
			'Een plek van en voor Stadjers die werken aan hun herstel. We bieden een WRAP-cursus, creatieve middagen en een fietsclub.'
	},
	{
		slug: 'de-brug-utrecht',
		name: 'De Brug',
		town: 'Utrecht',
		joinPolicy: 'invite',
		description:
			'De Brug verbindt mensen. Je kunt hier ontdekken wat je leuk vindt en wat je goed kunt. Wij geloven dat iedereen iets te geven heeft.'
	},
	{
		slug: 'eigen-kracht-eindhoven',
		name: 'Eigen Kracht',
		town: 'Eindhoven',
		joinPolicy: 'open',
		description:
			'Eigen Kracht is een zelfregiecentrum voor jong en oud. We doen aan sport, theater en leren samen met de computer werken.'
	},
	{
		slug: 'het-open-huis-amsterdam',
		name: 'Het Open Huis',
		town: 'Amsterdam',
		joinPolicy: 'open',
		description:
			'In Amsterdam-Oost staat de deur van Het Open Huis elke dag open. Drink een kop thee, doe mee met de kookgroep of help mee in de werkplaats.'
	},
	{
		slug: 'de-verbinding-maastricht',
		name: 'De Verbinding',
		town: 'Maastricht',
		joinPolicy: 'invite',
		description:
			'Samen sterker in het zuiden. We organiseren ervaringsbijeenkomsten, wandelingen langs de Maas en een maandelijkse filmavond.'
	},
	{
		slug: 'zon-en-zee-den-helder',
		name: 'Zon en Zee',
		town: 'Den Helder',
		joinPolicy: 'open',
		description: 'Een klein initiatief aan de kust. Strandwandelingen, samen eten en een luisterend oor.'
	},
	{
		slug: 'nieuw-begin-almere',
		name: 'Nieuw Begin',
		town: 'Almere',
		joinPolicy: 'open',
		description: 'Wij starten net in Almere. Kom je helpen?',
		pending: true
	}
];
