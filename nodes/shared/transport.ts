import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { describeProblem } from './problems';
import type { Api, HttpMethod } from './types';

export type SynqlyContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export const CREDENTIAL_OF: Record<Api, { type: string; displayName: string }> = {
	management: { type: 'synqlyOrganizationApi', displayName: 'Synqly Organization Token API' },
	connector: { type: 'synqlyIntegrationApi', displayName: 'Synqly Integration Token API' },
};

export const DEFAULT_BASE_URL = 'https://api.synqly.com';

export type QueryValue = string | number | boolean | string[] | undefined;

export interface SynqlyRequest {
	method: HttpMethod;
	/** Already built with `buildPath`, so every id in it is encoded. */
	path: string;
	qs?: Record<string, QueryValue>;
	body?: unknown;
	itemIndex: number;
	/** Answer bodies are bytes (downloads); the full response comes back for its headers. */
	binary?: boolean;
	/** Words naming the object the path points at, for 404 messages, e.g. "account 'acme'". */
	subject?: string;
	/** Another credential than the API's own (the Connector's organization-token mode). */
	credentialType?: string;
	/**
	 * Headers on top of the request's own. Not for Authorization: n8n applies the credential's
	 * generic `authenticate` after these, so its Authorization header wins (use `accessToken`).
	 */
	headers?: Record<string, string>;
	/**
	 * A token sent instead of the credential's access token (the Connector's minted integration
	 * token): the credential's own authentication runs with this value, so it is the one sent.
	 */
	accessToken?: string;
}

/** A Base URL the user typed, as a URL without trailing slashes, or an error that says what is wrong. */
export function normalizeBaseUrl(ctx: SynqlyContext, raw: unknown, itemIndex: number): string {
	const value = (typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : DEFAULT_BASE_URL).replace(
		/\/+$/,
		'',
	);
	if (!/^https?:\/\/[^/\s]+/i.test(value)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The credential's Base URL "${value}" is not an http(s) URL`,
			{ itemIndex, description: 'Use a URL such as https://api.synqly.com' },
		);
	}
	return value;
}

/** Sends one request to Synqly with the bound credential and returns the body (or full response). */
export async function synqlyRequest(
	this: SynqlyContext,
	api: Api,
	request: SynqlyRequest,
): Promise<IDataObject & { result?: unknown }> {
	const credential = request.credentialType ?? CREDENTIAL_OF[api].type;
	const credentials = await this.getCredentials(credential, request.itemIndex);
	const baseURL = normalizeBaseUrl(this, credentials.baseUrl, request.itemIndex);
	const options: IHttpRequestOptions = {
		method: request.method,
		baseURL,
		url: request.path,
		qs: compactQuery(request.qs),
		arrayFormat: 'repeat',
		headers: { Accept: request.binary ? '*/*' : 'application/json', ...request.headers },
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
		json: !request.binary,
	};
	if (request.binary) options.encoding = 'arraybuffer';
	if (request.body !== undefined) options.body = request.body as IDataObject;

	let response: IN8nHttpFullResponse;
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			credential,
			options,
			request.accessToken === undefined
				? undefined
				: {
						credentialsDecrypted: {
							id: credential,
							name: credential,
							type: credential,
							data: { ...credentials, accessToken: request.accessToken },
						},
					},
		)) as IN8nHttpFullResponse;
	} catch (error) {
		// n8n's helper already threw a NodeApiError, which a new NodeApiError would return unchanged;
		// a plain copy lets this message, naming the Base URL, through.
		const cause = error as JsonObject & { cause?: { code?: string } };
		throw new NodeApiError(
			this.getNode(),
			{ message: String(cause.message ?? cause), code: cause.code ?? cause.cause?.code ?? null },
			{
				message: `Could not reach Synqly at ${baseURL}`,
				description: String(cause.message ?? cause),
				itemIndex: request.itemIndex,
			},
		);
	}

	if (response.statusCode >= 400) {
		const body = parseBody(response.body);
		const credentialName =
			request.credentialType === undefined
				? CREDENTIAL_OF[api].displayName
				: credentialDisplayName(request.credentialType);
		const { message, description } = describeProblem(response.statusCode, body, {
			credentialName,
			subject: request.subject,
		});
		throw new NodeApiError(this.getNode(), { ...body, status: response.statusCode } as JsonObject, {
			message,
			description,
			httpCode: String(response.statusCode),
			itemIndex: request.itemIndex,
		});
	}
	if (request.binary) return response as unknown as IDataObject;
	const body = parseBody(response.body);
	return body;
}

function credentialDisplayName(type: string): string {
	const match = Object.values(CREDENTIAL_OF).find((c) => c.type === type);
	return match ? match.displayName : type;
}

function compactQuery(qs: Record<string, QueryValue> | undefined): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(qs ?? {})) {
		if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
		out[key] = value;
	}
	return out;
}

function parseBody(body: unknown): IDataObject {
	if (body === undefined || body === null || body === '') return {};
	if (typeof body === 'string') {
		try {
			return JSON.parse(body) as IDataObject;
		} catch {
			return { message: body };
		}
	}
	if (body instanceof ArrayBuffer || Buffer.isBuffer(body)) {
		return parseBody(Buffer.from(body as ArrayBuffer).toString('utf8'));
	}
	return body as IDataObject;
}
