import type { Page } from '@playwright/test';
import { expect, expectAccessible, JOURNEY_SCRIPTING, test } from './fixtures.ts';
import { initiativeWithInviteLink, joinWithLink, newPerson } from './helpers.ts';
import { mailFor } from './outbox.ts';

/** On the 360 px phone nothing may need sideways scrolling. */
async function expectNoSideways(page: Page) {
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(0);
}

for (const javaScriptEnabled of JOURNEY_SCRIPTING) {
	test.describe(`moderation (${javaScriptEnabled ? 'with' : 'without'} JavaScript)`, () => {
		test.use({ javaScriptEnabled });

		test('a member reports a message; the coordinator sees only that message, hides it with a reason; the other side no longer reads it; both hear the outcome', async ({ browser, baseURL }) => {
			test.slow();
			const suffix = javaScriptEnabled ? 'JS' : 'zonder JS';
			const { page: coordinator, slug, link } = await initiativeWithInviteLink(browser, baseURL!, javaScriptEnabled, `De Linde ${suffix}`);

			// The coordinator writes an afspraak of their own, next to the platform's.
			await coordinator.goto(`/initiatieven/${slug}/afspraken`);
			await coordinator.getByLabel('Nieuwe afspraak').fill('We laten elkaar in onze waarde.');
			await coordinator.getByRole('button', { name: 'Toevoegen' }).click();
			await expect(coordinator.getByRole('status')).toHaveText('Opgeslagen.');
			await expect(coordinator.getByText('We gaan met respect met elkaar om.')).toBeVisible();
			await expectAccessible(coordinator);

			const noor = newPerson('Noor');
			const joost = newPerson('Joost');
			const noorPage = await joinWithLink(browser, baseURL!, javaScriptEnabled, link, noor);
			const joostPage = await joinWithLink(browser, baseURL!, javaScriptEnabled, link, joost);
			await joostPage.setViewportSize({ width: 360, height: 740 });

			// Noor offers something, Joost responds, Noor answers rudely and then normally.
			await noorPage.goto('/vraag-en-aanbod/nieuw');
			await noorPage.getByLabel('Ik bied iets aan').check();
			await noorPage.getByLabel('Korte titel').fill('Samen wandelen');
			await noorPage.getByLabel('Thema').selectOption({ label: 'Bewegen en buiten' });
			await noorPage.getByLabel('Plaats', { exact: true }).fill('Zwolle');
			await noorPage.getByRole('button', { name: 'Plaatsen' }).click();
			const postPath = new URL(noorPage.url()).pathname;
			await joostPage.goto(postPath);
			await joostPage.getByRole('link', { name: 'Dit wil ik graag' }).click();
			await joostPage.getByLabel('Je bericht').fill('Hoi Noor, ik loop graag mee. Mijn eigen woorden.');
			await joostPage.getByRole('button', { name: 'Bericht sturen' }).click();
			const conversationPath = new URL(joostPage.url()).pathname;
			await noorPage.goto(conversationPath);
			await noorPage.getByLabel('Je bericht').fill('Wat een domme vraag, laat me met rust.');
			await noorPage.getByRole('button', { name: 'Versturen' }).click();
			await expect(noorPage.getByRole('status')).toHaveText('Je bericht is verstuurd.');

			// Joost, on his phone, reports that message with the initiative's own afspraak and his own words.
			await joostPage.goto(conversationPath);
			await joostPage.getByRole('link', { name: 'Dit bericht melden' }).click();
			await expect(joostPage.getByRole('heading', { level: 1 })).toHaveText('Melden bij de coördinatoren');
			await expect(joostPage.getByText('Wat een domme vraag, laat me met rust.')).toBeVisible();
			await joostPage.getByRole('button', { name: 'Melding versturen' }).click();
			await expect(joostPage.getByRole('alert')).toContainText('Kies een afspraak.');
			await expectAccessible(joostPage);
			await joostPage.getByLabel('We laten elkaar in onze waarde.').check();
			await joostPage.getByLabel('Wat is er gebeurd? In je eigen woorden').fill('Ze werd boos op mij. Dat deed pijn.');
			await joostPage.getByRole('button', { name: 'Melding versturen' }).click();
			await expect(joostPage.getByRole('status')).toContainText('Dank je voor het melden.');
			await expectNoSideways(joostPage);

			// The coordinator finds it in the queue and sees the reported message only, not the rest of the conversation.
			await coordinator.goto(`/initiatieven/${slug}`);
			await coordinator.getByRole('link', { name: 'Meldingen' }).click();
			await expect(coordinator.getByText('Een bericht, over Noor', { exact: true })).toBeVisible();
			await expectAccessible(coordinator);
			await coordinator.getByRole('link', { name: /^Bekijken/ }).click();
			await expect(coordinator.getByText('Wat een domme vraag, laat me met rust.')).toBeVisible();
			await expect(coordinator.getByText('Ze werd boos op mij. Dat deed pijn.')).toBeVisible();
			await expect(coordinator.getByText('Mijn eigen woorden')).toHaveCount(0);
			await coordinator.getByLabel('Verbergen').check();
			await coordinator.getByRole('button', { name: 'Uitvoeren' }).click();
			await expect(coordinator.getByRole('alert')).toContainText('Schrijf een reden op.');
			await expect(coordinator.getByLabel('Verbergen')).toBeChecked();
			await expectAccessible(coordinator);
			await coordinator.getByLabel('Reden').fill('Zo praten we niet tegen elkaar.');
			await coordinator.getByRole('button', { name: 'Uitvoeren' }).click();
			await expect(coordinator.getByRole('status')).toContainText('Gedaan.');
			await coordinator.getByRole('link', { name: 'Terug naar de meldingen' }).click();
			await expect(coordinator.getByText('Er zijn geen open meldingen.')).toBeVisible();
			await expect(coordinator.getByText('Reden: Zo praten we niet tegen elkaar.')).toBeVisible();

			// Joost no longer reads the text; Noor sees hers marked as hidden, and why, without who reported it.
			await joostPage.goto(conversationPath);
			await expect(joostPage.getByText('Verborgen door de coördinatoren.')).toBeVisible();
			await expect(joostPage.getByText('Wat een domme vraag')).toHaveCount(0);
			await expectAccessible(joostPage);
			await expectNoSideways(joostPage);
			await noorPage.goto(conversationPath);
			await expect(noorPage.getByText('De ander ziet dit bericht niet meer.')).toBeVisible();

			const toNoor = await mailFor(noor.email, 'Een bericht van de coördinatoren');
			const toJoost = await mailFor(joost.email, 'Je melding is bekeken');
			for (const mail of [toNoor, toJoost]) {
				expect(mail.text).toContain('/account/meldingen');
				expect(mail.text).not.toMatch(/domme|Zo praten|boos|De Linde/);
			}
			expect(toNoor.text).not.toContain('Joost');

			await noorPage.goto('/account/meldingen');
			await expect(noorPage.getByText(`De coördinatoren van De Linde ${suffix} hebben iets dat jij schreef verborgen.`)).toBeVisible();
			await expect(noorPage.getByText('Reden: Zo praten we niet tegen elkaar.')).toBeVisible();
			await expect(noorPage.getByText(/Joost|boos/)).toHaveCount(0);
			await expectAccessible(noorPage);
			await joostPage.goto('/account/meldingen');
			await expect(joostPage.getByText('We hebben ernaar gekeken.')).toBeVisible();
			await expectNoSideways(joostPage);

			// Nobody else opens the queue: not a member.
			expect((await noorPage.goto(`/initiatieven/${slug}/meldingen`))?.status()).toBe(404);
		});
	});
}
