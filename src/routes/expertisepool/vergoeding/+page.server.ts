import type { Actions } from './$types';
import { declarationForm } from '#lib/server/expertise/declaration.ts';
import { formValues, parseForm, readForm, unreadableForm } from '#lib/server/http/forms.ts';

/** Fair pay: guidance, and a declaration made from the form. Nothing is stored; the filled declaration comes back to print. */
export const actions: Actions = {
	default: async ({ request }) => {
		const form = await readForm(request);
		if (!form) return unreadableForm();
		const parsed = parseForm(declarationForm, form);
		if (!parsed.ok) return parsed.failure;
		return { declaration: parsed.data, values: formValues(form) };
	}
};
