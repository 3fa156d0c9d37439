/** What a button on an activity's page answers; one shape for every action, read by the page. */
export interface Outcome {
	error?: string;
	signedUp?: 'confirmed' | 'waitlist';
	signedOff?: boolean;
	cancelled?: boolean;
	dateCancelled?: boolean;
	dateRestored?: boolean;
	dateMoved?: boolean;
	approved?: boolean;
	coHostAdded?: boolean;
	coHostRemoved?: boolean;
	turnoutSaved?: boolean;
	errors?: Record<string, string>;
	values?: Record<string, string>;
	/** "Aanmelden zonder account": the link was mailed, or what was wrong with the form. */
	guest?: { sent?: boolean; errors?: Record<string, string>; values?: Record<string, string> };
	/** "Laat anderen mijn naam zien" was saved. */
	nameSaved?: boolean;
}
