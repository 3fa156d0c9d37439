import { z } from 'zod';
import { email } from '../accounts/forms.ts';
import { dayKey, parseDate, parseTime } from '../activities/time.ts';
import { isPhone } from '../handover/forms.ts';
import { outsideFormFields } from '../outside/service.ts';
import { parseEuros } from './declaration.ts';
import { EXPERTISE_FORMS, EXPERTISE_THEMES, FEE_KINDS, REQUEST_SECTORS } from './schema.ts';

/*
 * The forms of a request to the pool. Error messages are message keys
 * (messages/expertise). Every field is read as text first, so one mistake
 * never hides the others and everything typed comes back.
 */

/** Longest text per field of the request form, in characters. */
export const REQUEST_LIMITS = {
	organisation: 120,
	contactName: 80,
	contactPhone: 30,
	goal: 2000,
	audience: 300,
	duration: 60,
	place: 200,
	accessibility: 1000,
	storyUse: 1000,
	aftercare: 1000
} as const;

/** Longest message in a request's thread, feedback, check-in and reflection. */
export const THREAD_MAX = 3000;
export const REFLECTION_MAX = 5000;

const text = z.string().optional().default('');
const list = z
	.union([z.string(), z.array(z.string())])
	.optional()
	.transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

/** The organisation's request. `today` (yyyy-mm-dd, Amsterdam) keeps the day from lying in the past. */
export function requestForm(today: string = dayKey(new Date())) {
	return z
		.object({
			organisation: text,
			sector: text,
			contactName: text,
			email: z.string().optional().default(''),
			contactPhone: text,
			goal: text,
			audience: text,
			audienceSize: text,
			form: text,
			themes: list,
			day: text,
			startTime: text,
			duration: text,
			online: text,
			place: text,
			accessibility: text,
			feeKind: text,
			feeAmount: text,
			recording: text,
			storyUse: text,
			aftercare: text,
			experts: text,
			profile: z.uuid().optional().catch(undefined),
			initiative: z.string().max(80).optional().catch(undefined),
			...outsideFormFields
		})
		.transform((input, ctx) => {
			const issue = (field: string, message: string) => ctx.issues.push({ code: 'custom', message, path: [field], input: undefined });
			const t = Object.fromEntries(Object.keys(REQUEST_LIMITS).map((k) => [k, input[k as keyof typeof REQUEST_LIMITS].trim()])) as Record<keyof typeof REQUEST_LIMITS, string>;
			for (const field of Object.keys(REQUEST_LIMITS) as Array<keyof typeof REQUEST_LIMITS>) {
				if (t[field].length > REQUEST_LIMITS[field]) issue(field, 'expertise_error_long');
			}
			if (!t.organisation) issue('organisation', 'expertise_error_organisation');
			const sector = REQUEST_SECTORS.find((s) => s === input.sector);
			if (!sector) issue('sector', 'expertise_error_sector');
			if (!t.contactName) issue('contactName', 'expertise_error_contact_name');
			const mail = email.safeParse(input.email);
			if (!mail.success) issue('email', mail.error.issues[0].message);
			if (t.contactPhone && !isPhone(t.contactPhone)) issue('contactPhone', 'expertise_error_phone');
			if (!t.goal) issue('goal', 'expertise_error_goal');
			if (!t.audience) issue('audience', 'expertise_error_audience');
			let audienceSize: number | null = null;
			if (input.audienceSize.trim()) {
				audienceSize = /^\d{1,5}$/.test(input.audienceSize.trim()) ? Number(input.audienceSize.trim()) : null;
				if (!audienceSize) issue('audienceSize', 'expertise_error_size');
			}
			const form = EXPERTISE_FORMS.find((f) => f === input.form);
			if (!form) issue('form', 'expertise_error_form');
			const themes = EXPERTISE_THEMES.filter((k) => input.themes.includes(k));
			if (themes.length !== new Set(input.themes).size) issue('themes', 'expertise_error_choice');
			const day = parseDate(input.day);
			const dayText = day ? `${day.year}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}` : '';
			if (!day) issue('day', input.day.trim() ? 'expertise_error_date' : 'expertise_error_day');
			else if (dayText < today) issue('day', 'expertise_error_day_past');
			const time = input.startTime.trim() ? parseTime(input.startTime) : null;
			if (input.startTime.trim() && !time) issue('startTime', 'expertise_error_time');
			if (!t.duration) issue('duration', 'expertise_error_duration');
			const online = input.online === 'ja';
			if (!online && input.online !== 'nee') issue('online', 'expertise_error_online');
			if (input.online === 'nee') {
				if (!t.place) issue('place', 'expertise_error_place');
				if (!t.accessibility) issue('accessibility', 'expertise_error_accessibility');
			}
			const feeKind = FEE_KINDS.find((k) => k === input.feeKind);
			if (!feeKind) issue('feeKind', 'expertise_error_fee_kind');
			const feeCents = parseEuros(input.feeAmount);
			if (feeCents === null) issue('feeAmount', 'expertise_error_amount');
			else if (feeCents === 0) issue('feeAmount', 'expertise_error_fee_amount');
			if (input.recording !== 'ja' && input.recording !== 'nee') issue('recording', 'expertise_error_recording');
			if (!t.storyUse) issue('storyUse', 'expertise_error_story_use');
			if (!t.aftercare) issue('aftercare', 'expertise_error_aftercare');
			if (input.experts && input.experts !== '1' && input.experts !== '2') issue('experts', 'expertise_error_choice');
			if (ctx.issues.length || !sector || !form || !feeKind || !mail.success || feeCents === null) return z.NEVER;
			return {
				...t,
				sector,
				email: mail.data,
				contactPhone: t.contactPhone || null,
				audienceSize,
				form,
				themes,
				day: dayText,
				startTime: time ? `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}` : null,
				online,
				place: online ? t.place || null : t.place,
				accessibility: t.accessibility || null,
				feeKind,
				feeCents,
				recording: input.recording === 'ja',
				experts: input.experts === '1' ? 1 : 2,
				profile: input.profile ?? null,
				initiative: input.initiative || null,
				homepage: input.homepage,
				formulier: input.formulier
			};
		});
}

