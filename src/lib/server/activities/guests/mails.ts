import { m } from '../../../paraglide/messages.js';
import { localeOf, localePrefix } from '../../notify/index.ts';
import type { Mail } from '../../mail/index.ts';
import { activityPath, type NotificationKind } from '../notifications/mails.ts';
import { formatDay, formatRange, formatTime } from '../time.ts';

/*
 * The e-mails a guest (someone without an account) gets. They read like the
 * members' mails, but a guest cancels with the link in the mail instead of on
 * the activity's page, and is told when their details are deleted.
 */

interface GuestMailBase {
	origin: string;
	guest: { name: string; email: string; locale: string | null };
	activity: { id: string; title: string; startsAt: Date; endsAt: Date; place: string };
	/** For a date of a series: its day (`2026-12-01`), so the link leads to that date. */
	day?: string;
	initiative: { slug: string; name: string; address: string };
}


function parts(input: GuestMailBase) {
	const locale = localeOf(input.guest);
	const { activity, initiative } = input;
	const place = activity.place || [initiative.name, initiative.address].filter(Boolean).join(', ');
	const details = [
		m.notify_when_line({ when: formatRange(activity.startsAt, activity.endsAt, locale) }, { locale }),
		m.notify_where_line({ place }, { locale })
	].join('\n');
	const link = `${input.origin}${localePrefix(locale)}${activityPath(initiative.slug, activity.id)}${input.day ? `?datum=${input.day}` : ''}`;
	return { locale, params: { name: input.guest.name, title: activity.title, initiative: initiative.name, details, link } };
}

/** The mail with the link that confirms a guest's sign-up. */
export function guestConfirmMail(input: GuestMailBase & { confirmPath: string; expiresAt: Date }): Mail {
	const { locale, params } = parts(input);
	const o = { locale };
	const confirm = `${input.origin}${localePrefix(locale)}${input.confirmPath}`;
	const until = `${formatDay(input.expiresAt, locale)}, ${formatTime(input.expiresAt, locale)}`;
	return {
		to: input.guest.email,
		subject: m.guest_mail_confirm_subject({ title: input.activity.title }, o),
		text: m.guest_mail_confirm_text({ ...params, confirm, until }, o)
	};
}

/** A mail about a guest's sign-up; `cancelPath` is their link to cancel (not in the "cancelled" mail). */
export function guestNotificationMail(input: GuestMailBase & { kind: NotificationKind; cancelPath?: string }): Mail {
	const { locale, params } = parts(input);
	const o = { locale };
	const all = { ...params, cancel: input.cancelPath ? `${input.origin}${localePrefix(locale)}${input.cancelPath}` : params.link };
	const subject = { title: input.activity.title };
	const [s, text] = ((): [string, string] => {
		switch (input.kind) {
			case 'signup_confirmed':
				return [m.notify_mail_signup_subject(subject, o), m.guest_mail_signup_text(all, o)];
			case 'waitlisted':
				return [m.notify_mail_waitlist_subject(subject, o), m.guest_mail_waitlist_text(all, o)];
			case 'moved_up':
				return [m.notify_mail_moved_up_subject(subject, o), m.guest_mail_moved_up_text(all, o)];
			case 'changed':
				return [m.notify_mail_changed_subject(subject, o), m.guest_mail_changed_text(all, o)];
			case 'date_moved':
				return [m.notify_mail_date_moved_subject(subject, o), m.guest_mail_date_moved_text(all, o)];
			case 'restored':
				return [m.notify_mail_restored_subject(subject, o), m.guest_mail_restored_text(all, o)];
			case 'cancelled':
				return [m.notify_mail_cancelled_subject(subject, o), m.guest_mail_cancelled_text(all, o)];
			case 'reminder':
				return [m.notify_mail_reminder_subject(subject, o), m.guest_mail_reminder_text(all, o)];
		}
	})();
	return { to: input.guest.email, subject: s, text };
}
