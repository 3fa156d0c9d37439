import { z } from 'zod';

/** Error messages are message keys (messages/initiatives/*.json). */

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Addresses under /initiatieven/ that are pages of their own: no initiative can have them. */
export const RESERVED_SLUGS: readonly string[] = ['kaart', 'nieuw'];

/** A URL name from free text: `Het Wiel (Zwolle)` → `het-wiel-zwolle`. */
export function slugify(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/g, '');
}

export const initiativeForm = z.object({
	name: z.string({ error: 'initiative_error_name' }).trim().min(2, 'initiative_error_name').max(120, 'initiative_error_name_long'),
	town: z.string({ error: 'initiative_error_town' }).trim().min(2, 'initiative_error_town').max(80, 'initiative_error_town'),
	slug: z
		.string()
		.trim()
		.toLowerCase()
		.max(60, 'initiative_error_slug')
		.refine((s) => s === '' || SLUG_PATTERN.test(s), 'initiative_error_slug')
		.optional()
		.default(''),
	description: z.string().trim().max(4000, 'initiative_error_description_long').optional().default(''),
	joinPolicy: z.enum(['open', 'invite'], { error: 'initiative_error_join_policy' })
});

export type InitiativeInput = z.infer<typeof initiativeForm>;

export const inviteLinkForm = z.object({
	uses: z.enum(['one', 'many'], { error: 'invite_error_uses' }),
	days: z.coerce.number({ error: 'invite_error_days' }).int('invite_error_days').min(1, 'invite_error_days').max(90, 'invite_error_days')
});
