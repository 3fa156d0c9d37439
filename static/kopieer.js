// A "copy" button beside a link field, for pages that offer a link to pass on.
// Progressive enhancement: without JavaScript the button stays hidden and the
// field shows the link, selectable; with it, the button copies and says so.
for (const button of document.querySelectorAll('button[data-copy]')) {
	const field = document.getElementById(button.dataset.copy);
	const status = document.getElementById(button.dataset.status);
	if (!field || !status) continue;
	button.hidden = false;
	button.addEventListener('click', async () => {
		try {
			await navigator.clipboard.writeText(field.value);
			status.textContent = button.dataset.copied;
		} catch {
			field.select();
			status.textContent = button.dataset.selected;
		}
	});
}
