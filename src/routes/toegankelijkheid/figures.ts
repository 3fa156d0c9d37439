/**
 * The figures the accessibility statement quotes, counted by hand in this
 * repository on `countedOn` (not computed at build time). Recount with:
 *
 *   grep -o 'expectAccessible(' tests/e2e/*.spec.ts | wc -l      # axeChecks
 *   grep -l 'expectAccessible(' tests/e2e/*.spec.ts | wc -l       # specsWithAxe
 *   grep -l 'javaScriptEnabled: false\|JOURNEY_SCRIPTING' tests/e2e/*.spec.ts | wc -l   # withoutJavaScript
 *   grep -l "keyboard.press" tests/e2e/*.spec.ts | wc -l          # keyboardOnly
 */
export const FIGURES = {
	countedOn: '2026-12-05',
	/** Calls of expectAccessible (axe, WCAG 2.2 A and AA) in the browser tests; a call in a loop counts once. */
	axeChecks: 245,
	/** Browser test files that call axe. */
	specsWithAxe: 28,
	/** Browser test files that run with JavaScript switched off. */
	withoutJavaScript: 23,
	/** Browser test files that work a page with the keyboard alone. */
	keyboardOnly: 2
} as const;

/** When the known problems are to be fixed (`YYYY-MM-DD`). */
export const FIX_BY = {
	html: '2027-02-01',
	map: '2027-02-01',
	keyboard: '2027-03-01',
	signedIn: '2027-04-01',
	audit: '2027-07-01'
} as const;
