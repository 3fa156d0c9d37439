/**
 * Date and number formats in the reader's language, made once each.
 *
 * Making an Intl.DateTimeFormat or NumberFormat costs about a millisecond,
 * using one a few microseconds: pages that made one per date spent most of
 * their time here (see BENCHMARKS.md). Every page and service formats
 * through these two functions, so each format exists once per locale.
 */

/** Dutch as in the Netherlands; English as in Britain (day before month, 24-hour clock). */
export const localeTag = (locale: string) => (locale === 'en' ? 'en-GB' : 'nl-NL');

const made = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(kind: string, locale: string, options: object, make: (tag: string) => T): T {
	const key = `${kind}:${localeTag(locale)}:${JSON.stringify(options)}`;
	let format = made.get(key) as T | undefined;
	if (!format) made.set(key, (format = make(localeTag(locale))));
	return format;
}

export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	return cached('date', locale, options, (tag) => new Intl.DateTimeFormat(tag, options));
}

export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
	return cached('number', locale, options, (tag) => new Intl.NumberFormat(tag, options));
}

/** "€ 2,50", "€ 5": an amount in euro cents as the reader writes money (whole euros without cents). */
export function formatEuro(cents: number, locale: string): string {
	return numberFormat(locale, { style: 'currency', currency: 'EUR', minimumFractionDigits: cents % 100 ? 2 : 0 }).format(cents / 100);
}

const LONG_DATE: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' };

/** "3 maart 2025": a day as people write it, e.g. since when someone is a member. */
export function formatLongDate(date: Date, locale: string): string {
	return dateFormat(locale, LONG_DATE).format(date);
}

/** "juli 2026": a month given as "2026-07" (from the database's to_char). */
export function formatMonth(yearMonth: string, locale: string): string {
	return dateFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${yearMonth}-15T12:00:00Z`));
}
