import { expect, expectAccessible, JOURNEY_SCRIPTING, test } from './fixtures.ts';
import { initiativeWithInviteLink, joinWithLink } from './helpers.ts';

/** A date ten days from now, as a date field takes it, and how the page writes it. */
function tenDaysAhead() {
	const day = new Date(Date.now() + 10 * 24 * 3600 * 1000);
	const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(day);
	const label = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', weekday: 'long', day: 'numeric', month: 'long' }).format(day);
	return { iso: parts, label };
}

for (const javaScriptEnabled of JOURNEY_SCRIPTING) {
	test.describe(`activities (${javaScriptEnabled ? 'with' : 'without'} JavaScript)`, () => {
		test.use({ javaScriptEnabled });

		test('a member proposes an activity, another signs up, a third waits and moves up when someone cancels', async ({ browser, baseURL }) => {
			// A long journey with four people and an axe check on every page.
			test.slow();
			const suffix = javaScriptEnabled ? 'JS' : 'zonder JS';
			const { page: coordinator, slug, link } = await initiativeWithInviteLink(browser, baseURL!, javaScriptEnabled, `De Kroon activiteiten ${suffix}`);
			const host = await joinWithLink(browser, baseURL!, javaScriptEnabled, link, 'Sam');
			const guest = await joinWithLink(browser, baseURL!, javaScriptEnabled, link, 'Lin');
			const list = `/initiatieven/${slug}/activiteiten`;

			// Sam opens the calendar and proposes an activity.
			await host.goto(list);
			await expect(host.getByText('Er staat nog niets in de agenda.')).toBeVisible();
			await expectAccessible(host);
			await host.getByRole('link', { name: 'Zelf iets organiseren' }).click();
			await expect(host.getByRole('heading', { level: 1 })).toHaveText('Iets organiseren');
			await expectAccessible(host);

			// Mistakes get a clear message, and what was typed stays.
			const { iso, label } = tenDaysAhead();
			await host.getByLabel('Vertel er iets over (mag leeg blijven)').fill('We lopen een rondje door het park.');
			await host.getByLabel('Datum').fill(iso);
			await host.getByLabel('Begintijd').fill('16:00');
			await host.getByLabel('Eindtijd').fill('14:00');
			await host.getByLabel('Hoeveel mensen kunnen mee? (mag leeg blijven)').fill('nul');
			await host.getByRole('button', { name: 'Activiteit plaatsen' }).click();
			const summary = host.getByRole('alert');
			await expect(summary).toContainText('Geef de activiteit een naam.');
			await expect(summary).toContainText('De eindtijd moet later zijn dan de begintijd.');
			await expect(summary).toContainText('Vul een heel getal in dat groter is dan 0, of laat het leeg.');
			await expect(host.getByLabel('Vertel er iets over (mag leeg blijven)')).toHaveValue('We lopen een rondje door het park.');
			await expect(host.getByLabel('Datum')).toHaveValue(iso);
			await expectAccessible(host);

			await host.getByLabel('Naam van de activiteit').fill('Samen wandelen');
			await host.getByLabel('Ontmoeting').check();
			await host.getByLabel('Begintijd').fill('14:00');
			await host.getByLabel('Eindtijd').fill('16:00');
			await host.getByLabel('Hoeveel mensen kunnen mee? (mag leeg blijven)').fill('1');
			await host.getByRole('button', { name: 'Activiteit plaatsen' }).click();
			await expect(host.getByRole('heading', { level: 1 })).toHaveText('Samen wandelen');
			await expect(host.getByText(`${label}, 14:00–16:00`, { exact: false })).toBeVisible();
			await expect(host.getByText('Vrije plekken: 1')).toBeVisible();
			await expectAccessible(host);
			const activityPath = new URL(host.url()).pathname;

			// Lin finds it in the calendar, grouped under its day, and signs up.
			await guest.goto(list);
			await expect(guest.getByRole('heading', { level: 2, name: label, exact: false })).toBeVisible();
			await guest.getByRole('link', { name: /Samen wandelen/ }).click();
			await guest.getByRole('button', { name: 'Ik doe mee' }).click();
			await expect(guest.getByText('Je doet mee. Fijn!')).toBeVisible();
			// Full now; the one who took the last place is not told about the waitlist.
			await expect(guest.getByText('Vol.', { exact: true })).toBeVisible();
			await expect(guest.getByText('Je kunt op de wachtlijst.')).toHaveCount(0);
			await expectAccessible(guest);
			// Lin finds it again from the account page, under what she takes part in.
			await guest.goto('/account');
			await guest.getByRole('link', { name: 'Waar doe ik aan mee?' }).click();
			await expect(guest.getByRole('heading', { level: 1 })).toHaveText('Mijn aanmeldingen');
			await expect(guest.getByRole('listitem').filter({ hasText: 'Samen wandelen' })).toContainText(`${label}, 14:00–16:00`, { ignoreCase: true });
			await expectAccessible(guest);
			await guest.getByRole('link', { name: 'Samen wandelen' }).click();
			await expect(guest.getByRole('link', { name: 'Ik kan toch niet' })).toBeVisible();

			// The coordinator finds it full and goes on the waitlist.
			await coordinator.goto(activityPath);
			await coordinator.getByRole('button', { name: 'Zet me op de wachtlijst' }).click();
			await expect(coordinator.getByText('Je staat op de wachtlijst.', { exact: false })).toBeVisible();
			await expectAccessible(coordinator);

			// The host sees who comes; another member sees only counts.
			await host.reload();
			const people = host.getByRole('region', { name: 'Wie doen er mee' });
			await expect(people.getByText('Lin')).toBeVisible();
			await expect(people.getByText('(wachtlijst)')).toBeVisible();
			await expectAccessible(host);
			await guest.reload();
			await expect(guest.getByText('Aanmeldingen: 1')).toBeVisible();
			await expect(guest.getByRole('heading', { name: 'Wie doen er mee' })).toHaveCount(0);
			await expect(guest.getByText('Coördinator')).toHaveCount(0);

			// Lin cannot come after all: the coordinator moves up.
			await guest.getByRole('link', { name: 'Ik kan toch niet' }).click();
			await guest.getByRole('button', { name: 'Ja, meld me af' }).click();
			await expect(guest.getByText('Je doet niet meer mee.', { exact: false })).toBeVisible();
			await coordinator.reload();
			await expect(coordinator.getByText('Je doet mee. Fijn!')).toBeVisible();

			// Someone outside the initiative cannot see it at all.
			const outsider = await browser.newContext({ baseURL, javaScriptEnabled });
			const outsiderPage = await outsider.newPage();
			expect((await outsiderPage.goto(activityPath))?.status()).toBe(404);
			expect((await outsiderPage.goto(list))?.status()).toBe(404);
			await outsider.close();

			// The host changes the title; the form starts with what is there now.
			await host.goto(activityPath);
			await host.getByRole('link', { name: 'Activiteit aanpassen' }).click();
			await expect(host.getByLabel('Naam van de activiteit')).toHaveValue('Samen wandelen');
			await expect(host.getByLabel('Begintijd')).toHaveValue('14:00');
			await expectAccessible(host);
			await host.getByLabel('Naam van de activiteit').fill('Samen wandelen in het park');
			await host.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
			await expect(host.getByRole('heading', { level: 1 })).toHaveText('Samen wandelen in het park');

			// The host cancels; everyone sees it clearly.
			await host.getByRole('button', { name: 'Activiteit afzeggen' }).click();
			await expect(host.getByText('Deze activiteit gaat niet door.')).toBeVisible();
			await expectAccessible(host);
			await guest.goto(list);
			await expect(guest.getByText('Gaat niet door')).toBeVisible();
			await expectAccessible(guest);

			// The same page in English.
			await guest.goto(`/en${activityPath}`);
			await expect(guest.getByText('This activity is cancelled.')).toBeVisible();
			await expect(guest.getByText(/(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d+ \w+, 14:00–16:00/)).toBeVisible();
			await expectAccessible(guest);

			for (const p of [coordinator, host, guest]) await p.context().close();
		});
	});
}
