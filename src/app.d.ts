import type { Db } from '#lib/server/db/index.ts';
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
		}
	}
}

export {};
