import { m } from '#lib/paraglide/messages.js';
import type { FlashKey } from '#lib/server/http/flash.ts';

/** The words of each message shown after a form post (see http/flash.ts). */
const FLASH: Record<FlashKey, () => string> = {
	signed_up: m.flash_signed_up,
	waitlisted: m.flash_waitlisted,
	signed_off: m.flash_signed_off,
	series_signed_up: m.flash_series_signed_up,
	series_stopped: m.flash_series_stopped,
	joined: m.flash_joined,
	joined_signed_up: m.flash_joined_signed_up,
	join_asked: m.flash_join_asked,
	join_accepted: m.flash_join_accepted,
	join_declined: m.flash_join_declined,
	email_confirmed: m.flash_email_confirmed,
	confirm_sent: m.flash_confirm_sent
};

export const flashText = (key: FlashKey): string => FLASH[key]();
