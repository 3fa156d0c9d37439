import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from './auth.ts';

/*
 * The account forms. Error messages are message keys (messages/accounts/*.json).
 * Only a name to show and an e-mail address are asked: nothing else is needed.
 */

export const email = z
	.string({ error: 'form_email_required' })
	.trim()
	.toLowerCase()
	.min(1, 'form_email_required')
	.max(254, 'form_email_invalid')
	.pipe(z.email({ error: 'form_email_invalid' }));

/** A new password. */
export const password = z
	.string({ error: 'form_password_required' })
	.min(1, 'form_password_required')
	.min(MIN_PASSWORD_LENGTH, 'form_password_short')
	.max(256, 'form_password_long');

export const displayName = z
	.string({ error: 'form_name_required' })
	.trim()
	.min(1, 'form_name_required')
	.max(60, 'form_name_long')
	// Control characters (a NUL cannot even be stored) have no place in a name.
	.regex(/^\P{Cc}*$/u, 'form_name_invalid');

export const signUpForm = z.object({ name: displayName, email, password });
export const signInForm = z.object({ email, password: z.string({ error: 'form_password_required' }).min(1, 'form_password_required').max(256, 'form_password_long') });
export const emailForm = z.object({ email });
/** The one-time token from a link in an e-mail. */
const token = z.string({ error: 'auth_link_invalid' }).min(1, 'auth_link_invalid').max(512, 'auth_link_invalid');

export const newPasswordForm = z.object({ token, password });
export const tokenForm = z.object({ token });

/** The form field a sign-up or sign-in failure is shown next to. */
export function authErrorField(error: string): 'password' | 'form' {
	return error === 'weak_password' ? 'password' : 'form';
}
