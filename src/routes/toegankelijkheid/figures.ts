/**
 * The figures the accessibility statement quotes, counted in this repository's
 * browser tests on `countedOn`; figures.test.ts recounts them and fails when
 * they no longer match.
 */
export const FIGURES = {
	countedOn: '2026-12-05',
	/** Calls of expectAccessible (axe, WCAG 2.2 A and AA) in the browser tests; a call in a loop counts once. */
	axeChecks: 256,
	/** Browser test files that call axe. */
	specsWithAxe: 28,
	/** Browser test files that run with JavaScript switched off. */
	withoutJavaScript: 23,
	/** Browser test files that work a page with the keyboard alone. */
	keyboardOnly: 2
} as const;

/** When the known problems are to be fixed (`YYYY-MM-DD`). */
export const FIX_BY = {
	keyboard: '2027-03-01',
	signedIn: '2027-04-01',
	audit: '2027-07-01'
} as const;
