// Assertions for example workflows run by scripts/e2e.mjs.
//
// examples/<name>.expect.json (every key optional):
//   {
//     "targets": ["2.41.1", "1.123.81", "queue"],   // where to run it (default: every target)
//     "status": "success",                           // or "error" for a workflow that must fail
//     "error": { "node": "Get account", "name": "NodeApiError", "messageIncludes": "could not find" },
//     "nodes": { "<node name>": { "items": 1, "minItems": 1, "json": [{ "id": "acc_1" }], "every": { "id": { "$exists": true } } } },
//     "output": { ...same as a "nodes" entry, for the last node that ran... },
//     "requests": [{ "method": "POST", "path": "/v1/accounts", "auth": "organization", "body": { "name": "x" }, "status": 200, "count": 1 }],
//     "requestCount": 3                              // exact number of requests the sandbox recorded
//   }
// Matching is partial: objects need only the keys given, arrays are compared index by index.
// Special values: {"$exists": true|false}, {"$match": "regex"}, {"$includes": "text"}, {"$length": n}.
// "auth": "organization" | "integration" checks the Bearer token the sandbox received.
//
// examples/expectations.mjs (optional) may export default { "<name>": async (ctx) => {...} }, which
// throws to fail; ctx = { target, run, status, error, items(nodeName), output, requests, sandbox, assert }.
//
// Without an expect file: the run must succeed and, when it uses a Synqly node, reach the sandbox.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_NAME } from './n8n-env.mjs';

export function nodeItems(run, nodeName) {
	const runs = run?.data?.resultData?.runData?.[nodeName];
	if (!runs?.length) return undefined;
	const main = runs[runs.length - 1].data?.main ?? [];
	return main.flatMap((output) => output ?? []).map((item) => item.json);
}

export function lastNode(run) {
	return run?.data?.resultData?.lastNodeExecuted;
}

function describe(value) {
	const s = JSON.stringify(value);
	return s && s.length > 300 ? s.slice(0, 300) + '…' : s;
}

/** Returns a list of mismatch descriptions (empty when `actual` matches `expected`). */
export function mismatches(expected, actual, path = '') {
	if (expected && typeof expected === 'object' && !Array.isArray(expected)) {
		if ('$exists' in expected) return (actual !== undefined) === expected.$exists ? [] : [`${path}: expected ${expected.$exists ? 'a value' : 'nothing'}, got ${describe(actual)}`];
		if ('$match' in expected) return new RegExp(expected.$match).test(String(actual)) ? [] : [`${path}: ${describe(actual)} does not match /${expected.$match}/`];
		if ('$includes' in expected) return String(actual ?? '').includes(expected.$includes) ? [] : [`${path}: ${describe(actual)} does not include ${describe(expected.$includes)}`];
		if ('$length' in expected) return actual?.length === expected.$length ? [] : [`${path}: length ${actual?.length}, expected ${expected.$length}`];
		if (!actual || typeof actual !== 'object') return [`${path}: expected an object, got ${describe(actual)}`];
		return Object.keys(expected).flatMap((k) => mismatches(expected[k], actual[k], `${path}.${k}`));
	}
	if (Array.isArray(expected)) {
		if (!Array.isArray(actual)) return [`${path}: expected an array, got ${describe(actual)}`];
		return expected.flatMap((e, i) => mismatches(e, actual[i], `${path}[${i}]`));
	}
	return expected === actual ? [] : [`${path}: expected ${describe(expected)}, got ${describe(actual)}`];
}

function checkItems(label, spec, items) {
	if (!items) return [`${label}: did not run`];
	const out = [];
	if (spec.items !== undefined && items.length !== spec.items) out.push(`${label}: ${items.length} items, expected ${spec.items}`);
	if (spec.minItems !== undefined && items.length < spec.minItems) out.push(`${label}: ${items.length} items, expected at least ${spec.minItems}`);
	if (spec.json) out.push(...mismatches(spec.json, items, label));
	if (spec.every) items.forEach((item, i) => out.push(...mismatches(spec.every, item, `${label}[${i}]`)));
	return out;
}

