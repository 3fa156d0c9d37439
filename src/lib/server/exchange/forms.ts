import { z } from 'zod';
import { dayKey, parseDate } from '../activities/time.ts';
import { EXCHANGE_THEMES, POST_AUDIENCES, POST_KINDS } from './schema.ts';

/**
 * The form for an offer or a request. Error messages are message keys
 * (messages/exchange/*.json). Every field is read as text first, so one
 * mistake never hides the others.
 */
const text = z.string().optional().default('');

export const TITLE_MAX = 120;
export const BODY_MAX = 4000;
export const TOWN_MAX = 100;

/** The choices the form offers, passed to the page. */
export const postFormOptions = { themes: EXCHANGE_THEMES };

export const postForm = z
	.object({ kind: text, title: text, body: text, theme: text, where: text, town: text, audience: text, endsOn: text, initiativeId: text })
	.transform((input, ctx) => {
		const issue = (field: string, message: string) => ctx.issues.push({ code: 'custom', message, path: [field], input: input[field as keyof typeof input] });
		const kind = POST_KINDS.find((k) => k === input.kind);
		if (!kind) issue('kind', 'exchange_error_kind');
		const title = input.title.trim();
		if (!title) issue('title', 'exchange_error_title');
		else if (title.length > TITLE_MAX) issue('title', 'exchange_error_title_long');
		const body = input.body.trim();
		if (body.length > BODY_MAX) issue('body', 'exchange_error_body_long');
		const theme = EXCHANGE_THEMES.find((t) => t === input.theme);
		if (!theme) issue('theme', 'exchange_error_theme');
		const online = input.where === 'online';
		if (input.where !== 'online' && input.where !== 'town') issue('where', 'exchange_error_where');
		const town = online ? '' : input.town.trim();
		if (input.where === 'town' && !town) issue('town', 'exchange_error_town');
		else if (town.length > TOWN_MAX) issue('town', 'exchange_error_town_long');
		const audience = POST_AUDIENCES.find((a) => a === input.audience);
		if (!audience) issue('audience', 'exchange_error_audience');
		let endsOn: string | null = null;
		if (input.endsOn.trim()) {
			const date = parseDate(input.endsOn);
			if (!date) issue('endsOn', 'exchange_error_ends_on');
			else endsOn = `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
			if (endsOn && endsOn < dayKey(new Date())) issue('endsOn', 'exchange_error_ends_on_past');
		}
		const initiativeId = input.initiativeId.trim();
		if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(initiativeId)) issue('initiativeId', 'exchange_error_initiative');
		if (!kind || !theme || !audience || ctx.issues.length) return z.NEVER;
		return { kind, title, body, theme, town, online, audience, endsOn, initiativeId };
	});

export type PostInput = z.output<typeof postForm>;
