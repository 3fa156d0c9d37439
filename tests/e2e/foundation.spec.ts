import { expect, expectAccessible, test } from './fixtures.ts';

test.describe('a first visit', () => {
	test('the home page speaks Dutch and explains Herstelplein', async ({ page }) => {
		const response = await page.goto('/');
		expect(response?.status()).toBe(200);
		await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welkom op Herstelplein');
		await expect(page.getByRole('link', { name: 'Hulp nodig?' }).first()).toBeVisible();
		await expectAccessible(page);
	});

	test('the home page in English', async ({ page }) => {
		await page.goto('/en');
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Herstelplein');
		await expectAccessible(page);
	});

	test('the help page signposts 113, 0800-0113, 112 and the GP', async ({ page }) => {
		await page.goto('/');
		await page.getByRole('link', { name: 'Hulp nodig?' }).first().click();
		await expect(page).toHaveURL(/\/hulp$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hulp nodig?');
		await expect(page.locator('a[href="tel:113"]')).toBeVisible();
		await expect(page.locator('a[href="tel:08000113"]')).toBeVisible();
		await expect(page.locator('a[href="tel:112"]')).toBeVisible();
		await expect(page.getByText(/huisartsenpost/)).toBeVisible();
		await expectAccessible(page);
	});

	test('the skip link moves focus to the content', async ({ page }) => {
		await page.goto('/hulp');
		await page.keyboard.press('Tab');
		const skip = page.getByRole('link', { name: 'Naar de inhoud' });
		await expect(skip).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(/#inhoud$/);
	});

	test('an unknown address shows a friendly 404 page with a way back', async ({ page }) => {
		const response = await page.goto('/bestaat-niet');
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deze pagina bestaat niet');
		await expect(page.getByRole('link', { name: 'Naar de homepage' })).toBeVisible();
		await expectAccessible(page);
		const en = await page.goto('/en/does-not-exist');
		expect(en?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('This page does not exist');
		await expectAccessible(page);
	});
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the language switch works both ways and keeps the page', async ({ page }) => {
		await page.goto('/hulp');
		await page.getByRole('link', { name: 'Read this page in English' }).click();
		await expect(page).toHaveURL(/\/en\/hulp$/);
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Need help?');
		await page.getByRole('link', { name: 'Lees deze pagina in het Nederlands' }).click();
		await expect(page).toHaveURL(/\/hulp$/);
		await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
	});
});

test.describe('on a small phone', () => {
	test.use({ viewport: { width: 320, height: 640 } });

	test('nothing needs sideways scrolling', async ({ page }) => {
		for (const path of ['/', '/hulp', '/en']) {
			await page.goto(path);
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
			expect(overflow, `horizontal overflow on ${path}`).toBeLessThanOrEqual(0);
			await expectAccessible(page);
		}
	});
});
