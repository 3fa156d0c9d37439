import { m } from '#lib/paraglide/messages.js';

/** The messages the /gast pages may name in a form answer. */
const KNOWN = {
	guest_link_invalid: m.guest_link_invalid,
	guest_link_expired: m.guest_link_expired,
	guest_link_used: m.guest_link_used,
	guest_link_closed: m.guest_link_closed,
	guest_cancel_invalid: m.guest_cancel_invalid
};

export const t = (key: string) => (KNOWN[key as keyof typeof KNOWN] ?? m.guest_link_invalid)();
