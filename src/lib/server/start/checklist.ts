import { roleIn } from '../access/initiatives.ts';
import type { Viewer } from '../accounts/viewer.ts';
import { hasActivity } from '../activities/todo.ts';
import type { Db } from '../db/index.ts';
import { setupOf } from '../initiatives/setup.ts';

/**
 * A new coordinator's first steps, each ticked off when done: the place and
 * its hours, a photo, inviting people, planning a first activity. Only for
 * the initiative's coordinators (null for everyone else), and only until
 * every step is done (then null too: the page goes back to normal).
 */
export interface FirstSteps {
	placeAndHours: boolean;
	photo: boolean;
	invited: boolean;
	activity: boolean;
}

export async function firstSteps(db: Db, viewer: Viewer, initiativeId: string): Promise<FirstSteps | null> {
	if ((await roleIn(db, viewer, initiativeId)) !== 'coordinator') return null;
	const setup = (await setupOf(db, [initiativeId])).get(initiativeId);
	if (!setup) return null;
	const steps = { placeAndHours: setup.place && setup.hours, photo: setup.photo, invited: setup.invited, activity: await hasActivity(db, initiativeId) };
	return Object.values(steps).every(Boolean) ? null : steps;
}
