/**
 * Security headers on every response from the app. The Content-Security-Policy
 * itself comes from SvelteKit (`csp` in vite.config.ts), with a nonce per page.
 */
export function securityHeaders(https: boolean): Record<string, string> {
	return {
		'referrer-policy': 'same-origin',
		'x-content-type-options': 'nosniff',
		'x-frame-options': 'DENY',
		'cross-origin-opener-policy': 'same-origin',
		'cross-origin-resource-policy': 'same-origin',
		'permissions-policy': 'camera=(), microphone=(), geolocation=(self), payment=(), usb=()',
		...(https ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {})
	};
}
