import { z } from 'zod';
import { dayKey, parseDate } from '../activities/time.ts';
import { STORY_THEMES, STORY_VISIBILITIES, STORY_WARNINGS, type StoryTheme, type StoryWarning } from './schema.ts';

/**
 * The story form. Error messages are message keys (messages/stories/*.json).
 * Every field is read as text first, so one mistake never hides the others.
 */
const text = z.string().optional().default('');
/** Checkboxes: absent, one value, or several. */
const list = z
	.union([z.string(), z.array(z.string())])
	.optional()
	.transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

export const TITLE_MAX = 120;
export const STORY_MAX = 20000;
export const PSEUDONYM_MAX = 60;
export const DIAGNOSIS_MAX = 120;
export const OWN_WARNING_MAX = 120;
export const REASON_MAX = 500;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const storyForm = z
	.object({
		title: text,
		story: text,
		themes: list,
		diagnosis: text,
		warnings: list,
		ownWarning: text,
		signAs: text,
		pseudonym: text,
		visibility: text,
		indexable: text,
		visibleUntil: text,
		consentImpact: text,
		consentTraining: text,
		initiativeId: text
	})
	.transform((input, ctx) => {
		const issue = (field: string, message: string) => ctx.issues.push({ code: 'custom', message, path: [field], input: undefined });
		const title = input.title.trim();
		if (!title) issue('title', 'stories_error_title');
		else if (title.length > TITLE_MAX) issue('title', 'stories_error_title_long');
		const body = input.story.trim();
		if (!body) issue('story', 'stories_error_story');
		else if (body.length > STORY_MAX) issue('story', 'stories_error_story_long');
		const themes = STORY_THEMES.filter((t) => input.themes.includes(t)) as StoryTheme[];
		if (themes.length !== new Set(input.themes).size) issue('themes', 'stories_error_themes');
		const warnings = STORY_WARNINGS.filter((w) => input.warnings.includes(w)) as StoryWarning[];
		if (warnings.length !== new Set(input.warnings).size) issue('warnings', 'stories_error_warnings');
		const diagnosis = input.diagnosis.trim();
		if (diagnosis.length > DIAGNOSIS_MAX) issue('diagnosis', 'stories_error_diagnosis_long');
		const ownWarning = input.ownWarning.trim();
		if (ownWarning.length > OWN_WARNING_MAX) issue('ownWarning', 'stories_error_own_warning_long');
		if (input.signAs !== 'name' && input.signAs !== 'pseudonym') issue('signAs', 'stories_error_sign_as');
		const pseudonym = input.signAs === 'pseudonym' ? input.pseudonym.trim() : '';
		if (input.signAs === 'pseudonym' && !pseudonym) issue('pseudonym', 'stories_error_pseudonym');
		else if (pseudonym.length > PSEUDONYM_MAX) issue('pseudonym', 'stories_error_pseudonym_long');
		const visibility = STORY_VISIBILITIES.find((v) => v === input.visibility);
		if (!visibility) issue('visibility', 'stories_error_visibility');
		let visibleUntil: string | null = null;
		if (input.visibleUntil.trim()) {
			const date = parseDate(input.visibleUntil);
			if (!date) issue('visibleUntil', 'stories_error_visible_until');
			else visibleUntil = `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
			if (visibleUntil && visibleUntil < dayKey(new Date())) issue('visibleUntil', 'stories_error_visible_until_past');
		}
		const initiativeId = input.initiativeId.trim();
		if (!UUID.test(initiativeId)) issue('initiativeId', 'stories_error_initiative');
		if (!visibility || ctx.issues.length) return z.NEVER;
		return {
			title,
			body,
			themes,
			diagnosis,
			warnings,
			ownWarning,
			pseudonym,
			visibility,
			indexable: visibility === 'public' && input.indexable === 'ja',
			visibleUntil,
			consentImpact: input.consentImpact === 'ja',
			consentTraining: input.consentTraining === 'ja',
			initiativeId
		};
	});

export type StoryInput = z.output<typeof storyForm>;

/** The redactie's proposal: the edited title and text, and why. */
export const editForm = z
	.object({ title: text, story: text, reason: text })
	.transform((input, ctx) => {
		const issue = (field: string, message: string) => ctx.issues.push({ code: 'custom', message, path: [field], input: undefined });
		const title = input.title.trim();
		if (!title) issue('title', 'stories_error_title');
		else if (title.length > TITLE_MAX) issue('title', 'stories_error_title_long');
		const body = input.story.trim();
		if (!body) issue('story', 'stories_error_story');
		else if (body.length > STORY_MAX) issue('story', 'stories_error_story_long');
		const reason = input.reason.trim();
		if (!reason) issue('reason', 'stories_error_reason');
		else if (reason.length > REASON_MAX) issue('reason', 'stories_error_reason_long');
		if (ctx.issues.length) return z.NEVER;
		return { title, body, reason };
	});

export type EditInput = z.output<typeof editForm>;
