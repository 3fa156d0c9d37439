import { z } from 'zod';
import { BLOCK_NAME_MAX, BLOCK_TEXT_MAX, CRISIS_PARTS, CRISIS_PART_MAX, STARTER_BLOCKS, type CrisisPart, type CrisisParts } from './blocks.ts';
import { ENTRY_TEXT_MAX } from './journal.ts';
import { DIMENSIONS_MAX, DIMENSION_NAME_MAX, REFLECTION_TEXT_MAX, WEB_TOP } from './reflections.ts';

/* The forms of the herstelruimte; error messages are message keys (messages/space/*.json). */

const name = z.string({ error: 'space_error_name' }).trim().min(1, 'space_error_name').max(BLOCK_NAME_MAX, 'space_error_name_long');
const longText = (max: number) => z.string().optional().default('').transform((s) => s.trim()).pipe(z.string().max(max, 'space_error_text_long'));

/** The form field of each crisis plan part (`crisisCall` …), also listed in http/forms.ts as long text. */
export const crisisField = (part: CrisisPart) => `crisis${part[0].toUpperCase()}${part.slice(1)}`;

export const starterForm = z.object({ starter: z.enum(STARTER_BLOCKS, { error: 'space_error_starter' }) });
export const ownBlockForm = z.object({ name });

export const blockForm = z
	.object({ name, blockText: longText(BLOCK_TEXT_MAX), ...Object.fromEntries(CRISIS_PARTS.map((p) => [crisisField(p), longText(CRISIS_PART_MAX)])) })
	.transform((input) => {
		const values = input as unknown as Record<string, string>;
		const crisis: CrisisParts = {};
		for (const part of CRISIS_PARTS) if (values[crisisField(part)]) crisis[part] = values[crisisField(part)];
		return { name: input.name, text: input.blockText, crisis };
	});

export const moveForm = z.object({ blockId: z.uuid(), direction: z.enum(['up', 'down']) });

export const removeForm = z.object({ confirm: z.literal('ja', { error: 'space_remove_confirm_needed' }) });

/** A journal day: a real date, not before 1900, not after today. */
export const entryForm = (today: string) =>
	z.object({
		day: z.iso.date({ error: 'space_error_day' }).refine((d) => d >= '1900-01-01' && d <= today, 'space_error_day'),
		entryText: z.string().optional().default('').transform((s) => s.trim()).pipe(z.string().min(1, 'space_error_entry').max(ENTRY_TEXT_MAX, 'space_error_text_long'))
	});

/** Which dimensions the web has: a set offered to start with, or the person's own words (one a line). */
export const webForm = z
	.object({
		set: z.enum(['health', 'chime', 'own', 'none'], { error: 'space_error_web_set' }),
		ownDimensions: z.string().optional().default('')
	})
	.transform((input, ctx) => {
		const own = [...new Set(input.ownDimensions.split('\n').map((s) => s.trim()).filter(Boolean))];
		if (input.set === 'own' && own.length < 3) ctx.addIssue({ code: 'custom', path: ['ownDimensions'], message: 'space_error_web_few' });
		if (own.length > DIMENSIONS_MAX) ctx.addIssue({ code: 'custom', path: ['ownDimensions'], message: 'space_error_web_many' });
		if (own.some((d) => d.length > DIMENSION_NAME_MAX)) ctx.addIssue({ code: 'custom', path: ['ownDimensions'], message: 'space_error_web_long' });
		return { set: input.set, own };
	});

/** The form field of the web's n-th dimension. */
export const pointField = (i: number) => `point${i}`;

/** A reflection: a day, words and/or a point (0 to WEB_TOP) on each of the web's dimensions, all optional but one. */
export const reflectionForm = (today: string, dimensions: string[]) =>
	z
		.object({
			day: z.iso.date({ error: 'space_error_day' }).refine((d) => d >= '1900-01-01' && d <= today, 'space_error_day'),
			reflectionText: longText(REFLECTION_TEXT_MAX),
			...Object.fromEntries(
				dimensions.map((_, i) => [
					pointField(i),
					z
						.union([z.literal(''), z.coerce.number({ error: 'space_error_point' }).int('space_error_point').min(0, 'space_error_point').max(WEB_TOP, 'space_error_point')])
						.optional()
						.default('')
				])
			)
		})
		.transform((input, ctx) => {
			const values = input as unknown as Record<string, number | ''>;
			const points = dimensions.flatMap((name, i) => (values[pointField(i)] === '' ? [] : [{ name, value: values[pointField(i)] as number }]));
			if (!input.reflectionText && !points.length) ctx.addIssue({ code: 'custom', path: ['reflectionText'], message: 'space_error_reflection_empty' });
			return { day: input.day, text: input.reflectionText, points };
		});

/** The lines marked "hier wil ik over praten": checkboxes named `line`, none ticked is none marked. */
export const talkForm = z.object({
	line: z
		.union([z.string(), z.array(z.string())])
		.optional()
		.transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
		.pipe(z.array(z.string().max(BLOCK_TEXT_MAX)).max(500))
});
