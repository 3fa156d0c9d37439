import { z } from 'zod';
import { findPlace } from '../directory/places.ts';
import { cleanFields } from '../http/forms.ts';
import { ACCESSIBILITY, THEMES, type Accessibility, type Theme } from './schema.ts';

/**
 * The coordinator's profile form: what the initiative says about itself and
 * its walk-in hours, checked in one go. Error texts are message keys
 * (messages/profile/*.json); the route translates them.
 */

/** Up to two walk-in periods per weekday (morning and evening). */
export const PERIODS_PER_DAY = 2;
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** Field names of one period in the form: `hours_<weekday>_<n>_from` / `_to`. */
export const hourField = (weekday: number, n: number, end: 'from' | 'to') => `hours_${weekday}_${n}_${end}`;
/** Field name of the tick "the same times as Monday" on another weekday. */
export const sameAsMondayField = (weekday: number) => `hours_${weekday}_same`;

export interface ProfileInput {
	name: string;
	description: string;
	address: string;
	postcode: string;
	town: string;
	latitude: number;
	longitude: number;
	themes: Theme[];
	accessibility: Accessibility[];
	phone: string;
	website: string;
	closedOnHolidays: boolean;
	hours: { weekday: number; opensAt: string; closesAt: string }[];
}

export type ProfileParse =
	| { ok: true; data: ProfileInput }
	| { ok: false; errors: Record<string, { key: string; params?: Record<string, string> }> };

const POSTCODE = /^([1-9][0-9]{3})\s*([A-Za-z]{2})$/;
const TIME = /^([01][0-9]|2[0-3]):([0-5][0-9])$/;

/** `1234ab` → `1234 AB`; undefined when it is not a Dutch postcode. */
export function normalisePostcode(text: string): string | undefined {
	const match = POSTCODE.exec(text.trim());
	return match ? `${match[1]} ${match[2].toUpperCase()}` : undefined;
}

/** A website address people can follow: http(s) only, normalised; `www.x.nl` gets `https://`. */
export function normaliseWebsite(text: string): string | undefined {
	const trimmed = text.trim();
	if (!trimmed) return '';
	const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
	try {
		const url = new URL(withScheme);
		if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
		if (!url.hostname.includes('.') || url.username || url.password) return undefined;
		return url.href;
	} catch {
		return undefined;
	}
}

/** A phone number as people write it: digits, spaces, +, -, ( and ); at least 6 digits. */
export function normalisePhone(text: string): string | undefined {
	const trimmed = text.trim().replace(/\s+/g, ' ');
	if (!trimmed) return '';
	if (!/^\+?[0-9 ()-]{6,20}$/.test(trimmed)) return undefined;
	return (trimmed.match(/[0-9]/g)?.length ?? 0) >= 6 ? trimmed : undefined;
}

const text = (max: number, key: string) => z.string().trim().max(max, key).optional().default('');
const base = z.object({
	name: z.string({ error: 'profile_error_name' }).trim().min(2, 'profile_error_name').max(120, 'profile_error_name_long'),
	description: text(4000, 'profile_error_description_long'),
	address: text(200, 'profile_error_address_long'),
	postcode: text(10, 'profile_error_postcode'),
	town: z.string({ error: 'profile_error_town' }).trim().min(2, 'profile_error_town').max(80, 'profile_error_town'),
	phone: text(40, 'profile_error_phone'),
	website: text(300, 'profile_error_website')
});

const list = (value: FormDataEntryValue[]) => value.filter((v): v is string => typeof v === 'string');

