/**
 * The Synqly sandbox: a loopback HTTP server that follows the Synqly Management and Connector API
 * reference with in-memory state and switchable faults. Used by jest tests (n8n's workflow
 * engine against it), benchmarks, `npm run sandbox` and `npm run dev`.
 *
 * Per request: control endpoints (/__sandbox/*, not recorded) -> fault rules -> route (404/405)
 * -> organization disabled (402) -> token (401, wrong scope included) -> permission (403)
 * -> provider support (501) -> content type (415) -> body and required fields (400) -> handler.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { categoryOfGroup, permits, providerSupports, requiredPermission, operationId } from './catalog';
import { connectorHandlers } from './connector';
import { flatHeaders, isJsonType, mediaType, parseMultipart, readBody, splitTarget } from './http';
import { managementHandlers } from './management';
import {
	badRequest,
	buildProblem,
	forbiddenDetail,
	missingField,
	notImplemented,
	ORGANIZATION_DISABLED_DETAIL,
	ProblemError,
	type Problem,
} from './problems';
import { CONNECTOR_OPS, MANAGEMENT_OPS, type RefOp } from './reference';
import { Router, type Api, type Ctx, type Handler, type Reply } from './router';
import { SANDBOX_ORG_TOKEN, SandboxState, type BulkSeed, type SeedName } from './state';
import { isObject } from './store';
import { authenticate, issueToken, TTL } from './tokens';
import type { Grant } from './types';
import { FLAWS, fireDeliveries, pendingDeliveries, webhookSecret, type Flaw } from './webhooks';
import type { Obj } from './mockdata';

export {
	AUTH_DETAILS,
	AUTH_REMEDIATIONS,
	ORGANIZATION_DISABLED_DETAIL,
	STATUS_MESSAGES,
	conflictDetail,
	forbiddenDetail,
	notFoundDetail,
	notImplementedMessage,
	type Problem,
} from './problems';
export {
	SANDBOX_DEMO_SIEM_TOKEN,
	SANDBOX_DEMO_TICKETS_TOKEN,
	SANDBOX_IDS,
	SANDBOX_MEMBER,
	SANDBOX_ORG_REFRESH_TOKEN,
	SANDBOX_ORG_TOKEN,
	SandboxState,
	type BulkSeed,
	type SandboxSettings,
	type SeedName,
} from './state';

export interface SandboxOptions {
	/** 0 (default) = a free port. */
	port?: number;
	/** 'empty' (default): the organization only; 'demo': also account 'acme' with a SIEM and a ticketing integration. */
	seed?: SeedName;
	/** Default 127.0.0.1. */
	host?: string;
	/** Added before answering every API request (settings.latencyMs; default 0). */
	latencyMs?: number;
}

export interface RecordedRequest {
	method: string;
	/** Raw path as received (still percent-encoded), without the query. */
	path: string;
	query: Record<string, string[]>;
	/** Lower-case header names. */
	headers: Record<string, string>;
	/** Parsed JSON, a Buffer for other non-empty bodies, undefined when empty. */
	body: unknown;
	/** What the sandbox answered. */
	status: number;
	/** When it arrived (ms since the epoch). */
	at: number;
	/**
	 * When the sandbox answered it (ms since the epoch; also when it dropped the connection);
	 * absent while it is still being handled. With `settings.latencyPattern`, answers can come in
	 * another order than the requests.
	 */
	answeredAt?: number;
	/** API requests in flight when it arrived, itself included (absent for one refused by settings.maxInFlight). */
	inFlight?: number;
}

