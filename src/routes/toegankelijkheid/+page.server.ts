import type { PageServerLoad } from './$types';
import { config } from '#lib/server/config.ts';

export const load: PageServerLoad = () => ({ contact: config().CONTACT_EMAIL ?? null });