/** The sandbox records query values as arrays; single values compare as plain strings. */
function normalizeRequest(r) {
	const query = Object.fromEntries(Object.entries(r.query ?? {}).map(([k, v]) => [k, Array.isArray(v) && v.length === 1 ? v[0] : v]));
	return { ...r, query };
}

function requestMatches(spec, req, sandbox) {
	const { auth, ...rest } = spec;
	delete rest.count;
	const problems = mismatches(rest, req);
	if (auth) {
		const token = auth === 'integration' ? sandbox.integrationToken : auth === 'organization' ? sandbox.orgToken : auth;
		if (req.headers?.authorization !== `Bearer ${token}`) problems.push('auth');
	}
	return problems.length === 0;
}

function checkRequests(expect, requests, sandbox) {
	const out = [];
	for (const spec of expect.requests ?? []) {
		const hits = requests.filter((r) => requestMatches(spec, r, sandbox)).length;
		const ok = spec.count === undefined ? hits > 0 : hits === spec.count;
		if (!ok) {
			const seen = requests.map((r) => `${r.method} ${r.path} → ${r.status}`).join(', ') || 'none';
			out.push(`sandbox: ${describe(spec)} matched ${hits} request(s)${spec.count !== undefined ? `, expected ${spec.count}` : ''}; received: ${seen}`);
		}
	}
	if (expect.requestCount !== undefined && requests.length !== expect.requestCount) {
		out.push(`sandbox: received ${requests.length} requests, expected ${expect.requestCount}`);
	}
	return out;
}

export function usesPackage(workflow) {
	return (workflow.nodes ?? []).some((n) => n.type?.startsWith(`${PACKAGE_NAME}.`));
}

export function runsOn(example, target) {
	return !example.expect?.targets || example.expect.targets.includes(target);
}

let customModule;
async function custom(examplesDir) {
	if (customModule === undefined) {
		const file = join(examplesDir, 'expectations.mjs');
		customModule = existsSync(file) ? ((await import(pathToFileURL(file).href)).default ?? {}) : {};
	}
	return customModule;
}

/**
 * Checks one finished run. `run` is an IRun-like { status, data }; `requests` is what the sandbox
 * recorded during the run. Resolves with a list of failures (empty = pass).
 */
export async function checkExample(example, { target, run, requests: rawRequests, sandbox, examplesDir }) {
	const expect = example.expect ?? {};
	const requests = rawRequests.map(normalizeRequest);
	const failures = [];
	if (!run) return ['no execution result (see the log above)'];
	const error = run.data?.resultData?.error;
	const status = run.status ?? (error ? 'error' : 'success');
	const wanted = expect.status ?? 'success';
	if (status !== wanted) {
		failures.push(`status ${status}, expected ${wanted}${error ? `: ${error.name ?? ''} ${error.message ?? ''} ${error.description ?? ''}`.trimEnd() : ''}`);
	}
	if (expect.error) {
		const e = expect.error;
		if (!error) failures.push('expected an execution error, got none');
		else {
			if (e.node && error.node?.name !== e.node) failures.push(`error from node ${error.node?.name}, expected ${e.node}`);
			if (e.name && error.name !== e.name) failures.push(`error ${error.name}, expected ${e.name}`);
			const text = `${error.message ?? ''} ${error.description ?? ''}`;
			if (e.messageIncludes && !text.includes(e.messageIncludes)) failures.push(`error "${text.trim()}" lacks "${e.messageIncludes}"`);
		}
	}
	for (const [name, spec] of Object.entries(expect.nodes ?? {})) failures.push(...checkItems(`node "${name}"`, spec, nodeItems(run, name)));
	if (expect.output) failures.push(...checkItems(`output of "${lastNode(run)}"`, expect.output, nodeItems(run, lastNode(run))));
	failures.push(...checkRequests(expect, requests, sandbox));
	if (!example.expect && usesPackage(example.workflow) && requests.length === 0) failures.push('sandbox received no request');
	const fn = (await custom(examplesDir))[example.name];
	if (fn) {
		try {
			await fn({
				target,
				run,
				status,
				error,
				items: (name) => nodeItems(run, name),
				output: nodeItems(run, lastNode(run)),
				requests,
				sandbox,
				assert,
			});
		} catch (e) {
			failures.push(`expectations.mjs: ${e.message}`);
		}
	}
	return failures;
}
