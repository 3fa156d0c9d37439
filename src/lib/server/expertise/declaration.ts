import { z } from 'zod';
import { parseDate } from '../activities/time.ts';

/*
 * The declaration an expert fills in on the fair pay page and sends to the
 * organisation themselves. Nothing of it is stored: the form comes back as
 * a page to print. Error messages are message keys (messages/expertise).
 */

export const DECLARATION_KINDS = ['vrijwilligersvergoeding', 'honorarium', 'kosten'] as const;
export type DeclarationKind = (typeof DECLARATION_KINDS)[number];

/** The largest amount on one line, in cents: beyond it a typing error is likelier than a fee. */
const MAX_CENTS = 10_000_000;

/**
 * An amount in euros as people type it — "75", "12,50", "€ 1.250,00",
 * "12.50" — in cents; null when it is no amount. Empty is zero.
 */
export function parseEuros(text: string): number | null {
	let value = text.replace(/€|eur(o|os)?\b/gi, '').replace(/\s+/g, '');
	if (!value) return 0;
	// A comma is the decimal mark in Dutch; a dot too when followed by exactly one or two digits at the end ("12.50").
	if (value.includes(',')) value = value.replace(/\.(?=\d{3}(\D|$))/g, '').replace(',', '.');
	else if (/\.\d{3}$/.test(value)) value = value.replace(/\./g, '');
	if (!/^\d{1,9}(\.\d{1,2})?$/.test(value)) return null;
	const cents = Math.round(Number(value) * 100);
	return cents <= MAX_CENTS ? cents : null;
}

const text = (max: number) => z.string().optional().default('').transform((v) => v.trim().slice(0, max));

export const declarationForm = z
	.object({
		kind: z.string().optional().default(''),
		name: text(120),
		address: text(300),
		iban: text(40),
		organisation: text(200),
		activity: text(500),
		date: text(20),
		amount: text(30),
		travel: text(30),
		other: text(30),
		otherWhat: text(200)
	})
	.transform((input, ctx) => {
		const issue = (field: string, message: string) => ctx.issues.push({ code: 'custom', message, path: [field], input: undefined });
		const kind = DECLARATION_KINDS.find((k) => k === input.kind);
		if (!kind) issue('kind', 'expertise_error_kind');
		const cents = {} as Record<'amount' | 'travel' | 'other', number>;
		for (const field of ['amount', 'travel', 'other'] as const) {
			const parsed = parseEuros(input[field]);
			if (parsed === null) issue(field, 'expertise_error_amount');
			else cents[field] = parsed;
		}
		let date = '';
		if (input.date) {
			const parts = parseDate(input.date);
			if (!parts) issue('date', 'expertise_error_date');
			else date = `${String(parts.day).padStart(2, '0')}-${String(parts.month).padStart(2, '0')}-${parts.year}`;
		}
		if (!kind || ctx.issues.length) return z.NEVER;
		// "Alleen kosten" has no fee line.
		const amount = kind === 'kosten' ? 0 : cents.amount;
		return {
			kind,
			name: input.name,
			address: input.address,
			iban: input.iban.replace(/\s+/g, ' ').toUpperCase(),
			organisation: input.organisation,
			activity: input.activity,
			date,
			otherWhat: input.otherWhat,
			amount,
			travel: cents.travel,
			other: cents.other,
			total: amount + cents.travel + cents.other
		};
	});

export type Declaration = z.output<typeof declarationForm>;
