import { execSync } from 'node:child_process';
import { defineConfig, devices } from '@playwright/test';

/** Debian's Chromium: no browser can be downloaded on these machines. */
function chromiumPath(): string {
	if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
	try {
		return execSync('command -v chromium || command -v chromium-browser', { shell: '/bin/sh' }).toString().trim();
	} catch {
		throw new Error('Chromium not found: install Debian\'s "chromium" package or set CHROMIUM_PATH.');
	}
}

export default defineConfig({
	testDir: 'tests/e2e',
	globalSetup: './tests/e2e/global-setup.ts',
	// Two spec files at a time: each journey is a chain of browser and server
	// work that keeps one core busy, and every file's people, initiatives and
	// mails are its own (unique names, outbox read per address). Tests in one
	// file run in order: a journey's steps build on each other.
	fullyParallel: false,
	workers: 2,
	retries: 0,
	timeout: 120_000,
	expect: { timeout: 10_000 },
	reporter: [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? '.tmp/playwright.json' }]],
	// The HTML validator reads the pages the other tests saved, once, after them
	// (a teardown runs even when some of them failed); see html-valid.spec.ts.
	projects: [
		{ name: 'e2e', testIgnore: /html-valid\.spec\.ts/, teardown: 'html' },
		{ name: 'html', testMatch: /html-valid\.spec\.ts/ }
	],
	use: {
		...devices['Desktop Chrome'],
		locale: 'nl-NL',
		timezoneId: 'Europe/Amsterdam',
		launchOptions: {
			executablePath: chromiumPath(),
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	}
});
