import type { SignedIn } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';

/*
 * The contract of the personal-data list: each capability that keeps
 * something about a person exports one part (its own `personal-data.ts`),
 * and `personal-data/index.ts` composes them. A capability imports only this
 * type from here, never the list itself.
 *
 *   - `collect` returns everything it keeps about the person, for the export
 *     (never password hashes, tokens or other people's private data);
 *   - `erase` removes or anonymises it, inside the delete transaction, before
 *     the account row goes. Content others rely on (messages, stories) is
 *     anonymised there rather than deleted. Rows with `on delete cascade` to
 *     app_user need no `erase`.
 */
export interface PersonalDataPart {
	/** Key of this part in the export file. */
	key: string;
	collect(db: Db, viewer: SignedIn): Promise<unknown>;
	erase?(tx: Db, viewer: SignedIn): Promise<void>;
}
