/**
 * The credential test's base URL: the Base URL trimmed, without trailing slashes, or the default
 * when empty. n8n swallows errors thrown in expressions, so a value that is not an http(s) URL
 * goes out as it is and the test fails with the request's own "Invalid URL".
 */
export const BASE_URL_EXPRESSION =
	'={{ ($credentials.baseUrl || "").trim().replace(/\\/+$/, "") || "https://api.synqly.com" }}';
