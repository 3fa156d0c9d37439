import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireCoordinator } from '#lib/server/access/initiatives.ts';
import { addPhoto, PHOTO_LIMITS, removePhoto } from '#lib/server/initiatives/photos.ts';
import { photoRefused, readPhotoUpload } from '#lib/server/initiatives/photo-http.ts';
import { addClosure, profileForEditing, removeClosure, updateProfile } from '#lib/server/initiatives/profile.ts';
import { closureForm, hourField, parseProfileForm, PERIODS_PER_DAY, WEEKDAYS } from '#lib/server/initiatives/profile-forms.ts';
import { dayAndMonth } from '#lib/server/initiatives/profile-view.ts';
import { ACCESS_FEATURES, THEMES } from '#lib/server/initiatives/schema.ts';
import { formValues, parseForm, readForm, t, unreadableForm } from '#lib/server/http/forms.ts';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';
import { dateFormat } from '#lib/labels/intl.ts';
import { m } from '#lib/paraglide/messages.js';
import { localizeHref } from '#lib/paraglide/runtime.js';

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { locale } = event.locals;
		const p = await profileForEditing(event.locals.db, event.locals.viewer, { slug: event.params.slug });
		const i = p.initiative;
		const values: Record<string, string> = {
			name: i.name,
			description: i.description,
			address: i.address,
			postcode: i.postcode,
			town: i.town,
			phone: i.phone,
			website: i.website
		};
		for (const weekday of WEEKDAYS) {
			const periods = p.schedule.hours.filter((h) => h.weekday === weekday).sort((a, b) => a.opensAt.localeCompare(b.opensAt));
			periods.slice(0, PERIODS_PER_DAY).forEach((h, n) => {
				values[hourField(weekday, n + 1, 'from')] = h.opensAt.slice(0, 5);
				values[hourField(weekday, n + 1, 'to')] = h.closesAt.slice(0, 5);
			});
		}
		return {
			initiative: { slug: i.slug, name: i.name },
			values,
			themes: i.themes as string[],
			accessibility: i.accessibility as string[],
			closedOnHolidays: i.closedOnHolidays,
			options: { themes: [...THEMES], accessibility: [...ACCESS_FEATURES] },
			closures: p.closures.map((c) => ({
				id: c.id,
				text: c.startsOn === c.endsOn ? dayAndMonth(c.startsOn, locale) : `${dayAndMonth(c.startsOn, locale)} – ${dayAndMonth(c.endsOn, locale)}`,
				note: c.note
			})),
			photos: p.photos.map((ph) => ({ ...ph, src: `/initiatieven/${i.slug}/fotos/${ph.id}` })),
			maxPhotos: PHOTO_LIMITS.maxPhotos,
			maxMegabytes: PHOTO_LIMITS.maxBytes / 1024 / 1024,
			saved: event.url.searchParams.get('opgeslagen')
		};
	});

/** "Maandag" for weekday 1, in the reader's language. */
const weekdayName = (weekday: number, locale: string) => {
	const name = dateFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(`2024-01-0${weekday}T12:00:00Z`));
	return name.charAt(0).toUpperCase() + name.slice(1);
};

/** Back to the edit page after a change, with a short confirmation, at the part that changed. */
function done(event: RequestEvent, what: 'profiel' | 'sluitingen' | 'fotos'): never {
	redirect(303, `${localizeHref(`/initiatieven/${event.params.slug}/profiel`)}?opgeslagen=${what}#${what}`);
}

async function coordinatorOf(event: RequestEvent) {
	const { initiative } = await requireCoordinator(event.locals.db, event.locals.viewer, { slug: event.params.slug });
	return initiative;
}

export const actions: Actions = {
	profiel: (event) =>
		guarded(event, async () => {
			const initiative = await coordinatorOf(event);
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			const parsed = parseProfileForm(form);
			if (!parsed.ok) {
				const errors: Record<string, string> = {};
				for (const [field, e] of Object.entries(parsed.errors)) {
					const error = e.key === 'profile_error_town_unknown' ? m.profile_error_town_unknown({ town: e.params?.town ?? '' }) : t(e.key);
					// A walk-in time's mistake names its day: the summary lists them all together.
					const weekday = /^hours_(\d)_/.exec(field)?.[1];
					errors[field] = weekday ? m.look_hours_error({ day: weekdayName(Number(weekday), event.locals.locale), error }) : error;
				}
				return fail(400, {
					profile: {
						errors,
						values: formValues(form),
						themes: form.getAll('themes').map(String),
						accessibility: form.getAll('accessibility').map(String),
						closedOnHolidays: form.get('closedOnHolidays') === 'on'
					}
				});
			}
			await updateProfile(event.locals.db, event.locals.viewer, initiative.id, parsed.data);
			done(event, 'profiel');
		}),

	sluiting: (event) =>
		guarded(event, async () => {
			const initiative = await coordinatorOf(event);
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			const parsed = parseForm(closureForm, form);
			if (!parsed.ok) return fail(400, { closure: parsed.failure.data });
			await addClosure(event.locals.db, event.locals.viewer, initiative.id, parsed.data);
			done(event, 'sluitingen');
		}),

	sluitingweg: (event) =>
		guarded(event, async () => {
			const initiative = await coordinatorOf(event);
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			await removeClosure(event.locals.db, event.locals.viewer, initiative.id, uuidParam(String(form.get('id') ?? '')));
			done(event, 'sluitingen');
		}),

	foto: (event) =>
		guarded(event, async () => {
			const initiative = await coordinatorOf(event);
			const upload = await readPhotoUpload(event.request);
			if (!upload.ok) return upload.failure;
			const result = await addPhoto(event.locals.db, event.locals.viewer, initiative.id, upload);
			if (!result.ok) return photoRefused(result.error, upload.alt);
			done(event, 'fotos');
		}),

	fotoweg: (event) =>
		guarded(event, async () => {
			const initiative = await coordinatorOf(event);
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			await removePhoto(event.locals.db, event.locals.viewer, initiative.id, uuidParam(String(form.get('id') ?? '')));
			done(event, 'fotos');
		})
};
