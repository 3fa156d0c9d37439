import ICAL from 'ical.js';
import { expect, expectAccessible, JOURNEY_SCRIPTING, test } from './fixtures.ts';
import { initiativeWithInviteLink, joinWithLink } from './helpers.ts';
import { readOutbox } from './outbox.ts';

/** The Tuesdays of a weekly series starting at least eight days from now: ISO dates and Dutch day labels. */
function tuesdays(count: number) {
	const day = new Date(Date.now() + 8 * 24 * 3600 * 1000);
	const weekday = () => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', weekday: 'short' }).format(day);
	while (weekday() !== 'Tue') day.setTime(day.getTime() + 24 * 3600 * 1000);
	return Array.from({ length: count }, (_, n) => {
		const d = new Date(day.getTime() + n * 7 * 24 * 3600 * 1000);
		return {
			iso: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d),
			label: new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', weekday: 'long', day: 'numeric', month: 'long' }).format(d)
		};
	});
}

for (const javaScriptEnabled of JOURNEY_SCRIPTING) {
	test.describe(`a weekly walk (${javaScriptEnabled ? 'with' : 'without'} JavaScript)`, () => {
		test.use({ javaScriptEnabled });

		test('a member proposes a weekly walk; another signs up for one date, a third waits for that date and moves up; the host cancels one date; calendars get it right', async ({ browser, baseURL }) => {
			test.slow();
			const suffix = javaScriptEnabled ? 'JS' : 'zonder JS';
			const { page: coordinator, slug, link } = await initiativeWithInviteLink(browser, baseURL!, javaScriptEnabled, `Wandelgroep ${suffix}`);
			const host = await joinWithLink(browser, baseURL!, javaScriptEnabled, link, 'Sam');
			const guest = await joinWithLink(browser, baseURL!, javaScriptEnabled, link, 'Lin');
			const third = await joinWithLink(browser, baseURL!, javaScriptEnabled, link, 'Noor');
			const list = `/initiatieven/${slug}/activiteiten`;
			const dates = tuesdays(6);

			// Sam proposes a weekly walk; a last day before the first date gets a clear message.
			await host.goto(`${list}/nieuw`);
			await host.getByLabel('Naam van de activiteit').fill('Dinsdagwandeling');
			await host.getByLabel('Datum', { exact: true }).fill(dates[0].iso);
			await host.getByLabel('Begintijd').fill('19:00');
			await host.getByLabel('Eindtijd').fill('21:00');
			await host.getByLabel('Elke week, op dezelfde dag').check();
			await host.getByLabel('Tot en met een bepaalde dag').check();
			await host.getByLabel('Tot en met welke dag?').fill('2020-01-01');
			await host.getByLabel('Hoeveel mensen kunnen mee? (mag leeg blijven)').fill('1');
			await host.getByRole('button', { name: 'Activiteit plaatsen' }).click();
			await expect(host.getByRole('alert')).toContainText('De laatste datum kan niet vóór de eerste datum liggen.');
			await expect(host.getByLabel('Elke week, op dezelfde dag')).toBeChecked();
			await expectAccessible(host);
			await host.getByLabel('Een aantal keer').check();
			await host.getByLabel('Hoeveel keer?').fill('6');
			await host.getByRole('button', { name: 'Activiteit plaatsen' }).click();
			await expect(host.getByRole('heading', { level: 1 })).toHaveText('Dinsdagwandeling');
			await expect(host.getByText('Elke week op dinsdag, 6 keer')).toBeVisible();
			await expect(host.getByText(`${dates[0].label}, 19:00–21:00`, { exact: false }).first()).toBeVisible();
			await expectAccessible(host);
			const activityPath = new URL(host.url()).pathname;

			// Lin finds the second date in the list, under its own day, and signs up for that date only.
			await guest.goto(list);
			const day2 = guest.getByRole('region', { name: dates[1].label });
			await expect(day2).toBeVisible();
			await expectAccessible(guest);
			await day2.getByRole('link', { name: /Dinsdagwandeling/ }).click();
			await expect(guest).toHaveURL(new RegExp(`\\?datum=${dates[1].iso}`));
			await guest.getByRole('button', { name: 'Ik doe mee' }).click();
			await expect(guest.getByText('Je doet mee. Fijn!')).toBeVisible();
			await expect(guest).toHaveURL(new RegExp(`datum=${dates[1].iso}`));
			await expectAccessible(guest);

			// Noor finds that date full and goes on its waitlist; the first date still has a place.
			const date2 = `${activityPath}?datum=${dates[1].iso}`;
			await third.goto(date2);
			await third.getByRole('button', { name: 'Zet me op de wachtlijst' }).click();
			await expect(third.getByText('Je staat op de wachtlijst.', { exact: false })).toBeVisible();
			await third.goto(`${activityPath}?datum=${dates[0].iso}`);
			await expect(third.getByText('Vrije plekken: 1')).toBeVisible();

			// Lin cannot come after all: Noor moves up for that date.
			await guest.goto(date2);
			await guest.getByRole('link', { name: 'Ik kan toch niet' }).click();
			await guest.getByRole('button', { name: 'Ja, meld me af' }).click();
			await expect(guest.getByText('Je doet niet meer mee.', { exact: false })).toBeVisible();
			await third.goto(date2);
			await expect(third.getByText('Je doet mee. Fijn!')).toBeVisible();
			// Noor also gets a mail about it, with a link to that date (sent by a background job).
			await expect
				.poll(async () => (await readOutbox(process.env.E2E_DATA_DIR!)).some((m) => m.subject === 'Je hebt een plek: Dinsdagwandeling' && m.text.includes(date2)), {
					timeout: 20_000
				})
				.toBe(true);

			// Sam cancels the third date only; nobody can sign up for it, the others go on.
			await host.goto(`${activityPath}?datum=${dates[2].iso}`);
			await expectAccessible(host);
			await host.getByRole('button', { name: 'Deze datum afzeggen' }).click();
			await expect(host.getByText('Deze datum is afgezegd.')).toBeVisible();
			await guest.goto(`${activityPath}?datum=${dates[2].iso}`);
			await expect(guest.getByText('Op deze datum gaat de activiteit niet door.')).toBeVisible();
			await expect(guest.getByRole('button', { name: /Ik doe mee|wachtlijst/ })).toHaveCount(0);
			await guest.goto(list);
			await expect(guest.getByRole('region', { name: dates[2].label }).getByText('Deze keer niet')).toBeVisible();

			// Only the host and coordinators see names; a date that does not exist is not found.
			await host.goto(date2);
			await expect(host.getByRole('region', { name: 'Wie doen er mee' }).getByText('Noor')).toBeVisible();
			await guest.goto(date2);
			await expect(guest.getByRole('heading', { name: 'Wie doen er mee' })).toHaveCount(0);
			expect((await guest.goto(`${activityPath}?datum=2020-01-07`))?.status()).toBe(404);
			expect((await guest.goto(`${activityPath}?datum=2030-02-31`))?.status()).toBe(404);

			// "Zet in mijn agenda": a calendar file with the series at 19:00 and without the cancelled date.
			const file = await guest.request.get(`${activityPath}.ics`);
			expect(file.headers()['content-type']).toContain('text/calendar');
			const root = new ICAL.Component(ICAL.parse(await file.text()));
			for (const tz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
			const walk = new ICAL.Event(root.getFirstSubcomponent('vevent')!);
			const it = walk.iterator();
			const seen: string[] = [];
			for (let next = it.next(); next; next = it.next()) seen.push(next.toString().slice(0, 16));
			expect(seen).toEqual(dates.filter((_, n) => n !== 2).map((d) => `${d.iso}T19:00`));
			// Someone outside the initiative gets nothing.
			const outsider = await browser.newContext({ baseURL, javaScriptEnabled });
			expect((await outsider.request.get(`${activityPath}.ics`)).status()).toBe(404);

			// Noor makes a private calendar link on the account page; it shows her date, and stops when she stops it.
			await third.goto('/account');
			await third.getByRole('link', { name: 'Agenda-link maken of stoppen' }).click();
			await expectAccessible(third);
			await third.getByRole('button', { name: 'Link maken' }).click();
			const feed = await third.getByRole('textbox', { name: 'Jouw agenda-link' }).inputValue();
			await expectAccessible(third);
			const got = await outsider.request.get(feed);
			expect(got.status()).toBe(200);
			expect(await got.text()).toContain('SUMMARY:Dinsdagwandeling');
			await third.getByRole('button', { name: 'Link stoppen' }).click();
			await expect(third.getByText('De link werkt niet meer.')).toBeVisible();
			expect((await outsider.request.get(feed)).status()).toBe(404);
			await outsider.close();

			for (const p of [coordinator, host, guest, third]) await p.context().close();
		});
	});
}
