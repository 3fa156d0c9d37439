import { expect, expectAccessible, test } from './fixtures.ts';
import { initiativeWithInviteLink, joinWithLink, newPerson, signUp } from './helpers.ts';
import { mailFor } from './outbox.ts';

test('a member on the waitlist gets a place when someone cancels, and an e-mail that says so', async ({ browser, baseURL }) => {
	test.slow();
	// The coordinator starts an initiative, makes an invite link and a small activity.
	const { page: coordinator, slug, link } = await initiativeWithInviteLink(browser, baseURL!, true, 'De Kroon mails');

	const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date(Date.now() + 10 * 86_400_000));
	await coordinator.goto(`/initiatieven/${slug}/activiteiten/nieuw`);
	await coordinator.getByLabel('Naam van de activiteit').fill('Kleine schildergroep');
	await coordinator.getByLabel('Ontplooiing').check();
	await coordinator.getByLabel('Datum').fill(day);
	await coordinator.getByLabel('Begintijd').fill('14:00');
	await coordinator.getByLabel('Eindtijd').fill('16:00');
	await coordinator.getByLabel('Hoeveel mensen kunnen mee? (mag leeg blijven)').fill('1');
	await coordinator.getByRole('button', { name: 'Activiteit plaatsen' }).click();
	await expect(coordinator.getByRole('heading', { level: 1 })).toHaveText('Kleine schildergroep');
	const activityPath = new URL(coordinator.url()).pathname;

	// Lin takes the one place; Kees goes on the waitlist. Both get a mail about it.
	const lin = newPerson('Lin');
	const kees = newPerson('Kees');
	const linPage = await joinWithLink(browser, baseURL!, true, link, lin);
	const keesPage = await joinWithLink(browser, baseURL!, true, link, kees);
	await linPage.goto(activityPath);
	await linPage.getByRole('button', { name: 'Ik doe mee' }).click();
	await expect(linPage.getByText('Je doet mee. Fijn!')).toBeVisible();
	await keesPage.goto(activityPath);
	await keesPage.getByRole('button', { name: 'Zet me op de wachtlijst' }).click();
	await expect(keesPage.getByText('Je staat op de wachtlijst.', { exact: false })).toBeVisible();
	await mailFor(lin.email, 'Je bent aangemeld: Kleine schildergroep');
	await mailFor(kees.email, 'Je staat op de wachtlijst: Kleine schildergroep');

	// Lin cannot come after all: Kees moves up, and the mail tells him, with a link to the activity.
	await linPage.getByRole('link', { name: 'Ik kan toch niet' }).click();
	await linPage.getByRole('button', { name: 'Ja, meld me af' }).click();
	await expect(linPage.getByText('Je doet niet meer mee.', { exact: false })).toBeVisible();
	const mail = await mailFor(kees.email, 'Je hebt een plek: Kleine schildergroep');
	expect(mail.text).toContain('Je hebt nu een plek bij Kleine schildergroep van De Kroon mails.');
	const mailLink = /(https?:\/\/\S+\/activiteiten\/\S+)/.exec(mail.text)![1];
	expect(new URL(mailLink).pathname).toBe(activityPath);
	await keesPage.goto(new URL(mailLink).pathname);
	await expect(keesPage.getByText('Je doet mee. Fijn!')).toBeVisible();
	await expectAccessible(keesPage);
	await coordinator.context().close();
});

test('reminders by e-mail can be turned off in the account, and a broken stop link says so calmly', async ({ browser, baseURL }) => {
	const context = await browser.newContext({ baseURL });
	const page = await context.newPage();
	await signUp(page, newPerson('Noor'));
	await page.goto('/account');
	const setting = page.getByLabel('Stuur mij een dag van tevoren een herinnering', { exact: false });
	await expect(setting).toBeChecked();
	await expectAccessible(page);
	await setting.uncheck();
	await page.locator('form[action="?/herinneringen"]').getByRole('button', { name: 'Opslaan' }).click();
	await expect(page.getByText('Opgeslagen.')).toBeVisible();
	await page.goto('/account');
	await expect(setting).not.toBeChecked();

	const other = await browser.newContext({ baseURL });
	const anonymous = await other.newPage();
	await anonymous.goto('/herinneringen-uitzetten?token=niet-echt');
	await expect(anonymous.getByRole('heading', { level: 1 })).toHaveText('Geen herinneringen meer');
	await expect(anonymous.getByText('Deze link werkt niet.', { exact: false })).toBeVisible();
	await expect(anonymous.getByRole('button')).toHaveCount(0);
	await expectAccessible(anonymous);
	await other.close();
	await context.close();
});
