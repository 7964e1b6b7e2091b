/**
 * Synqly `Problem` error bodies, and the exact wordings the sandbox uses, exported so tests
 * (credential tests above all) can match them instead of copying strings.
 */

export type ParameterLocation = 'header' | 'path' | 'query' | 'body';

export interface ProblemParameter {
	/** JSON Pointer for body fields (`/name`), the plain name otherwise (`limit`). */
	id: string;
	location: ParameterLocation;
	value?: unknown;
}

export interface ProblemResource {
	type: string;
	id: string;
	rel: 'affected' | 'cause';
}

export interface Problem {
	message: string;
	status: number;
	occurred_at: string;
	instance: string;
	type?: string;
	detail?: string;
	remediation?: string;
	context?: {
		parameter?: ProblemParameter;
		resources?: ProblemResource[];
		provider_details?: Record<string, string>;
	};
}

/** `message` of each status the sandbox answers with (the HTTP reason phrase, as Synqly does). */
export const STATUS_MESSAGES: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	402: 'Payment Required',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	409: 'Conflict',
	415: 'Unsupported Media Type',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	501: 'Not Implemented',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

/**
 * `detail` of every 401 the sandbox gives. The wrong-scope ones are what a credential test sees
 * when an organization token is used on the Connector API or an integration token on the Management API.
 */
export const AUTH_DETAILS = {
	missing: 'No token was provided. Send the access token in an "Authorization: Bearer <token>" header.',
	invalid: 'The token is not valid.',
	expired: 'The token has expired.',
	organizationExpected: 'This endpoint requires an organization token; an integration token was provided.',
	integrationExpected: 'This endpoint requires an integration token; an organization token was provided.',
	mcpOnly: 'This token can only be used for MCP authentication.',
	integrationGone: 'The integration this token belongs to no longer exists.',
	badLogon: 'The member name or secret is not correct.',
} as const;

/** `remediation` of the two wrong-scope 401s. */
export const AUTH_REMEDIATIONS = {
	organizationExpected:
		'Use an organization access token (Synqly app: Settings > Secrets) for the Management API.',
	integrationExpected:
		'Use the access token of an integration (returned when the integration is created, or minted with POST /v1/tokens/{accountId}/{integrationId}) for the Connector API.',
} as const;

/** `detail` of the 402 answered while the organization is disabled. */
export const ORGANIZATION_DISABLED_DETAIL = 'The organization is disabled; all API requests for it are refused.';

/** `detail` of a 403: names the permission (`<group>:<action>`, e.g. `accounts:create`). */
export function forbiddenDetail(permission: string, permissionSet: string): string {
	return `The token's permission set '${permissionSet}' does not grant the '${permission}' permission.`;
}

/** `message` of a 501: names the provider (matched by /provider\s+'([a-z0-9_]+)/i). */
export function notImplementedMessage(provider: string, operation: string): string {
	return `Provider '${provider}' does not support operation '${operation}'`;
}

/** `detail` of a 404, e.g. "No account with id or name 'acme' exists." */
export function notFoundDetail(type: string, id: string): string {
	return `No ${type.replace(/_/g, ' ')} with id or name '${id}' exists.`;
}

/** `detail` of a 409 for a duplicate name. */
export function conflictDetail(type: string, name: string): string {
	const label = type.replace(/_/g, ' ');
	return `${/^[aeiou]/.test(label) ? 'An' : 'A'} ${label} named '${name}' already exists (names are compared case-insensitively).`;
}

/** Thrown anywhere in a handler; the server turns it into a Problem response. */
export class ProblemError extends Error {
	constructor(
		readonly status: number,
		readonly detail?: string,
		readonly extra: Partial<Omit<Problem, 'status' | 'occurred_at' | 'instance'>> = {},
	) {
		super(extra.message ?? detail ?? STATUS_MESSAGES[status] ?? `HTTP ${status}`);
	}

	toProblem(instance: string, occurredAt: string): Problem {
		return buildProblem(this.status, instance, occurredAt, { detail: this.detail, ...this.extra });
	}
}

export function buildProblem(
	status: number,
	instance: string,
	occurredAt: string,
	extra: Partial<Omit<Problem, 'status' | 'occurred_at' | 'instance'>> = {},
): Problem {
	const problem: Problem = {
		message: extra.message ?? STATUS_MESSAGES[status] ?? `HTTP ${status}`,
		status,
		occurred_at: occurredAt,
		instance,
	};
	if (extra.type !== undefined) problem.type = extra.type;
	if (extra.detail !== undefined) problem.detail = extra.detail;
	if (extra.remediation !== undefined) problem.remediation = extra.remediation;
	if (extra.context !== undefined) problem.context = extra.context;
	return problem;
}

// Short constructors used by the handlers.

export function badRequest(detail: string, parameter?: ProblemParameter): ProblemError {
	return new ProblemError(400, detail, parameter ? { context: { parameter } } : {});
}

export function missingField(field: string, location: ParameterLocation = 'body'): ProblemError {
	const id = location === 'body' ? `/${field}` : field;
	return badRequest(`The required ${location === 'body' ? 'field' : `${location} parameter`} '${field}' is missing.`, {
		id,
		location,
	});
}

export function invalidField(field: string, detail: string, value?: unknown, location: ParameterLocation = 'body'): ProblemError {
	const id = location === 'body' ? (field.startsWith('/') ? field : `/${field}`) : field;
	return badRequest(detail, value === undefined ? { id, location } : { id, location, value });
}

export function notFound(type: string, id: string): ProblemError {
	return new ProblemError(404, notFoundDetail(type, id), {
		context: { resources: [{ type, id, rel: 'affected' }] },
	});
}

export function conflict(type: string, name: string, existingId?: string): ProblemError {
	return new ProblemError(409, conflictDetail(type, name), {
		context: { resources: [{ type, id: existingId ?? name, rel: 'cause' }] },
	});
}

export function unauthorized(detail: string, remediation?: string): ProblemError {
	return new ProblemError(401, detail, remediation ? { remediation } : {});
}

export function notImplemented(provider: string, operation: string): ProblemError {
	return new ProblemError(501, `The integration's provider '${provider}' does not implement '${operation}'.`, {
		message: notImplementedMessage(provider, operation),
		context: { provider_details: { provider, operation } },
	});
}
