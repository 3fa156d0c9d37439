import { z } from 'zod';
import { PROFILE_TEXT_MAX } from './service.ts';

/** The profile form; error messages are message keys (messages/deals/*.json). */
const text = z.string().optional().default('');

export const profileForm = z.object({ likes: text, talents: text }).transform((input, ctx) => {
	for (const field of ['likes', 'talents'] as const) {
		if (input[field].trim().length > PROFILE_TEXT_MAX) ctx.issues.push({ code: 'custom', message: 'profiles_error_long', path: [field], input: input[field] });
	}
	return { likes: input.likes.trim(), talents: input.talents.trim() };
});
