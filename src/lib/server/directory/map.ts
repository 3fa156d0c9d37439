import { config } from '../config.ts';

/** What the map page needs to know about its tiles. */
export interface MapSettings {
	/** Null when the operator turned tiles off: the outline of the country and the markers remain. */
	tileUrl: string | null;
	attribution: string;
	/** The host the tiles come from, when it is not our own origin: then we ask first. */
	foreignHost: string | null;
}

export function mapSettings(settings: { MAP_TILE_URL: string; MAP_ATTRIBUTION: string } = config()): MapSettings {
	const source = tileSource(settings.MAP_TILE_URL);
	return {
		tileUrl: settings.MAP_TILE_URL === 'off' ? null : settings.MAP_TILE_URL,
		attribution: settings.MAP_ATTRIBUTION,
		foreignHost: source ? new URL(source.replace('*.', '')).host : null
	};
}

/**
 * The CSP source for a tile URL template (`https://{s}.tile.example/{z}/…` →
 * `https://*.tile.example`), or null for tiles on our own origin or no tiles.
 */
export function tileSource(template: string | null): string | null {
	if (!template || template.startsWith('/')) return null;
	const match = template.match(/^(https:\/\/[^/]+)\//);
	if (!match) return null;
	return match[1].replace(/\{[a-z]+\}/gi, '*');
}

/** A Content-Security-Policy with the tile host added to img-src (only the map page gets this). */
export function allowTiles(policy: string, source: string | null): string {
	if (!source) return policy;
	return policy
		.split(';')
		.map((directive) => (directive.trim().startsWith('img-src ') ? `${directive.trimEnd()} ${source}` : directive))
		.join(';');
}

/** The map page, in either language. */
export const isMapPath = (pathname: string) => /^(\/en)?\/initiatieven\/kaart\/?$/.test(pathname);
