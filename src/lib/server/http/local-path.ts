/** Any origin will do: a path is resolved against it only to see where a browser would go. */
const HERE = 'http://herstelplein.invalid';

/**
 * A path on this site to go to next (after signing in: `?naar=`, the form's
 * `next`), or `fallback`. Every redirect target that comes from a request goes
 * through here.
 *
 * Browsers leave out tabs and line breaks, read `\` as `/` and resolve `.` and
 * `..`, so `/\t/evil.example`, `/\\evil.example` and `/.//evil.example` all
 * lead to another site (`//evil.example`). So: no control characters and no
 * backslash at all, and the path as a browser resolves it must stay here and
 * must not start with `//`, not even once decoded more. What comes back is
 * that resolved path, encoded.
 */
export function localPath(value: unknown, fallback = '/'): string {
	if (typeof value !== 'string' || value.length > 512 || !value.startsWith('/') || /[\p{Cc}\\]/u.test(value)) return fallback;
	let url: URL;
	try {
		url = new URL(value, HERE);
	} catch {
		return fallback;
	}
	const path = url.pathname + url.search + url.hash;
	return url.origin === HERE && !path.startsWith('//') && !encodedEscape(url.pathname) ? path : fallback;
}

/** `/%09/evil.example`, `/%2F%2Fevil.example`: harmless to a browser, but whatever decodes the path once more would see the way out. */
function encodedEscape(pathname: string): boolean {
	try {
		const decoded = decodeURIComponent(pathname);
		return /[\p{Cc}\\]/u.test(decoded) || decoded.startsWith('//');
	} catch {
		return true;
	}
}