export type RequestInput = z.output<ReturnType<typeof requestForm>>;

/** One message in a request's thread (from either side). */
export const threadForm = z.object({
	message: z.string({ error: 'expertise_error_message' }).trim().min(1, 'expertise_error_message').max(THREAD_MAX, 'expertise_error_long')
});

/** The organisation's feedback after the work: words only. */
export const feedbackForm = z.object({
	feedback: z.string({ error: 'expertise_error_feedback' }).trim().min(1, 'expertise_error_feedback').max(THREAD_MAX, 'expertise_error_long')
});

/** The afsprakenkaart the coordinator writes: the roles, what will and what won't be asked. */
export const cardForm = z.object({
	cardRoles: z.string({ error: 'expertise_error_card_roles' }).trim().min(1, 'expertise_error_card_roles').max(1000, 'expertise_error_long'),
	cardAsk: z.string({ error: 'expertise_error_card_ask' }).trim().min(1, 'expertise_error_card_ask').max(1000, 'expertise_error_long'),
	cardNotAsk: z.string().trim().max(1000, 'expertise_error_long').optional().default('')
});

/** The expert's own words after the work: how it was, and a reflection (shared or not). */
export const afterForm = z.object({
	checkIn: z.string().trim().max(THREAD_MAX, 'expertise_error_long').optional().default(''),
	reflection: z.string().trim().max(REFLECTION_MAX, 'expertise_error_long').optional().default(''),
	reflectionShared: z
		.string()
		.optional()
		.transform((v) => v === 'ja'),
	feedbackShared: z
		.string()
		.optional()
		.transform((v) => v === 'ja')
});

