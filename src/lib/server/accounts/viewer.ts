/**
 * Who is looking: the person signed in, or nobody. Every service function that
 * reads member data takes the viewer and decides with it (see `access/`).
 */
export type Viewer = SignedIn | null;

export interface SignedIn {
	userId: string;
	name: string;
	email: string;
	locale: 'nl' | 'en';
	isAdmin: boolean;
}
