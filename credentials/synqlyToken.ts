import type { IAuthenticateGeneric, INodeProperties } from 'n8n-workflow';

/** What both Synqly credentials share: the token field, the Base URL, and the Bearer header. */

/** The access token field and the Base URL field, with where to find the token. */
export const tokenProperties = (whereToFind: string): INodeProperties[] => [
	{
		displayName: 'Access Token',
		name: 'accessToken',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description: whereToFind,
	},
	{
		displayName: 'Base URL',
		name: 'baseUrl',
		type: 'string',
		default: 'https://api.synqly.com',
		placeholder: 'https://api.synqly.com',
		description: 'Synqly API address; change it only for an embedded Synqly or a local sandbox',
	},
];

/** `Authorization: Bearer <access token>` on every request n8n sends with the credential. */
export const BEARER: IAuthenticateGeneric = {
	type: 'generic',
	properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
};

/**
 * The credential test's base URL: the Base URL trimmed, without trailing slashes, or the default
 * when empty. n8n swallows errors thrown in expressions, so a value that is not an http(s) URL
 * goes out as it is and the test fails with the request's own "Invalid URL".
 */
export const BASE_URL_EXPRESSION =
	'={{ ($credentials.baseUrl || "").trim().replace(/\\/+$/, "") || "https://api.synqly.com" }}';
