/**
 * The credential test's base URL: the Base URL without trailing slashes, the default when empty,
 * and an error that says what is wrong when it is not an http(s) URL.
 */
export const BASE_URL_EXPRESSION =
	'={{ (() => { const url = ($credentials.baseUrl || "").trim().replace(/\\/+$/, ""); if (url === "") return "https://api.synqly.com"; if (!/^https?:\\/\\/[^\\/\\s]+/i.test(url)) throw new Error("The Base URL must be an http(s) URL such as https://api.synqly.com"); return url; })() }}';
