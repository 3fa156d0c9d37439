import { readFile } from 'node:fs/promises';
import { expect, expectAccessible, JOURNEY_SCRIPTING, test } from './fixtures.ts';
import { initiativeWithInviteLink, joinWithLink } from './helpers.ts';

for (const javaScriptEnabled of JOURNEY_SCRIPTING) {
	test.describe(`importing activities (${javaScriptEnabled ? 'with' : 'without'} JavaScript)`, () => {
		test.use({ javaScriptEnabled });

		test('a coordinator downloads the template, uploads a list with one mistake, fixes it and puts the activities in the agenda', async ({ browser, baseURL }) => {
			const suffix = javaScriptEnabled ? 'JS' : 'zonder JS';
			const { page, slug, link } = await initiativeWithInviteLink(browser, baseURL!, javaScriptEnabled, `Import De Linde ${suffix}`);
			const list = `/initiatieven/${slug}/activiteiten`;

			await page.goto(list);
			await page.getByRole('link', { name: 'Activiteiten overnemen uit een lijst of agenda' }).click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Activiteiten overnemen');
			await expectAccessible(page);

			// The template: Dutch column names, semicolons, a byte-order mark for Excel.
			const downloading = page.waitForEvent('download');
			await page.getByRole('link', { name: 'Download het voorbeeld (CSV)' }).click();
			const download = await downloading;
			expect(download.suggestedFilename()).toBe('activiteiten-voorbeeld.csv');
			const template = await readFile((await download.path())!, 'utf8');
			expect(template.startsWith('\uFEFFtitel;datum;begin;eind;soort;thema;plaats')).toBe(true);
			const lines = template.split('\r\n');

			// One row with a date that does not exist: the preview says which line and field, and nothing is saved.
			const broken = [lines[0], lines[1], lines[2].replace(/^([^;]*);[^;]*;/, '$1;31-2-2027;'), ''].join('\r\n');
			await page.getByLabel('Bestand (.csv of .ics)').setInputFiles({ name: 'agenda.csv', mimeType: 'text/csv', buffer: Buffer.from(broken) });
			await page.getByRole('button', { name: 'Bekijk wat er in staat' }).click();
			await expect(page.getByRole('heading', { name: 'Dit gaat er gebeuren' })).toBeVisible();
			await expect(page.getByText('Regel 3, datum: Deze datum bestaat niet. Schrijf hem zo: 1-12-2026.')).toBeVisible();
			const table = page.getByRole('table', { name: 'Wat er met elke regel gebeurt' });
			await expect(table.getByRole('row', { name: /Samen wandelen/ })).toContainText('Ok: nieuw');
			await expect(table.getByRole('row', { name: /Schilderen met acryl/ })).toContainText('Fout, niet overgenomen');
			await expect(page.getByRole('button', { name: 'Zet 1 activiteit in de agenda' })).toBeVisible();
			await expectAccessible(page);

			// Fixed in the file and chosen again: both are fine, and go into the agenda.
			await page.getByLabel('Bestand (.csv of .ics)').setInputFiles({ name: 'agenda.csv', mimeType: 'text/csv', buffer: Buffer.from(template) });
			await page.getByRole('button', { name: 'Bekijk wat er in staat' }).click();
			await expect(page.getByText('Nieuw in de agenda: 2')).toBeVisible();
			await page.getByRole('button', { name: 'Zet 2 activiteiten in de agenda' }).click();
			await expect(page.getByRole('status')).toContainText('Klaar. Nieuw in de agenda: 2.');
			await expectAccessible(page);
			await page.getByRole('link', { name: 'Bekijk de agenda' }).click();
			await expect(page.getByRole('link', { name: /Samen wandelen/ }).first()).toBeVisible();
			await expect(page.getByRole('link', { name: /Schilderen met acryl/ })).toBeVisible();

			// The same file again adds nothing.
			await page.goto(`${list}/importeren`);
			await page.getByLabel('Bestand (.csv of .ics)').setInputFiles({ name: 'agenda.csv', mimeType: 'text/csv', buffer: Buffer.from(template) });
			await page.getByRole('button', { name: 'Bekijk wat er in staat' }).click();
			await expect(page.getByText('Staat er al, niets veranderd: 2')).toBeVisible();
			await expect(page.getByText('Er is niets om in de agenda te zetten.')).toBeVisible();

			// A member who is no coordinator sees no link, and the page does not exist for them.
			const member = await joinWithLink(browser, baseURL!, javaScriptEnabled, link, 'Noor');
			await member.goto(list);
			await expect(member.getByRole('link', { name: /Samen wandelen/ }).first()).toBeVisible();
			await expect(member.getByRole('link', { name: 'Activiteiten overnemen uit een lijst of agenda' })).toHaveCount(0);
			expect((await member.goto(`${list}/importeren`))?.status()).toBe(404);
			expect((await member.request.get(`${list}/importeren/voorbeeld.csv`)).status()).toBe(404);
		});
	});
}

test('bad files and links get a clear message and a 400, never an error page', async ({ browser, baseURL }) => {
	const { page, slug } = await initiativeWithInviteLink(browser, baseURL!, true, 'Import Het Anker fouten');
	const action = `/initiatieven/${slug}/activiteiten/importeren?/bekijken`;
	const send = (file: { name: string; mimeType: string; buffer: Buffer } | null, url = '') =>
		page.request.post(action, {
			headers: { origin: baseURL!, accept: 'text/html' },
			multipart: { ...(file ? { file } : {}), url, kind: 'ontmoeting', visibility: 'members' }
		});
	const cases: Array<[string, Awaited<ReturnType<typeof send>>]> = [
		['Kies een bestand, of vul een link in.', await send(null)],
		['Dit bestand is leeg.', await send({ name: 'leeg.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) })],
		['Dit is geen CSV-bestand en geen agendabestand.', await send({ name: 'folder.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n') })],
		['Dit bestand is te groot.', await send({ name: 'groot.csv', mimeType: 'text/csv', buffer: Buffer.alloc(5 * 1024 * 1024, 'a') })],
		['Deze kolommen missen: titel, datum, begin, eind.', await send({ name: 'rommel.csv', mimeType: 'text/csv', buffer: Buffer.from('lorem ipsum dolor\nsit amet\n') })],
		['Er staan geen activiteiten in dit bestand.', await send({ name: 'kop.csv', mimeType: 'text/csv', buffer: Buffer.from('titel;datum;begin;eind\n') })],
		['Deze link kunnen we niet gebruiken.', await send(null, 'ftp://voorbeeld.test/agenda.ics')],
		['Deze link gaat naar een adres in een eigen netwerk.', await send(null, `${baseURL}/initiatieven/${slug}/activiteiten.ics`)]
	];
	for (const [message, response] of cases) {
		expect(response.status(), message).toBe(400);
		expect(await response.text(), message).toContain(message);
	}
	// A draft that was tampered with is refused as well.
	const confirm = await page.request.post(`/initiatieven/${slug}/activiteiten/importeren?/opslaan`, {
		headers: { origin: baseURL!, accept: 'text/html' },
		form: { draft: '{"format":"csv","rows":"alles"}', kind: 'ontmoeting', visibility: 'members' }
	});
	expect(confirm.status()).toBe(400);
	expect(await confirm.text()).toContain('We konden de lijst niet meer lezen.');
});
