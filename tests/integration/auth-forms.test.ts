import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import nl from '../../messages/accounts/nl.json' with { type: 'json' };
import en from '../../messages/accounts/en.json' with { type: 'json' };
import { emailForm, newPasswordForm, signInForm, signUpForm, tokenForm } from '#lib/server/accounts/forms.ts';

const schemas = { signUpForm, signInForm, emailForm, newPasswordForm, tokenForm };
const fields = ['name', 'email', 'password', 'token', 'next', 'other'];

/** What a form field can hold once parsed: text (any unicode, long), several values, a file, or nothing. */
const fieldValue = fc.oneof(
	fc.string({ unit: 'grapheme', maxLength: 300 }),
	fc.string({ unit: 'binary', maxLength: 300 }),
	fc.string({ minLength: 250, maxLength: 5000 }),
	fc.emailAddress(),
	fc.emailAddress().map((e) => ` ${e.toUpperCase()} `),
	fc.array(fc.string(), { minLength: 2, maxLength: 3 }),
	fc.constant(new File(['x'], 'x.txt')),
	fc.constantFrom(undefined, null, 0, true, {})
);
const formLike = fc.dictionary(fc.constantFrom(...fields), fieldValue);

describe('the account forms', () => {
	for (const [name, schema] of Object.entries(schemas)) {
		it(`${name}: any input gives data or messages people can read, never an exception`, () => {
			fc.assert(
				fc.property(formLike, (input) => {
					const result = schema.safeParse(input);
					if (result.success) return;
					expect(result.error.issues.length).toBeGreaterThan(0);
					for (const issue of result.error.issues) {
						expect(Object.keys(nl), `message key ${issue.message}`).toContain(issue.message);
						expect(Object.keys(en)).toContain(issue.message);
					}
				}),
				{ numRuns: 400 }
			);
		});
	}

	it('accepts a valid address in any case and with spaces around it, as lower case', () => {
		fc.assert(
			fc.property(fc.emailAddress().filter((e) => e.length <= 254), (email) => {
				const result = emailForm.safeParse({ email: `  ${email.toUpperCase()} ` });
				if (result.success) expect(result.data.email).toBe(email.toLowerCase());
			})
		);
		expect(emailForm.parse({ email: ' Sam@Voorbeeld.NL ' })).toEqual({ email: 'sam@voorbeeld.nl' });
	});

	it('never lets through a name, address or password beyond its limit', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.string({ maxLength: 400 }), (name, password) => {
				const result = signUpForm.safeParse({ name, email: 'sam@voorbeeld.nl', password });
				if (result.success) {
					expect(result.data.name.length).toBeGreaterThan(0);
					expect(result.data.name.length).toBeLessThanOrEqual(60);
					expect(result.data.password.length).toBeGreaterThanOrEqual(8);
					expect(result.data.password.length).toBeLessThanOrEqual(256);
				}
			})
		);
		expect(emailForm.safeParse({ email: `${'a'.repeat(250)}@voorbeeld.nl` }).success).toBe(false);
	});

	it('refuses characters the database cannot store, with a message', () => {
		for (const name of ['Sam\u0000', '\u0000']) {
			const result = signUpForm.safeParse({ name, email: 'sam@voorbeeld.nl', password: 'een lang wachtwoord' });
			expect(result.success).toBe(false);
		}
	});
});
