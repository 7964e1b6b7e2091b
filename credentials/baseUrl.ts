/**
 * The Base URL rule, one for every request a credential's secrets go out with: node requests,
 * list searches, credential tests and the renewal of a token pair. A Base URL is an origin
 * (https, or http on loopback) plus an optional path prefix that is not the API's own /v1 (every
 * request path starts with it, so a Base URL ending in /v1 would send to …/v1/v1/…, which reads as
 * "not found" at run time); user info, a query or a fragment is
 * refused, as is plain http to another host unless the credential says so. A project member who
 * may edit a credential but not read it can therefore not point it at a host of theirs by a trick
 * of URL syntax (`https://api.synqly.com@evil.example`), and a token never crosses the network in
 * clear text unless someone chose that.
 */

export const DEFAULT_BASE_URL = 'https://api.synqly.com';

/** The credential field that lets plain http reach a host other than loopback. */
export const ALLOW_INSECURE_HTTP = 'allowInsecureHttp';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

const isLoopback = (hostname: string) => LOOPBACK.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);

/**
 * The Base URL to send to (no trailing slash), or what is wrong with the value as typed. An empty
 * value is Synqly's own address.
 */
export function checkBaseUrl(raw: unknown, allowInsecureHttp: unknown): { url: string } | { value: string; problem: string } {
	const value = typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : DEFAULT_BASE_URL;
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return { value, problem: 'is not an http(s) URL' };
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') return { value, problem: 'is not an http(s) URL' };
	if (!/^https?:\/\//i.test(value)) return { value, problem: 'is not an http(s) URL' };
	if (url.username !== '' || url.password !== '') return { value, problem: 'has a user name or password in it (…@host), which would send the token elsewhere' };
	if (url.search !== '' || value.includes('?')) return { value, problem: 'has a query (?…); a Base URL is an address and an optional path only' };
	if (url.hash !== '' || value.includes('#')) return { value, problem: 'has a fragment (#…); a Base URL is an address and an optional path only' };
	if (url.protocol === 'http:' && !isLoopback(url.hostname) && allowInsecureHttp !== true) {
		return { value, problem: 'uses plain http to a host that is not this machine; use https, or turn on "Allow Plain HTTP" in the credential' };
	}
	const sendTo = `${url.origin}${url.pathname}`.replace(/\/+$/, '');
	if (/\/v1$/i.test(sendTo)) {
		const fix = sendTo.replace(/\/v1$/i, '');
		return { value, problem: `ends in /v1, which every Synqly request path already starts with (it would send to …/v1/v1/…); use "${fix}" instead` };
	}
	return { url: sendTo };
}
