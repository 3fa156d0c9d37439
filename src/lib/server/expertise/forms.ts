import { z } from 'zod';
import { privacyHints } from '../stories/privacy.ts';
import { EXPERTISE_AUDIENCES, EXPERTISE_FORMS, EXPERTISE_REGIONS, EXPERTISE_THEMES } from './schema.ts';

/**
 * The expert profile form. Error messages are message keys
 * (messages/expertise/*.json). Every field is read as text first, so one
 * mistake never hides the others. Saving asks nothing; publishing asks what an
 * organisation needs to find someone: a theme, a form of work, a region or
 * online, and an introduction.
 */
const text = z.string().optional().default('');
/** Checkboxes: absent, one value, or several. */
const list = z
	.union([z.string(), z.array(z.string())])
	.optional()
	.transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

/** Longest text per field, in characters. */
export const LIMITS = {
	pseudonym: 60,
	ownThemes: 200,
	availability: 300,
	languages: 200,
	training: 1500,
	introduction: 3000,
	rates: 300,
	notAbout: 1000
} as const;

/** Fields others read: never an e-mail address or a phone number there (contact goes through the association). */
const PUBLIC_TEXT = ['pseudonym', 'ownThemes', 'availability', 'languages', 'training', 'introduction', 'rates'] as const;

/** Keep the known keys of a list in their own order; say whether anything unknown was sent. */
function pick<T extends string>(known: readonly T[], sent: string[]): { values: T[]; unknown: boolean } {
	const values = known.filter((k) => sent.includes(k));
	return { values, unknown: values.length !== new Set(sent).size };
}

export function expertProfileForm(publishing: boolean) {
	return z
		.object({
			signAs: text,
			pseudonym: text,
			themes: list,
			ownThemes: text,
			audiences: list,
			forms: list,
			regions: list,
			online: text,
			availability: text,
			languages: text,
			training: text,
			introduction: text,
			rates: text,
			notAbout: text
		})
		.transform((input, ctx) => {
			const issue = (field: string, message: string) => ctx.issues.push({ code: 'custom', message, path: [field], input: undefined });
			const trimmed = Object.fromEntries(Object.keys(LIMITS).map((k) => [k, input[k as keyof typeof LIMITS].trim()])) as Record<keyof typeof LIMITS, string>;
			if (input.signAs !== 'name' && input.signAs !== 'pseudonym') issue('signAs', 'expertise_error_sign_as');
			if (input.signAs !== 'pseudonym') trimmed.pseudonym = '';
			else if (!trimmed.pseudonym) issue('pseudonym', 'expertise_error_pseudonym');
			for (const field of Object.keys(LIMITS) as Array<keyof typeof LIMITS>) {
				if (trimmed[field].length > LIMITS[field]) issue(field, 'expertise_error_long');
			}
			for (const field of PUBLIC_TEXT) {
				if (privacyHints(trimmed[field]).some((h) => h.kind === 'email' || h.kind === 'phone')) issue(field, 'expertise_error_contact');
			}
			const themes = pick(EXPERTISE_THEMES, input.themes);
			const audiences = pick(EXPERTISE_AUDIENCES, input.audiences);
			const forms = pick(EXPERTISE_FORMS, input.forms);
			const regions = pick(EXPERTISE_REGIONS, input.regions);
			for (const [field, chosen] of [['themes', themes], ['audiences', audiences], ['forms', forms], ['regions', regions]] as const) {
				if (chosen.unknown) issue(field, 'expertise_error_choice');
			}
			const online = input.online === 'ja';
			if (publishing) {
				if (!themes.values.length && !trimmed.ownThemes) issue('themes', 'expertise_error_publish_themes');
				if (!forms.values.length) issue('forms', 'expertise_error_publish_forms');
				if (!regions.values.length && !online) issue('regions', 'expertise_error_publish_regions');
				if (!trimmed.introduction) issue('introduction', 'expertise_error_publish_introduction');
			}
			if (ctx.issues.length) return z.NEVER;
			return { ...trimmed, themes: themes.values, audiences: audiences.values, forms: forms.values, regions: regions.values, online };
		});
}

export type ExpertProfileInput = z.output<ReturnType<typeof expertProfileForm>>;
