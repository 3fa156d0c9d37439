import { z } from 'zod';
import { displayName, email, password } from './forms.ts';

/*
 * The forms on the account pages. Error messages are message keys
 * (messages/account/*.json and messages/accounts/*.json). Password fields are
 * called `currentPassword` and `newPassword`, so a failed submit never sends
 * them back to the browser (see http/forms.ts).
 */

const currentPassword = z
	.string({ error: 'account_error_current_password_required' })
	.min(1, 'account_error_current_password_required')
	.max(256, 'form_password_long');

export const nameForm = z.object({ name: displayName });
export const localeForm = z.object({ locale: z.enum(['nl', 'en'], { error: 'account_error_locale' }) });
export const emailChangeForm = z.object({ email, currentPassword });
export const passwordChangeForm = z.object({ currentPassword, newPassword: password });
/** A first password, when there is none (see `choosePassword`). */
export const passwordChooseForm = z.object({ newPassword: password });
export const deleteForm = z.object({
	understood: z.literal('ja', { error: 'account_error_delete_understood' }),
	currentPassword
});
export const emailConfirmForm = z.object({ token: z.string().min(1, 'account_email_link_invalid').max(512, 'account_email_link_invalid') });
