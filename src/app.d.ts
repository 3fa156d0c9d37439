import type { AccountsContext } from '#lib/server/accounts/service.ts';
import type { Viewer } from '#lib/server/accounts/viewer.ts';
import type { Db } from '#lib/server/db/index.ts';
import type { Mailer } from '#lib/server/mail/index.ts';
import type { Locale } from '#lib/paraglide/runtime.js';

declare global {
	namespace App {
		interface Error {
			message: string;
			/** Request id, shown so a person can mention it when reporting a problem. */
			id?: string;
		}
		interface Locals {
			requestId: string;
			locale: Locale;
			db: Db;
			accounts: AccountsContext;
			mailer: Mailer;
			/** Public address for links in e-mails. */
			origin: string;
			/** The person signed in, or null. */
			viewer: Viewer;
		}
	}
}

export {};