/** Check the whole profile form; every mistake is reported at once, next to its field. */
export function parseProfileForm(form: FormData): ProfileParse {
	const errors: Record<string, { key: string; params?: Record<string, string> }> = {};
	const { raw, refused } = cleanFields([...form].filter(([key]) => key in base.shape));
	for (const field of refused) errors[field] = { key: 'form_error_characters' };
	const parsed = base.safeParse(raw);
	if (!parsed.success) {
		for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= { key: issue.message };
	}
	const values = parsed.success ? parsed.data : undefined;

	let postcode = '';
	if (values?.postcode) {
		const normal = normalisePostcode(values.postcode);
		if (normal) postcode = normal;
		else errors.postcode ??= { key: 'profile_error_postcode' };
	}
	const place = values?.town ? findPlace(values.town) : undefined;
	if (values?.town && !place) errors.town ??= { key: 'profile_error_town_unknown', params: { town: values.town } };
	const phone = values ? normalisePhone(values.phone) : '';
	if (phone === undefined) errors.phone ??= { key: 'profile_error_phone' };
	const website = values ? normaliseWebsite(values.website) : '';
	if (website === undefined) errors.website ??= { key: 'profile_error_website' };

	const themes = list(form.getAll('themes'));
	const accessibility = list(form.getAll('accessibility'));
	if (!themes.every((t) => (THEMES as readonly string[]).includes(t))) errors.themes ??= { key: 'form_error_invalid' };
	if (!accessibility.every((a) => (ACCESSIBILITY as readonly string[]).includes(a))) errors.accessibility ??= { key: 'form_error_invalid' };

	const hours = parseHours(form, errors);

	if (!values || Object.keys(errors).length) return { ok: false, errors };
	return {
		ok: true,
		data: {
			name: values.name,
			description: values.description,
			address: values.address,
			postcode,
			town: place!.name,
			latitude: place!.latitude,
			longitude: place!.longitude,
			themes: [...new Set(themes)] as Theme[],
			accessibility: [...new Set(accessibility)] as Accessibility[],
			phone: phone!,
			website: website!,
			closedOnHolidays: form.get('closedOnHolidays') === 'on',
			hours
		}
	};
}

/**
 * The walk-in periods of the form; empty pairs are skipped, half-filled or
 * wrong ones reported. A day ticked "the same times as Monday" gets Monday's
 * periods, whatever else was typed for it.
 */
function parseHours(form: FormData, errors: Record<string, { key: string }>): ProfileInput['hours'] {
	const hours: ProfileInput['hours'] = [];
	let monday: { opensAt: string; closesAt: string }[] = [];
	for (const weekday of WEEKDAYS) {
		if (weekday > 1 && form.get(sameAsMondayField(weekday)) === 'on') {
			hours.push(...monday.map(({ opensAt, closesAt }) => ({ weekday, opensAt, closesAt })));
			continue;
		}
		const day: { opensAt: string; closesAt: string; field: string }[] = [];
		for (let n = 1; n <= PERIODS_PER_DAY; n++) {
			const fromField = hourField(weekday, n, 'from');
			const toField = hourField(weekday, n, 'to');
			const from = String(form.get(fromField) ?? '').trim();
			const to = String(form.get(toField) ?? '').trim();
			if (!from && !to) continue;
			if (!from) errors[fromField] ??= { key: 'profile_error_hours_both' };
			else if (!TIME.test(from)) errors[fromField] ??= { key: 'profile_error_hours_time' };
			if (!to) errors[toField] ??= { key: 'profile_error_hours_both' };
			else if (!TIME.test(to)) errors[toField] ??= { key: 'profile_error_hours_time' };
			if (errors[fromField] || errors[toField]) continue;
			if (to <= from) {
				errors[toField] = { key: 'profile_error_hours_order' };
				continue;
			}
			day.push({ opensAt: from, closesAt: to, field: fromField });
		}
		day.sort((a, b) => a.opensAt.localeCompare(b.opensAt));
		for (let i = 1; i < day.length; i++) {
			if (day[i].opensAt < day[i - 1].closesAt) errors[day[i].field] ??= { key: 'profile_error_hours_overlap' };
		}
		if (weekday === 1) monday = day;
		hours.push(...day.map(({ opensAt, closesAt }) => ({ weekday, opensAt, closesAt })));
	}
	return hours;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (s: string) => DATE.test(s) && !Number.isNaN(new Date(`${s}T12:00:00Z`).getTime()) && new Date(`${s}T12:00:00Z`).toISOString().startsWith(s);

/** A closure: from and to date (both included) and a short note for the public page. */
export const closureForm = z
	.object({
		startsOn: z.string({ error: 'profile_error_closure_date' }).trim().refine(validDate, 'profile_error_closure_date'),
		endsOn: z.string({ error: 'profile_error_closure_date' }).trim().refine(validDate, 'profile_error_closure_date'),
		note: z.string().trim().max(100, 'profile_error_closure_note_long').optional().default('')
	})
	.refine((c) => c.endsOn >= c.startsOn, { path: ['endsOn'], message: 'profile_error_closure_order' });

export type ClosureInput = z.infer<typeof closureForm>;
