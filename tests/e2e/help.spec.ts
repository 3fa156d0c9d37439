import { expect, expectAccessible, test } from './fixtures.ts';

/** The help pages: plain text pages, the same with and without JavaScript. */
const PAGES = [
	{ path: '/hulp', heading: 'Hulp nodig?', english: 'Need help?' },
	{ path: '/hoe-werkt-het', heading: 'Hoe werkt Herstelplein?', english: 'How does Herstelplein work?' },
	{ path: '/hoe-werkt-het/coordinatoren', heading: 'Hoe werkt het voor coördinatoren?', english: 'How does it work for coordinators?' },
	{ path: '/toegankelijkheid', heading: 'Toegankelijkheids\u00ADverklaring', english: 'Accessibility statement' }
];

test.use({ viewport: { width: 360, height: 740 } });

test('a visitor finds help, how it works and the accessibility statement from the footer, with and without JavaScript', async ({ page, browser, baseURL }) => {
	// With JavaScript: from the footer of the home page to each page.
	await page.goto('/');
	const footer = page.locator('footer');
	for (const [name, heading] of [['Hoe werkt het?', 'Hoe werkt Herstelplein?'], ['Toegankelijkheid', 'Toegankelijkheids\u00ADverklaring'], ['Hulp nodig?', 'Hulp nodig?']]) {
		await footer.getByRole('link', { name }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
	}
	// The chats are links to the services' own sites; the page itself asks nothing of them (the fixture checks every request).
	await expect(page.getByRole('link', { name: 'Chat met 113' })).toHaveAttribute('href', 'https://www.113.nl');
	await expect(page.locator('a[href="tel:0880767000"]')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Chat met De Luisterlijn' })).toHaveAttribute('href', 'https://www.deluisterlijn.nl');

	// Without JavaScript, at 360 px: every page reads, in both languages, and axe finds nothing.
	const context = await browser.newContext({ baseURL, javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
	const plain = await context.newPage();
	for (const { path, heading, english } of PAGES) {
		await plain.goto(path);
		await expect(plain.getByRole('heading', { level: 1 })).toHaveText(heading);
		await expectAccessible(plain);
		await plain.goto(`/en${path}`);
		await expect(plain.getByRole('heading', { level: 1 })).toHaveText(english);
	}
	// The statement is honest about its status and says how to report a problem.
	await plain.goto('/toegankelijkheid');
	await expect(plain.getByText(/^Status C/)).toBeVisible();
	await expect(plain.getByRole('heading', { name: 'Iets werkt niet voor jou?' })).toBeVisible();
	await plain.goto('/hoe-werkt-het/coordinatoren');
	await expect(plain.getByText(/Instellingen voor activiteiten/)).toBeVisible();
	await context.close();
});