export interface FaultRule {
	/** Any method when absent. */
	method?: string;
	/** Matched against the raw path: a string must be equal, a RegExp must match. Any path when absent. */
	path?: string | RegExp;
	/** Status to answer; 0 destroys the connection instead (a network error for the client). */
	status: number;
	/** Body to answer instead of a Problem for `status`. */
	body?: unknown;
	/** Sends `body` (a string) as it is with this Content-Type instead of as JSON: an HTML error page. */
	contentType?: string;
	/** How many matching requests it applies to (default 1); Infinity for all. */
	times?: number;
	/** How many matching requests are answered normally first (a failure on the second page: 1). */
	after?: number;
	/** Wait before answering. */
	delayMs?: number;
	/** Extra response headers, e.g. `{'retry-after': '1'}` for 429. */
	headers?: Record<string, string>;
	/** Only delay (`delayMs`), then answer normally; `status` is ignored. */
	passthrough?: boolean;
	/**
	 * With `passthrough`: the normal answer's headers at once, then its body in 10 pieces `dripMs`
	 * apart, so the connection is never idle long while the whole answer takes long.
	 */
	dripMs?: number;
	/**
	 * Handle the request first (its side effects happen), then answer with the fault instead of
	 * the real answer: the dangerous kind, where a client cannot tell whether it took effect.
	 */
	afterApply?: boolean;
	/**
	 * With `passthrough`: handle the request first (its side effects happen), then hold the normal
	 * answer this long before sending it: a client stopped meanwhile (n8n killed) acted without
	 * learning it did.
	 */
	holdMs?: number;
}

