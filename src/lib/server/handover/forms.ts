import { z } from 'zod';
import { email } from '../accounts/forms.ts';
import { outsideFormFields } from '../outside/service.ts';
import { REACH, SECTORS } from './schema.ts';

/*
 * The two public forms: a professional passes someone on (`referralForm`),
 * or a person asks to be called (`selfForm`). Error messages are message keys.
 * Only a name and a way to reach the person are needed; their own words are
 * welcome, never required.
 */

export const NAME_MAX = 80;
export const WORDS_MAX = 2000;

const noControl = (s: string) => !/[\u0000-\u001f\u007f]/.test(s);
const name = (key: string) => z.string({ error: key }).trim().min(1, key).max(NAME_MAX, 'handover_error_name_long').refine(noControl, key);
const optional = (max: number, key: string) => z.string().trim().max(max, key).optional().default('');

/** A Dutch or international phone number, as people write it: digits with spaces, dashes, brackets, a leading +. */
export function isPhone(value: string): boolean {
	const digits = value.replace(/\D/g, '').length;
	return /^\+?[0-9 ()-]+$/.test(value) && digits >= 6 && digits <= 15;
}

const isEmail = (value: string) => z.email().safeParse(value).success;

interface ReachFields {
	reach: (typeof REACH)[number];
	phone: string;
	personEmail?: string;
}

/** The way to reach the person needs its number or address. */
function reachable(value: ReachFields, ctx: z.RefinementCtx) {
	if (value.reach === 'phone' && !isPhone(value.phone)) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'handover_error_phone' });
	if (value.reach === 'email' && value.personEmail !== undefined && !isEmail(value.personEmail)) ctx.addIssue({ code: 'custom', path: ['personEmail'], message: 'handover_error_person_email' });
}

const common = {
	personName: name('handover_error_person_name'),
	phone: optional(30, 'handover_error_phone'),
	message: optional(WORDS_MAX, 'handover_error_words_long'),
	...outsideFormFields
};

/** A professional's handover; `email` is their work address (the confirmation goes there). */
export const referralForm = z
	.object({
		...common,
		referrerName: name('handover_error_referrer_name'),
		organisation: optional(120, 'handover_error_organisation_long'),
		sector: z.enum(SECTORS, { error: 'handover_error_sector' }),
		email,
		reach: z.enum(REACH, { error: 'handover_error_reach' }),
		personEmail: optional(254, 'handover_error_person_email'),
		consent: z.literal('ja', { error: 'handover_error_consent' }),
		shareStep: z
			.string()
			.optional()
			.transform((v) => v === 'ja')
	})
	.superRefine(reachable);

/** A person asking to be called; `email` is their own address. */
export const selfForm = z
	.object({
		...common,
		email,
		reach: z.enum(['phone', 'email'], { error: 'handover_error_reach_self' })
	})
	.superRefine(reachable);

export type ReferralInput = z.infer<typeof referralForm>;
export type SelfInput = z.infer<typeof selfForm>;
