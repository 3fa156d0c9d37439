import { getLocale } from '../../paraglide/runtime.js';
import { dayKey } from '../activities/time.ts';
import { periodName } from './output.ts';
import { lastQuarter, parsePeriod, periodChoices, periodQuery, type Period } from './period.ts';

type Choices = { quarters: Array<{ key: string; name: string }>; years: Array<{ key: string; name: string }> };

/** The picker's choices change once a day (Amsterdam): worked out once per day and language, not on every page. */
const choicesByLocale = new Map<string, { day: string; choices: Choices }>();

function choicesOn(now: Date): Choices {
	const locale = getLocale();
	const day = dayKey(now);
	const kept = choicesByLocale.get(locale);
	if (kept?.day === day) return kept.choices;
	const all = periodChoices(now);
	const named = (p: Period) => ({ key: p.key, name: periodName(p, locale) });
	const choices = { quarters: all.quarters.map(named), years: all.years.map(named) };
	choicesByLocale.set(locale, { day, choices });
	return choices;
}

/**
 * The period of a figures page from its address. An unreadable one falls
 * back to the last quarter, and the page says so (a 400 would leave the
 * coordinator without figures or a picker).
 */
export function pagePeriod(url: URL, now: Date = new Date()) {
	const asked = parsePeriod(url.searchParams, now);
	const period: Period = asked ?? lastQuarter(now);
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
		choices: choicesOn(now)
	};
}
