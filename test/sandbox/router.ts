/**
 * Routes raw request paths to reference operations. Routes are compiled from the generated
 * tables (every management and connector operation), so a path the reference knows always has a
 * route; literal segments win over parameters (`/v1/credentials/lookup/{id}` before
 * `/v1/credentials/{ownerId}/{id}`).
 */
import type { IncomingHttpHeaders } from 'node:http';

import type { RefOp } from './reference';
import type { SandboxState } from './state';
import type { QueryMap } from './store';
import type { Grant } from './types';

export type Api = 'management' | 'connector';

export interface MultipartPart {
	name: string;
	filename?: string;
	contentType?: string;
	data: Buffer;
}

export interface Ctx {
	state: SandboxState;
	api: Api;
	op: RefOp;
	/** Path parameters, percent-decoded. */
	params: Record<string, string>;
	query: QueryMap;
	/** Parsed JSON body (undefined when empty or not JSON). */
	body: unknown;
	rawBody: Buffer;
	parts: MultipartPart[];
	headers: IncomingHttpHeaders;
	/** The bearer token's grant (absent on unauthenticated operations). */
	grant?: Grant;
	/** e.g. http://127.0.0.1:4010, for URLs in responses. */
	baseUrl: string;
	remoteAddr: string;
}

export interface Reply {
	status?: number;
	json?: unknown;
	bytes?: Buffer;
	contentType?: string;
	headers?: Record<string, string>;
}

export type Handler = (ctx: Ctx) => Reply | Promise<Reply>;

interface Route {
	api: Api;
	op: RefOp;
	segments: Array<{ literal: string } | { param: string; rest: boolean }>;
}

export interface RouteMatch {
	api: Api;
	op: RefOp;
	params: Record<string, string>;
}

/** Storage paths may arrive unencoded (`reports/q1.csv`): their `{path}` takes the rest of the URL. */
function isRestParam(op: RefOp, param: string): boolean {
	return op.group === 'storage' && param === 'path';
}

export class Router {
	private readonly routes: Route[];

	constructor(tables: Array<{ api: Api; ops: RefOp[] }>) {
		this.routes = tables
			.flatMap(({ api, ops }) =>
				ops.map((op) => ({
					api,
					op,
					segments: op.path
						.split('/')
						.slice(1)
						.map((s) => {
							const m = /^\{(\w+)\}$/.exec(s);
							return m ? { param: m[1], rest: isRestParam(op, m[1]) } : { literal: s };
						}),
				})),
			)
			.sort((a, b) => {
				const n = Math.min(a.segments.length, b.segments.length);
				for (let i = 0; i < n; i++) {
					const la = 'literal' in a.segments[i];
					const lb = 'literal' in b.segments[i];
					if (la !== lb) return la ? -1 : 1;
				}
				return b.segments.length - a.segments.length;
			});
	}

	/** null: no such path; 'method': the path exists with other methods (405). */
	match(method: string, rawPath: string): RouteMatch | null | { allowed: string[] } {
		const parts = rawPath.split('/').slice(1);
		const allowed = new Set<string>();
		for (const route of this.routes) {
			const params = this.matchSegments(route, parts);
			if (!params) continue;
			if (route.op.method === method) return { api: route.api, op: route.op, params };
			allowed.add(route.op.method);
		}
		return allowed.size ? { allowed: [...allowed] } : null;
	}

	private matchSegments(route: Route, parts: string[]): Record<string, string> | null {
		const params: Record<string, string> = {};
		for (let i = 0; i < route.segments.length; i++) {
			const seg = route.segments[i];
			if ('literal' in seg) {
				if (parts[i] !== seg.literal) return null;
				continue;
			}
			if (seg.rest) {
				if (i >= parts.length) return null;
				params[seg.param] = parts.slice(i).map(decode).join('/');
				return params;
			}
			if (parts[i] === undefined || parts[i] === '') return null;
			params[seg.param] = decode(parts[i]);
		}
		return parts.length === route.segments.length ? params : null;
	}
}

function decode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/** `{result, ...extra}` with 200: the envelope of every JSON success. */
export function ok(result: unknown, extra: Record<string, unknown> = {}): Reply {
	return { status: 200, json: { result, ...extra } };
}

/** 204 without a body (deletes, actions). */
export function noContent(): Reply {
	return { status: 204 };
}
