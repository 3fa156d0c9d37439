import { periodName } from './output.ts';
import { lastQuarter, parsePeriod, periodChoices, periodQuery, type Period } from './period.ts';

/**
 * The period of a figures page from its address. An unreadable one falls
 * back to the last quarter, and the page says so (a 400 would leave the
 * coordinator without figures or a picker).
 */
export function pagePeriod(url: URL, now: Date = new Date()) {
	const asked = parsePeriod(url.searchParams, now);
	const period: Period = asked ?? lastQuarter(now);
	const choices = periodChoices(now);
	const named = (p: Period) => ({ key: p.key, name: periodName(p) });
	return {
		period,
		view: {
			key: period.key,
			kind: period.kind,
			firstMonth: period.firstMonth,
			lastMonth: period.lastMonth,
			name: periodName(period),
			query: periodQuery(period)
		},
		periodError: !asked,
		choices: { quarters: choices.quarters.map(named), years: choices.years.map(named) }
	};
}