/** What random faults (`chaos`) may inject. */
export const CHAOS_KINDS = {
	'429': { status: 429, headers: { 'retry-after': '0' } },
	'429 without Retry-After': { status: 429 },
	'503': { status: 503 },
	'503 with Retry-After': { status: 503, headers: { 'retry-after': '0' } },
	'500 after applying': { status: 500, afterApply: true },
	'reset after applying': { status: 0, afterApply: true },
	reset: { status: 0 },
	'timeout (applied late)': { status: 200, passthrough: true, delayMs: 1500 },
	'malformed JSON': { status: 200, body: '{"result": [{"id": ', contentType: 'application/json' },
	'HTML error page': { status: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>', contentType: 'text/html' },
	'slow answer': { status: 200, passthrough: true, delayMs: 300 },
	'answer dripping for 1.5 s (applied)': { status: 200, passthrough: true, dripMs: 150 },
} satisfies Record<string, FaultRule>;

export type ChaosKind = keyof typeof CHAOS_KINDS;

/** Random faults on a share of all requests, reproducible by seed. */
export interface Chaos {
	/** Share of requests that get a fault, 0 to 1. */
	rate: number;
	seed: number;
	kinds?: ChaosKind[];
}

export interface Sandbox {
	/** e.g. http://127.0.0.1:PORT (no trailing slash). */
	url: string;
	orgToken: string;
	/** Access secret of the demo SIEM integration ('' in the empty seed). */
	readonly integrationToken: string;
	/** Every non-control request, in order (none while settings.recordRequests is false). */
	requests: RecordedRequest[];
	/** Non-control requests since the last reset, recorded or not. */
	readonly requestCount: number;
	/** The most API requests in flight at once since the last reset (settings.maxInFlight). */
	readonly peakInFlight: number;
	/** API requests refused with 429 for settings.maxInFlight since the last reset. */
	readonly refused: number;
	/** Clears requests and faults and re-seeds the state. */
	reset(): void;
	fail(rule: FaultRule): void;
	clearFaults(): void;
	/** Random faults from now on (undefined: none); each injected one is logged in `chaosLog`. */
	chaos(chaos: Chaos | undefined): void;
	readonly chaosLog: Array<{ kind: ChaosKind; method: string; path: string }>;
	state: SandboxState;
	/** A fresh integration access token (default TTL 10 minutes; 0 or less gives an expired one). */
	mintIntegrationToken(accountId: string, integrationId: string, ttlSeconds?: number): string;
	/** Makes a token expire now, or after `afterUses` more requests; false when no such token. */
	expire(secret: string, afterUses?: number): boolean;
	close(): Promise<void>;
}

/** How `GET /__sandbox/requests` encodes Buffer bodies. */
export interface EncodedBinary {
	$binary: true;
	base64: string;
	contentType?: string;
}

const CONTROL_PREFIX = '/__sandbox/';

/** Audit and status events kept (oldest dropped), so long benchmark runs do not grow without bound. */
const MAX_EVENTS = 10_000;

function pushCapped<T>(list: T[], item: T): void {
	list.push(item);
	if (list.length > MAX_EVENTS) list.splice(0, list.length - MAX_EVENTS);
}

/** Operations that need no token: the two OpenAPI documents, logon, and the provider hook (token in the query). */
function isPublic(op: RefOp): boolean {
	return op.group === 'meta' || (op.group === 'auth' && op.name === 'logon') || (op.group === 'hooks' && op.name === 'proxy');
}

function checkHandlers(handlers: Record<string, Handler>, ops: RefOp[], api: Api): void {
	const missing = ops.filter((op) => !handlers[`${op.group}.${op.name}`]).map((op) => `${op.group}.${op.name}`);
	if (missing.length) throw new Error(`sandbox: no ${api} handler for ${missing.join(', ')}`);
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const host = options.host ?? '127.0.0.1';
	const state = new SandboxState(options.seed ?? 'empty');
	const latencyMs = options.latencyMs ?? 0;
	state.settings.latencyMs = latencyMs;
	let requestCount = 0;
	// settings.maxInFlight: API requests between arrival and the end of their answer, the most seen, and the refused.
	let inFlight = 0;
	let peakInFlight = 0;
	let refused = 0;
	const router = new Router([
		{ api: 'management', ops: MANAGEMENT_OPS },
		{ api: 'connector', ops: CONNECTOR_OPS },
	]);
	const handlers = { management: managementHandlers(), connector: connectorHandlers() };
	checkHandlers(handlers.management, MANAGEMENT_OPS, 'management');
	checkHandlers(handlers.connector, CONNECTOR_OPS, 'connector');

	const requests: RecordedRequest[] = [];
	let faults: Array<FaultRule & { left: number }> = [];
	let chaos: (Chaos & { random: () => number }) | undefined;
	const chaosLog: Sandbox['chaosLog'] = [];
	let baseUrl = '';
	const sockets = new Set<Socket>();
	let closing: Promise<void> | undefined;
	// settings.latencyPattern: the list in use and how many requests have had their turn in it.
	let latencyPattern = state.settings.latencyPattern;
	let latencyTurn = 0;

	/** The extra latency of the next API request (settings.latencyPattern, counted from when it was set). */
	function patternLatency(): number {
		const pattern = state.settings.latencyPattern;
		if (pattern !== latencyPattern) {
			latencyPattern = pattern;
			latencyTurn = 0;
		}
		if (!Array.isArray(pattern) || pattern.length === 0) return 0;
		const ms = Number(pattern[latencyTurn++ % pattern.length]);
		return Number.isFinite(ms) && ms > 0 ? ms : 0;
	}

	const sandbox: Sandbox = {
		url: '',
		orgToken: SANDBOX_ORG_TOKEN,
		get integrationToken() {
			return state.seededTokens.siem;
		},
		requests,
		get requestCount() {
			return requestCount;
		},
		get peakInFlight() {
			return peakInFlight;
		},
		get refused() {
			return refused;
		},
		state,
		reset() {
			requests.length = 0;
			requestCount = 0;
			peakInFlight = 0;
			refused = 0;
			faults = [];
			chaos = undefined;
			chaosLog.length = 0;
			state.reset();
			state.settings.latencyMs = latencyMs;
			latencyTurn = 0;
		},
		fail(rule) {
			faults.push({ ...rule, left: rule.times ?? 1 });
		},
		clearFaults() {
			faults = [];
		},
		chaos(next) {
			chaos = next && { ...next, random: seededRandom(next.seed) };
			chaosLog.length = 0;
		},
		chaosLog,
		expire(secret, afterUses = 0) {
			const grant = state.secrets.get(secret);
			if (!grant) return false;
			if (afterUses <= 0) grant.expiresMs = Date.now();
			else grant.usesLeft = afterUses;
			return true;
		},
		mintIntegrationToken(accountId, integrationId, ttlSeconds) {
			const account = state.accounts.get(accountId);
			const integration = state.integrations.get(integrationId, (i) => i.account_id === account.id);
			const ttlMs = ttlSeconds === undefined ? TTL.adhocIntegration : ttlSeconds * 1000;
			return issueToken(state, { scope: 'integration', permissionSet: 'administrator', accountId: account.id, integrationId: integration.id }, { ttlMs, refreshTokenId: integration.refresh_token_id }).secret;
		},
		close: () => {
			// Idempotent: a second close() gets the first one's promise.
			closing ??= new Promise<void>((resolve, reject) => {
				server.close((err) => (err ? reject(err) : resolve()));
				for (const s of sockets) s.destroy();
			}).then(() => pendingDeliveries(state));
			return closing;
		},
	};

	function takeFault(method: string, path: string): (FaultRule & { left: number }) | undefined {
		const rule = faults.find(
			(f) =>
				f.left > 0 &&
				(!f.method || f.method.toUpperCase() === method) &&
				(f.path === undefined || (typeof f.path === 'string' ? f.path === path : f.path.test(path))),
		);
		if (rule && (rule.after ?? 0) > 0) {
			rule.after = (rule.after ?? 0) - 1;
			return undefined;
		}
		if (rule) rule.left -= 1;
		faults = faults.filter((f) => f.left > 0);
		if (rule || !chaos || chaos.random() >= chaos.rate) return rule;
		const kinds = chaos.kinds ?? (Object.keys(CHAOS_KINDS) as ChaosKind[]);
		const kind = kinds[Math.floor(chaos.random() * kinds.length)];
		chaosLog.push({ kind, method, path });
		return { ...CHAOS_KINDS[kind], left: 0 };
	}

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const method = (req.method ?? 'GET').toUpperCase();
		const { path, query } = splitTarget(req.url ?? '/');
		const rawBody = await readBody(req);
		if (path.startsWith(CONTROL_PREFIX)) return control(method, path, rawBody, res);

		requestCount += 1;
		const recording = state.settings.recordRequests;
		const record: RecordedRequest = { method, path, query, headers: flatHeaders(req.headers), body: recording ? recordedBody(rawBody, req.headers['content-type']) : undefined, status: 0, at: Date.now() };
		if (recording) requests.push(record);
		const { maxInFlight } = state.settings;
		if (maxInFlight > 0 && inFlight >= maxInFlight) {
			refused += 1;
			record.status = 429;
			record.answeredAt = Date.now();
			const detail = `More than ${maxInFlight} requests in flight (sandbox settings.maxInFlight).`;
			return write(res, { status: 429, json: buildProblem(429, path, new Date().toISOString(), { detail }), headers: { 'retry-after': String(state.settings.inFlightRetryAfter) } });
		}
		inFlight += 1;
		peakInFlight = Math.max(peakInFlight, inFlight);
		record.inFlight = inFlight;
		let counted = true;
		const done = () => {
			if (counted) inFlight -= 1;
			counted = false;
		};
		res.once('finish', done);
		res.once('close', done);
		const latency = state.settings.latencyMs + patternLatency();
		if (latency > 0) await new Promise((r) => setTimeout(r, latency));
		const fault = takeFault(method, path);
		const send = (reply: Reply | Encoded) => {
			if (fault?.afterApply) return sendFault(fault);
			const encoded = isEncoded(reply) ? reply : encode(reply);
			if (fault?.holdMs) {
				const held = fault.holdMs;
				setTimeout(() => {
					record.status = encoded.status;
					record.answeredAt = Date.now();
					if (!res.destroyed) write(res, encoded);
				}, held);
				return;
			}
			record.status = encoded.status;
			record.answeredAt = Date.now();
			if (fault?.dripMs) void drip(res, encoded, fault.dripMs);
			else write(res, encoded);
		};
		const sendFault = (rule: FaultRule) => {
			record.status = rule.status;
			record.answeredAt = Date.now();
			if (rule.status === 0) {
				req.socket.destroy();
				return;
			}
			const reply: Reply =
				rule.contentType !== undefined
					? { status: rule.status, bytes: Buffer.from(String(rule.body ?? '')), contentType: rule.contentType, headers: rule.headers }
					: {
							status: rule.status,
							json: rule.body !== undefined ? rule.body : buildProblem(rule.status, path, occurredAt, { detail: 'Injected by a sandbox fault rule.' }),
							headers: rule.headers,
						};
			write(res, encode(reply));
		};
		const occurredAt = new Date().toISOString();
		const problemReply = (err: ProblemError): Reply => ({ status: err.status, json: err.toProblem(path, occurredAt) });

		if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
		if (fault && !fault.passthrough && !fault.afterApply) return sendFault(fault);

		const match = router.match(method, path);
		if (!match) return send(problemReply(new ProblemError(404, `No Synqly API operation has the path '${path}'.`)));
		if ('allowed' in match) {
			const reply = problemReply(new ProblemError(405, `${method} is not allowed on '${path}'; use ${match.allowed.join(', ')}.`));
			return send({ ...reply, headers: { allow: match.allowed.join(', ') } });
		}

		const ctx: Ctx = { state, api: match.api, op: match.op, params: match.params, query, body: undefined, rawBody, parts: [], headers: req.headers, baseUrl, remoteAddr: req.socket.remoteAddress ?? '' };
		let reply: Reply;
		try {
			reply = await dispatch(ctx, handlers[match.api][`${match.op.group}.${match.op.name}`], req.headers['content-type']);
		} catch (err) {
			if (err instanceof ProblemError) reply = problemReply(err);
			else {
				console.error('[synqly-sandbox] handler failed:', err);
				reply = problemReply(new ProblemError(500, err instanceof Error ? err.message : String(err)));
			}
		}
		const encoded = encode(reply);
		afterward(ctx, reply, encoded.payload?.length ?? 0, req);
		send(encoded);
	}

	async function dispatch(ctx: Ctx, handler: Handler, contentType: string | undefined): Promise<Reply> {
		const { op } = ctx;
		if (state.organization.state === 'disabled') throw new ProblemError(402, ORGANIZATION_DISABLED_DETAIL);
		if (!isPublic(op)) {
			// The refresh secret is accepted where the reference implies it, refreshing (API-MAP §3.1:
			// the refresh token "should only be used when refreshing or resetting an access token"),
			// and nowhere else. The reference is silent on the bearer of removing the secondary pair:
			// the sandbox treats it as the Management endpoint it is (an organization access token),
			// and the nodes do not depend on that reading (see docs/development.md, the Synqly sandbox).
			const refreshing = op.group === 'tokens' && op.name === 'refresh' ? ctx.params.refresh_token_id : undefined;
			ctx.grant = authenticate(state, ctx.headers.authorization, ctx.api, refreshing);
		}
		if (ctx.api === 'management' && ctx.grant?.kind === 'access') checkPermission(op, ctx.grant);
		if (ctx.api === 'connector' && ctx.grant) checkProvider(op, ctx.grant);
		parseBody(ctx, contentType);
		for (const name of op.requiredQuery) {
			if (name !== 'token' && !ctx.query[name]?.length) throw missingField(name, 'query');
		}
		return handler(ctx);
	}

	function checkPermission(op: RefOp, grant: Grant): void {
		const permission = requiredPermission(op);
		if (permission && !permits(grant.permissionSet, permission)) {
			throw new ProblemError(403, forbiddenDetail(permission, grant.permissionSet), { context: { parameter: { id: 'permission', location: 'header', value: permission } } });
		}
	}

	/** 501 when the token's provider does not offer the operation (other category, or unsupported). */
	function checkProvider(op: RefOp, grant: Grant): void {
		const integration = state.integrations.find(grant.integrationId ?? '');
		if (!integration) return;
		const category = categoryOfGroup(op.group);
		const opId = operationId(op);
		const ticketOnly = op.group === 'integration_webhooks' && integration.category !== 'ticketing';
		if ((category !== null && category !== integration.category) || ticketOnly || !providerSupports(integration.provider_type, opId)) {
			throw notImplemented(integration.provider_type, opId);
		}
	}

	function parseBody(ctx: Ctx, contentType: string | undefined): void {
		const { op, rawBody } = ctx;
		const required = op.requiredBody.length > 0;
		if (op.body === 'multipart') {
			if (mediaType(contentType) !== 'multipart/form-data') {
				throw new ProblemError(415, `Expected a multipart/form-data body, got '${contentType ?? 'none'}'.`);
			}
			ctx.parts = parseMultipart(rawBody, contentType) ?? [];
			for (const field of op.requiredBody) if (!ctx.parts.some((p) => p.name === field)) throw missingField(field);
			return;
		}
		if (op.body === null || op.group === 'hooks') {
			// Bodies of body-less operations are ignored; the hook proxy takes anything.
			if (rawBody.length && isJsonType(contentType)) ctx.body = tryJson(rawBody);
			return;
		}
		if (!rawBody.length) {
			if (required) throw op.requiredBody[0] === '(body)' ? badRequest('A request body is required.', { id: '/', location: 'body' }) : missingField(op.requiredBody[0]);
			return;
		}
		if (!isJsonType(contentType)) throw new ProblemError(415, `Expected Content-Type application/json, got '${contentType ?? 'none'}'.`);
		try {
			ctx.body = JSON.parse(rawBody.toString('utf8'));
		} catch (err) {
			throw badRequest(`The body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`, { id: '/', location: 'body' });
		}
		if (op.body === 'object' && !isObject(ctx.body)) throw badRequest('The body must be a JSON object.', { id: '/', location: 'body' });
		if (op.body === 'array' && !Array.isArray(ctx.body)) throw badRequest('The body must be a JSON array.', { id: '/', location: 'body' });
		if (op.body === 'object' && isObject(ctx.body)) {
			for (const field of op.requiredBody) {
				if (field === '(body)') continue;
				const value = ctx.body[field];
				if (value === undefined || value === null) throw missingField(field);
			}
		}
	}

	/** Audit events for management calls, status counters and events for connector calls. */
	function afterward(ctx: Ctx, reply: Reply, outBytes: number, req: IncomingMessage): void {
		const status = reply.status ?? 200;
		const now = state.clock.iso();
		if (ctx.api === 'management' && !(ctx.op.group === 'audit' || ctx.op.group === 'meta')) {
			const sensitive = ['members', 'credentials', 'organization_webhooks', 'auth', 'tokens'].includes(ctx.op.group);
			const accountId = ctx.params.account_id;
			pushCapped(state.audit, {
				environment: (accountId && state.accounts.find(accountId)?.environment) || 'prod',
				created_at: now,
				remote_addr: ctx.remoteAddr,
				user_agent: String(req.headers['user-agent'] ?? ''),
				audit_type: 'API',
				method: ctx.op.method,
				path: req.url ?? '',
				code: String(status),
				status: status < 400 ? 'success' : 'failure',
				...(ctx.body !== undefined && !sensitive ? { body: ctx.body } : {}),
				...(ctx.grant?.memberId ? { member_id: ctx.grant.memberId } : {}),
				...(accountId ? { account_id: state.accounts.find(accountId)?.id ?? accountId } : {}),
				...(ctx.params.integration_id ? { integration_id: state.integrations.find(ctx.params.integration_id)?.id ?? ctx.params.integration_id } : {}),
			});
		}
		const integrationId = ctx.api === 'connector' ? ctx.grant?.integrationId : undefined;
		const counters = integrationId ? state.statuses.get(integrationId) : undefined;
		if (counters && integrationId) {
			counters.requests += 1;
			counters.api_ops += 1;
			counters.cpu_time += 100;
			counters.in_bytes += ctx.rawBody.length;
			counters.out_bytes += outBytes;
			if (status >= 400) counters.failed += 1;
			counters.updated_at = now;
			const problem = status >= 400 ? (reply.json as Problem | undefined) : undefined;
			pushCapped(state.statusEvents, {
				account_id: counters.account_id,
				integration_id: integrationId,
				created_at: now,
				status: status >= 400 ? 'error' : 'ok',
				...(problem ? { error: `${status} ${problem.message}` } : {}),
				request: counters.requests,
				in_bytes: ctx.rawBody.length,
				out_bytes: outBytes,
			});
		}
	}

	function control(method: string, path: string, rawBody: Buffer, res: ServerResponse): void {
		const body = rawBody.length ? tryJson(rawBody) : undefined;
		const json = (status: number, value: unknown) => write(res, { status, json: value });
		const route = `${method} ${path.replace(/\/+$/, '')}`;
		try {
			switch (route) {
				case 'GET /__sandbox/requests':
					return json(200, requests.map((r) => ({ ...r, body: Buffer.isBuffer(r.body) ? encodeBinary(r.body, r.headers['content-type']) : r.body })));
				case 'DELETE /__sandbox/requests':
					requests.length = 0;
					requestCount = 0;
					peakInFlight = 0;
					refused = 0;
					return json(200, { ok: true });
				case 'POST /__sandbox/reset':
					// Optional {seed: 'demo' | 'empty'} switches the seed from now on.
					if (isObject(body) && (body.seed === 'demo' || body.seed === 'empty')) state.seedName = body.seed;
					sandbox.reset();
					return json(200, { ok: true, seed: state.seedName });
				case 'POST /__sandbox/fault': {
					if (!isObject(body) || typeof body.status !== 'number') return json(400, { error: 'body must be a FaultRule with a numeric status' });
					// JSON has no RegExp or Infinity: `pathRegex` gives a pattern, `times: -1` means every request.
					const rule = body as unknown as FaultRule & { pathRegex?: string };
					const times = typeof rule.times === 'number' && rule.times < 0 ? Infinity : rule.times;
					sandbox.fail({ ...rule, ...(typeof rule.pathRegex === 'string' ? { path: new RegExp(rule.pathRegex) } : {}), times });
					return json(200, { ok: true });
				}
				case 'POST /__sandbox/chaos': {
					// {rate, seed, kinds?} starts random faults; {} or {rate: 0} stops them.
					const chaosBody = isObject(body) && typeof body.rate === 'number' && body.rate > 0 ? (body as unknown as Chaos) : undefined;
					sandbox.chaos(chaosBody && { rate: chaosBody.rate, seed: Number(chaosBody.seed ?? 1), kinds: chaosBody.kinds });
					return json(200, { ok: true });
				}
				case 'GET /__sandbox/chaos':
					return json(200, { injected: sandbox.chaosLog });
				case 'DELETE /__sandbox/fault':
				case 'POST /__sandbox/faults/clear':
					sandbox.clearFaults();
					return json(200, { ok: true });
				case 'GET /__sandbox/state':
					return json(200, snapshot(state));
				case 'GET /__sandbox/stats':
					return json(200, { requests: requestCount, recorded: requests.length, peakInFlight, refused, settings: state.settings });
				case 'POST /__sandbox/seed':
					return json(200, state.bulkSeed((isObject(body) ? body : {}) as BulkSeed));
				case 'POST /__sandbox/expire': {
					// {secret, afterUses?}: the token stops working after that many more requests (0: now).
					if (!isObject(body) || typeof body.secret !== 'string') return json(400, { error: 'body must be {secret, afterUses?}' });
					return json(200, { ok: sandbox.expire(body.secret, typeof body.afterUses === 'number' ? body.afterUses : 0) });
				}
				case 'POST /__sandbox/settings':
					if (isObject(body)) Object.assign(state.settings, body);
					return json(200, state.settings);
				case 'POST /__sandbox/organization-state':
					if (!isObject(body) || !['enabled', 'disabled', 'pov', 'plg'].includes(String(body.state))) return json(400, { error: 'body must be {state: enabled|disabled|pov|plg}' });
					if (body.state === 'enabled') delete state.organization.state;
					else state.organization.state = body.state as 'disabled';
					return json(200, state.organization);
				case 'POST /__sandbox/deliver': {
					// {event?, flaw?, integration?, pauseMs?}: fires deliveries now and answers what the receivers said.
					const b = isObject(body) ? body : {};
					if (b.flaw !== undefined && !FLAWS.includes(b.flaw as Flaw)) return json(400, { error: `flaw must be one of ${FLAWS.join(', ')}` });
					fireDeliveries(state, { event: b.event as string | undefined, flaw: b.flaw as Flaw | undefined, integration: b.integration as string | undefined, pauseMs: typeof b.pauseMs === 'number' ? b.pauseMs : undefined })
						.then((results) => json(200, results))
						.catch((err: unknown) => json(400, { error: err instanceof Error ? err.message : String(err) }));
					return;
				}
				case 'POST /__sandbox/records': {
					// {integration, set, records}: records a provider got since (see ConnectorData.add).
					if (!isObject(body) || typeof body.integration !== 'string' || typeof body.set !== 'string' || !Array.isArray(body.records)) {
						return json(400, { error: 'body must be {integration, set, records: [...]}' });
					}
					return json(200, { result: state.connector(body.integration).add(body.set, body.records as Obj[]) });
				}
				case 'POST /__sandbox/token': {
					const b = isObject(body) ? body : {};
					return json(200, { token: sandbox.mintIntegrationToken(String(b.accountId), String(b.integrationId), typeof b.ttlSeconds === 'number' ? b.ttlSeconds : undefined) });
				}
				default:
					return json(404, { error: `unknown control endpoint ${route}` });
			}
		} catch (err) {
			return json(err instanceof ProblemError ? err.status : 500, { error: err instanceof Error ? err.message : String(err) });
		}
	}

	const server: Server = createServer((req, res) => {
		handle(req, res).catch((err: unknown) => {
			console.error('[synqly-sandbox] request failed:', err);
			if (!res.headersSent) write(res, { status: 500, json: buildProblem(500, req.url ?? '/', new Date().toISOString(), { detail: String(err) }) });
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address() as AddressInfo;
	const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
	baseUrl = `http://${urlHost}:${address.port}`;
	sandbox.url = baseUrl;
	return sandbox;
}

interface Encoded {
	encoded: true;
	status: number;
	headers: Record<string, string>;
	payload?: Buffer;
}

/** Serializes a reply once (its size also feeds the status counters). */
function encode(reply: Reply): Encoded {
	const status = reply.status ?? 200;
	const headers: Record<string, string> = { ...(reply.headers ?? {}) };
	let payload: Buffer | undefined;
	if (reply.bytes) {
		payload = reply.bytes;
		headers['content-type'] = reply.contentType ?? 'application/octet-stream';
	} else if (reply.json !== undefined && status !== 204) {
		payload = Buffer.from(JSON.stringify(reply.json));
		headers['content-type'] = 'application/json; charset=utf-8';
	}
	if (payload) headers['content-length'] = String(payload.length);
	return { encoded: true, status, headers, payload };
}

function write(res: ServerResponse, reply: Reply | Encoded): void {
	const encoded = isEncoded(reply) ? reply : encode(reply);
	res.writeHead(encoded.status, encoded.headers);
	res.end(encoded.payload);
}

/** Writes an answer slowly: headers, then the body in 10 pieces `everyMs` apart. */
async function drip(res: ServerResponse, encoded: Encoded, everyMs: number): Promise<void> {
	res.writeHead(encoded.status, encoded.headers);
	const payload = encoded.payload ?? Buffer.alloc(0);
	const piece = Math.ceil(payload.length / 10);
	for (let at = 0; at < payload.length && !res.destroyed; at += piece) {
		await new Promise((r) => setTimeout(r, everyMs));
		res.write(payload.subarray(at, at + piece));
	}
	res.end();
}

function isEncoded(reply: Reply | Encoded): reply is Encoded {
	return (reply as { encoded?: boolean }).encoded === true;
}

function tryJson(raw: Buffer): unknown {
	try {
		return JSON.parse(raw.toString('utf8'));
	} catch {
		return raw.toString('utf8');
	}
}

function recordedBody(raw: Buffer, contentType: string | undefined): unknown {
	if (!raw.length) return undefined;
	if (isJsonType(contentType)) {
		try {
			return JSON.parse(raw.toString('utf8'));
		} catch {
			return Buffer.from(raw);
		}
	}
	return Buffer.from(raw);
}

/** A reproducible random number generator (mulberry32). */
function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function encodeBinary(buf: Buffer, contentType?: string): EncodedBinary {
	return contentType ? { $binary: true, base64: buf.toString('base64'), contentType } : { $binary: true, base64: buf.toString('base64') };
}

/** What `GET /__sandbox/state` shows: the management objects and counts of connector writes. */
function snapshot(state: SandboxState): Record<string, unknown> {
	return {
		organization: state.organization,
		accounts: state.accounts.all(),
		integrations: state.integrations.all(),
		credentials: state.credentials.all().length,
		webhooks: state.webhooks.all(),
		// For the end-to-end secret search: what n8n must never store in executions or logs.
		webhookSecrets: state.webhooks.all().map((hook) => webhookSecret(state, hook)).filter(Boolean),
		deliveries: state.deliveries,
		operations: state.operations,
		settings: state.settings,
		connector: Object.fromEntries(
			state.integrations.all().map((i) => {
				const d = state.connector(i.id);
				return [i.name, { posted: Object.fromEntries(Object.entries(d.posted).map(([k, v]) => [k, v.length])), tickets: d.tickets.size, files: [...d.files.keys()], actions: d.actions.length }];
			}),
		),
	};
}
