import type { NoticeContext } from '../../notify/index.ts';
import type { NotificationKind } from './mails.ts';

/*
 * Who an activity mail goes to: a member (by account) or a guest (by their
 * sign-up). A guest's mail job names their sign-up (`signupId`), not an
 * account; the job reads the name and address from the sign-up when it runs,
 * so they are not copied into the job table. Only when a change removes a
 * guest's sign-up before the mail goes out (a series moved to other days) does
 * the job carry them (`guest`), so the guest still hears that their date is gone.
 */

export type NotificationContext = NoticeContext;

/** One mail to one person: a member (`userId`) or a guest (`signupId`). */
export type MailJob = {
	kind: NotificationKind;
	activityId: string;
	/** The date's key (its original start) as an ISO string; for a one-off, its start. */
	occurrence: string;
} & ({ userId: string } | GuestMailTarget);

export interface GuestContact {
	name: string;
	email: string;
	locale: string;
}

/** The guest a mail job is for. */
export interface GuestMailTarget {
	signupId: string;
	/** Only when the sign-up may be gone before the job runs. */
	guest?: GuestContact;
}

const GUEST_KEY = 'guest:';

/**
 * Per person signed up for a coming date: the key of their next date.
 * Members are keyed by their account id; a guest by `guest:<sign-up id>`, with
 * their contact kept beside it (see `notifyIfMoved`).
 */
export class NextDates extends Map<string, Date> {
	readonly #guests = new Map<string, GuestContact>();

	addGuest(signupId: string, at: Date, contact: GuestContact): void {
		this.set(GUEST_KEY + signupId, at);
		this.#guests.set(GUEST_KEY + signupId, contact);
	}

	/** Who a mail for this entry goes to. */
	recipient(key: string): { userId: string } | { signupId: string } {
		return key.startsWith(GUEST_KEY) ? { signupId: key.slice(GUEST_KEY.length) } : { userId: key };
	}

	/** For a guest: their contact, to put in a job when their sign-up may be gone. */
	contact(key: string): { guest?: GuestContact } {
		const guest = this.#guests.get(key);
		return guest ? { guest } : {};
	}
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The guest part of a mail job's data, or null when it has none. */
export function parseGuestTarget(data: Record<string, unknown>): GuestMailTarget | null {
	const { signupId, guest } = data;
	if (typeof signupId !== 'string' || !UUID.test(signupId)) return null;
	if (guest === undefined) return { signupId };
	const g = guest as Record<string, unknown> | null;
	if (!g || typeof g.name !== 'string' || typeof g.email !== 'string' || typeof g.locale !== 'string') return null;
	return { signupId, guest: { name: g.name, email: g.email, locale: g.locale } };
}

