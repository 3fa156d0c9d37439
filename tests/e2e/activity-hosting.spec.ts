import { expect, expectAccessible, test } from './fixtures.ts';
import { initiativeWithInviteLink, joinWithLink, newPerson } from './helpers.ts';
import { mailFor } from './outbox.ts';

/** A day `days` from today in Amsterdam, as a date field takes it. */
const dayFromNow = (days: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date(Date.now() + days * 86_400_000));

// Without JavaScript: every step is a plain form. (The activity journeys in activities.spec.ts run with it too.)
test.use({ javaScriptEnabled: false });

test('coordinators look at proposals first; a member proposes an online, paid activity, asks a co-host, and the turnout is written down', async ({ browser, baseURL }) => {
	test.slow();
	const { page: coordinator, slug, link } = await initiativeWithInviteLink(browser, baseURL!, false, 'De Kroon voorstellen');
	const noor = newPerson('Noor');
	const noorPage = await joinWithLink(browser, baseURL!, false, link, noor);
	const joost = await joinWithLink(browser, baseURL!, false, link, 'Joost');
	const list = `/initiatieven/${slug}/activiteiten`;

	// The coordinator turns review on.
	await coordinator.goto(list);
	await coordinator.getByRole('link', { name: 'Instellingen voor activiteiten' }).click();
	await expectAccessible(coordinator);
	await coordinator.getByLabel('Een coördinator kijkt eerst, voordat een activiteit in de agenda komt').check();
	await coordinator.getByRole('button', { name: 'Opslaan' }).click();
	await expect(coordinator.getByRole('status')).toHaveText('De instellingen zijn opgeslagen.');
	await expect(coordinator.getByLabel('Een coördinator kijkt eerst, voordat een activiteit in de agenda komt')).toBeChecked();

	// Noor proposes an activity with the new details; a wrong amount and link get a message and nothing typed is lost.
	await noorPage.goto(`${list}/nieuw`);
	await expect(noorPage.getByText('Bij dit initiatief kijkt een coördinator eerst naar nieuwe activiteiten.')).toBeVisible();
	await noorPage.getByLabel('Naam van de activiteit').fill('Schilderen in het park');
	await noorPage.getByLabel('Ontplooiing').check();
	await noorPage.getByLabel('Thema (mag leeg blijven)').selectOption({ label: 'Creatief' });
	await noorPage.getByLabel('Datum').fill(dayFromNow(12));
	await noorPage.getByLabel('Begintijd').fill('10:00');
	await noorPage.getByLabel('Eindtijd').fill('12:00');
	await noorPage.getByLabel('Link voor online meedoen (mag leeg blijven)').fill('meet.jit.si');
	await noorPage.getByLabel('Wat kost het per persoon? (mag leeg blijven)').fill('twee euro');
	await noorPage.getByLabel('Wat neem je mee? (mag leeg blijven)').fill('Een schort');
	await noorPage.getByLabel('Prikkelarm').check();
	await noorPage.getByRole('button', { name: 'Activiteit plaatsen' }).click();
	await expect(noorPage.getByRole('alert')).toContainText('Vul een hele link in die begint met https://');
	await expect(noorPage.getByRole('alert')).toContainText('Vul een bedrag in, zoals 2,50.');
	await expect(noorPage.getByLabel('Wat neem je mee? (mag leeg blijven)')).toHaveValue('Een schort');
	await expect(noorPage.getByLabel('Prikkelarm')).toBeChecked();
	await expect(noorPage.getByLabel('Thema (mag leeg blijven)')).toHaveValue('creatief');
	await expectAccessible(noorPage);
	await noorPage.getByLabel('Link voor online meedoen (mag leeg blijven)').fill('https://meet.jit.si/kroon-schilderen');
	await noorPage.getByLabel('Wat kost het per persoon? (mag leeg blijven)').fill('2,50');
	await noorPage.getByRole('button', { name: 'Activiteit plaatsen' }).click();
	await expect(noorPage.getByRole('heading', { level: 1 })).toHaveText('Schilderen in het park');
	await expect(noorPage.getByRole('heading', { name: 'Dit is een voorstel' })).toBeVisible();
	await expectAccessible(noorPage);
	const activityPath = new URL(noorPage.url()).pathname;

	// Joost does not see the proposal yet, not in the list and not by its address.
	await joost.goto(list);
	await expect(joost.getByText('Schilderen in het park')).toHaveCount(0);
	expect((await joost.goto(activityPath))?.status()).toBe(404);

	// The coordinator gets a mail, finds the proposal on the list and puts it in the calendar.
	await mailFor('@', 'Nieuw voorstel: Schilderen in het park');
	await coordinator.goto(list);
	await expect(coordinator.getByRole('heading', { name: 'Voorstellen om naar te kijken (1)' })).toBeVisible();
	await coordinator.getByRole('link', { name: 'Schilderen in het park' }).first().click();
	await coordinator.getByRole('button', { name: 'In de agenda zetten' }).click();
	await expect(coordinator.getByRole('status').first()).toContainText('De activiteit staat nu in de agenda.');
	await mailFor(noor.email, 'Je activiteit staat in de agenda: Schilderen in het park');

	// Joost sees the details, but the meeting link only after signing up.
	await joost.goto(activityPath);
	await expect(joost.getByText('€ 2,50 per persoon')).toBeVisible();
	await expect(joost.getByText('Een schort')).toBeVisible();
	await expect(joost.getByText('Creatief', { exact: false })).toBeVisible();
	await expect(joost.getByText('Prikkelarm')).toBeVisible();
	await expect(joost.getByText('Je krijgt de link als je je aanmeldt.')).toBeVisible();
	await expect(joost.getByRole('link', { name: 'Naar de online bijeenkomst' })).toHaveCount(0);
	await joost.getByRole('button', { name: 'Ik doe mee' }).click();
	await expect(joost.getByRole('link', { name: 'Naar de online bijeenkomst' })).toHaveAttribute('href', 'https://meet.jit.si/kroon-schilderen');
	await expect(joost.getByRole('heading', { name: 'Wie doen er mee' })).toHaveCount(0);

	// Noor asks Joost to help: now he sees who comes and may change it.
	await noorPage.goto(activityPath);
	await noorPage.getByLabel('Wie helpt mee?').selectOption({ label: 'Joost' });
	await noorPage.getByRole('button', { name: 'Toevoegen' }).click();
	await expect(noorPage.getByRole('status').first()).toContainText('Toegevoegd.');
	await expectAccessible(noorPage);
	await joost.goto(activityPath);
	await expect(joost.getByText('Noor, Joost')).toBeVisible();
	await expect(joost.getByRole('heading', { name: 'Wie doen er mee' })).toBeVisible();
	await expect(joost.getByRole('link', { name: 'Activiteit aanpassen' })).toBeVisible();

	// The coordinator writes down how many came to yesterday's coffee morning.
	await coordinator.goto(`${list}/nieuw`);
	await coordinator.getByLabel('Naam van de activiteit').fill('Koffieochtend');
	await coordinator.getByLabel('Ontmoeting').check();
	await coordinator.getByLabel('Datum').fill(dayFromNow(-1));
	await coordinator.getByLabel('Begintijd').fill('10:00');
	await coordinator.getByLabel('Eindtijd').fill('11:30');
	await coordinator.getByRole('button', { name: 'Activiteit plaatsen' }).click();
	// A day that has passed is asked about first (a typing mistake, mostly); what was typed stays.
	await expect(coordinator.getByText('Deze dag is al voorbij. Klopt de datum?').first()).toBeVisible();
	await expect(coordinator.getByLabel('Naam van de activiteit')).toHaveValue('Koffieochtend');
	await expectAccessible(coordinator);
	await coordinator.getByLabel(/Ja, de activiteit was al/).check();
	await coordinator.getByRole('button', { name: 'Activiteit plaatsen' }).click();
	await expect(coordinator.getByRole('heading', { name: 'Hoeveel mensen kwamen er?' })).toBeVisible();
	await coordinator.goto(list);
	await coordinator.getByRole('link', { name: 'Opkomst bijhouden' }).click();
	await expect(coordinator.getByRole('heading', { level: 1 })).toHaveText('Opkomst');
	const count = coordinator.getByLabel(/Koffieochtend/);
	if (dayFromNow(-1).slice(0, 7) !== dayFromNow(0).slice(0, 7)) await coordinator.getByRole('link', { name: 'Vorige maand' }).click();
	await count.fill('veel');
	await coordinator.getByRole('button', { name: 'Opslaan' }).click();
	await expect(coordinator.getByText('Vul een heel getal in, bijvoorbeeld 8.')).toBeVisible();
	await expect(count).toHaveValue('veel');
	await count.fill('9');
	await coordinator.getByRole('button', { name: 'Opslaan' }).click();
	await expect(coordinator.getByRole('status')).toHaveText('Opgeslagen');
	await expect(count).toHaveValue('9');
	await expect(coordinator.getByRole('table')).toContainText('9');
	await expectAccessible(coordinator);

	// Members do not reach the coordinators' pages.
	expect((await joost.goto(`${list}/opkomst`))?.status()).toBe(404);
	expect((await joost.goto(`${list}/instellingen`))?.status()).toBe(404);
});
