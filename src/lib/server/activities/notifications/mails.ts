import { m } from '../../../paraglide/messages.js';
import { localeOf, localePrefix } from '../../notify/index.ts';
import type { Mail } from '../../mail/index.ts';
import { dayKey, formatRange } from '../time.ts';

/** What an activity e-mail is about. */
export const NOTIFICATION_KINDS = ['signup_confirmed', 'waitlisted', 'moved_up', 'changed', 'date_moved', 'restored', 'cancelled', 'reminder'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotificationMailInput {
	kind: NotificationKind;
	origin: string;
	person: { email: string; name: string; locale: string | null };
	activity: { id: string; title: string; startsAt: Date; endsAt: Date; place: string };
	/** For a date of a series: its day (`2026-12-01`), so the link leads to that date. */
	day?: string;
	initiative: { slug: string; name: string; address: string };
	/** Path and query of the "no more reminders" page (reminders only). */
	stopPath?: string;
}


/** Path of an activity's page. */
export const activityPath = (slug: string, id: string) => `/initiatieven/${encodeURIComponent(slug)}/activiteiten/${id}`;

/** Path of one date's page: a date of a series by its planned day (`?datum=`), a one-off by its activity. */
export const datePath = (slug: string, id: string, seriesDate: Date | null) => `${activityPath(slug, id)}${seriesDate ? `?datum=${dayKey(seriesDate)}` : ''}`;

/** One e-mail about an activity (one date of it), in the person's own language, with an absolute link to the activity or date. */
export function notificationMail(input: NotificationMailInput): Mail {
	const locale = localeOf(input.person);
	const { activity, initiative } = input;
	const place = activity.place || [initiative.name, initiative.address].filter(Boolean).join(', ');
	const details = [
		m.notify_when_line({ when: formatRange(activity.startsAt, activity.endsAt, locale) }, { locale }),
		m.notify_where_line({ place }, { locale })
	].join('\n');
	const link = `${input.origin}${localePrefix(locale)}${activityPath(initiative.slug, activity.id)}${input.day ? `?datum=${input.day}` : ''}`;
	const params = { name: input.person.name, title: activity.title, initiative: initiative.name, details, link };
	const subjectParams = { title: activity.title };
	const o = { locale };
	switch (input.kind) {
		case 'signup_confirmed':
			return mail(input, m.notify_mail_signup_subject(subjectParams, o), m.notify_mail_signup_text(params, o));
		case 'waitlisted':
			return mail(input, m.notify_mail_waitlist_subject(subjectParams, o), m.notify_mail_waitlist_text(params, o));
		case 'moved_up':
			return mail(input, m.notify_mail_moved_up_subject(subjectParams, o), m.notify_mail_moved_up_text(params, o));
		case 'changed':
			// A series changed as a whole: say that it is every time, not one date.
			return input.day
				? mail(input, m.notify_mail_changed_subject(subjectParams, o), m.notify_mail_series_changed_text(params, o))
				: mail(input, m.notify_mail_changed_subject(subjectParams, o), m.notify_mail_changed_text(params, o));
		case 'date_moved':
			return mail(input, m.notify_mail_date_moved_subject(subjectParams, o), m.notify_mail_date_moved_text(params, o));
		case 'restored':
			return mail(input, m.notify_mail_restored_subject(subjectParams, o), m.notify_mail_restored_text(params, o));
		case 'cancelled':
			return mail(input, m.notify_mail_cancelled_subject(subjectParams, o), m.notify_mail_cancelled_text(params, o));
		case 'reminder': {
			const stop = `${input.origin}${localePrefix(locale)}${input.stopPath ?? ''}`;
			return mail(input, m.notify_mail_reminder_subject(subjectParams, o), m.notify_mail_reminder_text({ ...params, stop }, o));
		}
	}
}

/** Attach a date's calendar file (`dateCalendar`) to a mail, as `afspraak.ics`. */
export function withCalendar(ics: string | null, mail: Mail): Mail {
	return ics ? { ...mail, attachments: [{ filename: 'afspraak.ics', content: ics, contentType: 'text/calendar; charset=utf-8; method=PUBLISH' }] } : mail;
}

function mail(input: NotificationMailInput, subject: string, text: string): Mail {
	return { to: input.person.email, subject, text };
}
