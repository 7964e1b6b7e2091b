#!/usr/bin/env node
// End-to-end tests of the built package inside real n8n processes, against the Synqly sandbox.
//
//   npm run test:e2e [-- --only 2.41.1|1.123.81|queue|browser] [--skip-build] [--keep] [--verbose]
//
// Targets: n8n 2.41.1 and 1.123.81 on SQLite (`n8n execute --id` per example), queue mode on 2.41.1
// (main + worker + Redis + PostgreSQL; manual runs offloaded to the worker), and the browser check.
// Examples are examples/*.json; their assertions are described in scripts/e2e-expect.mjs.
// Prints one line per check and ends with "N passed, M failed"; exits 1 on any failure.
// Example workflows reference the imported sandbox credentials by their fixed ids
// (CREDENTIALS in n8n-env.mjs): synqlyOrgCred001 "Synqly Organization (sandbox)" and
// synqlyIntCred001 "Synqly Integration (sandbox)". Env: SYNQLY_EXAMPLES_DIR, SYNQLY_SANDBOX_CLI.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { checkExample, runsOn } from './e2e-expect.mjs';
import {
	EXAMPLES_DIR,
	N8nRest,
	PACKAGE_NAME,
	buildPackage,
	ensureN8nAll,
	executeWorkflow,
	importCredentials,
	importWorkflows,
	installPackage,
	loadExamples,
	n8nCli,
	n8nDir,
	n8nEnv,
	packageNodeNames,
	removePackage,
	sandboxCredentials,
	sleep,
	startN8n,
	startSandbox,
	stopAll,
	stopProcess,
	tail,
	triggerNode,
	waitForN8n,
	CREDENTIALS,
} from './n8n-env.mjs';
import { psql, startQueueServices } from './queue-services.mjs';

const TARGETS = ['2.41.1', '1.123.81', 'queue', 'browser'];

function parseArgs(argv) {
	const opts = { only: [], build: true, keep: false, verbose: false };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2);
		if (flag === '--only') {
			const value = inline ?? argv[++i];
			for (const t of String(value).split(',')) {
				if (!TARGETS.includes(t)) throw new Error(`--only: unknown target ${t} (use ${TARGETS.join('|')})`);
				opts.only.push(t);
			}
		} else if (flag === '--skip-build') opts.build = false;
		else if (flag === '--keep') opts.keep = true;
		else if (flag === '--verbose') opts.verbose = true;
		else if (flag === '--help' || flag === '-h') {
			console.log('usage: node scripts/e2e.mjs [--only 2.41.1|1.123.81|queue|browser[,…]] [--skip-build] [--keep] [--verbose]');
			process.exit(0);
		}
		else throw new Error(`unknown argument ${argv[i]}`);
	}
	if (!opts.only.length) opts.only = [...TARGETS];
	return opts;
}

const opts = parseArgs(process.argv.slice(2));
const targets = new Set(opts.only);
let passed = 0;
let failed = 0;

function secs(ms) {
	return `${(ms / 1000).toFixed(1)} s`;
}

function check(name, failures, ms) {
	const time = ms === undefined ? '' : ` (${secs(ms)})`;
	if (failures.length === 0) {
		passed++;
		console.log(`ok    ${name}${time}`);
	} else {
		failed++;
		console.log(`FAIL  ${name}${time}`);
		for (const f of failures) console.log(String(f).replace(/^/gm, '      '));
	}
	return failures.length === 0;
}

/** Runs fn as one check: passes unless it throws. Resolves with fn's value (undefined on failure). */
async function step(name, fn) {
	const t = Date.now();
	try {
		const value = await fn();
		check(name, [], Date.now() - t);
		return value ?? true;
	} catch (e) {
		check(name, [opts.verbose ? e.stack : e.message], Date.now() - t);
		return undefined;
	}
}

/**
 * A workflow that always exists, so every target proves the package runs even before examples/
 * has any: list accounts with the organization credential.
 */
function smokeExample() {
	return {
		name: 'smoke (built-in: Synqly Management › Account › Get Many)',
		workflow: {
			id: 'synqlyE2eSmoke001',
			name: 'E2E smoke: list accounts',
			active: false,
			nodes: [
				{ parameters: {}, id: 'b0e1c7a2-0000-4000-8000-000000000001', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] },
				{
					parameters: { resource: 'account', operation: 'getAll', returnAll: false, limit: 5 },
					id: 'b0e1c7a2-0000-4000-8000-000000000002',
					name: 'List accounts',
					type: `${PACKAGE_NAME}.synqlyManagement`,
					typeVersion: 1,
					position: [220, 0],
					credentials: { synqlyOrganizationApi: { id: CREDENTIALS.organization.id, name: CREDENTIALS.organization.name } },
				},
			],
			connections: { Start: { main: [[{ node: 'List accounts', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		},
		expect: {
			status: 'success',
			nodes: { 'List accounts': { minItems: 1, every: { id: { $exists: true } } } },
			requests: [{ method: 'GET', path: '/v1/accounts', auth: 'organization', status: 200 }],
		},
	};
}

const work = mkdtempSync(join(tmpdir(), 'synqly-e2e-'));
const encryptionKey = randomBytes(24).toString('hex');
let sandbox;
let examples = [];

async function runExampleChecks(target, runOne) {
	for (const ex of examples.filter((e) => runsOn(e, target))) {
		const t = Date.now();
		await sandbox.reset();
		let failures;
		try {
			const { run, extra = [] } = await runOne(ex);
			const requests = await sandbox.requests();
			failures = [...(await checkExample(ex, { target, run, requests, sandbox, examplesDir: EXAMPLES_DIR })), ...extra];
		} catch (e) {
			failures = [opts.verbose ? e.stack : e.message];
		}
		check(`${target}: ${ex.name}`, failures, Date.now() - t);
	}
}

async function credentialChecks(label, rest) {
	for (const cred of sandboxCredentials(sandbox)) {
		await step(`${label}: credential test of ${cred.type} succeeds`, async () => {
			const r = await rest.request('POST', '/credentials/test', { credentials: cred });
			if (r.data?.status !== 'OK') throw new Error(`test result ${JSON.stringify(r.data)}`);
		});
		await step(`${label}: credential test of ${cred.type} rejects a wrong token`, async () => {
			const bad = { ...cred, data: { ...cred.data, accessToken: 'not-a-valid-token' } };
			const r = await rest.request('POST', '/credentials/test', { credentials: bad });
			if (r.data?.status !== 'Error') throw new Error(`test result ${JSON.stringify(r.data)}`);
		});
	}
}

async function nodeTypesCheck(label, rest) {
	const wanted = packageNodeNames().map((n) => `${PACKAGE_NAME}.${n}`);
	await step(`${label}: UI node list has ${wanted.join(', ')}`, async () => {
		// 2.x serves the node list to logged-in users only.
		const res = await fetch(`${rest.baseUrl}/types/nodes.json`, { headers: { cookie: rest.cookie } });
		if (!res.ok) throw new Error(`/types/nodes.json → ${res.status}`);
		const names = new Set((await res.json()).map((n) => n.name));
		const missing = wanted.filter((n) => !names.has(n));
		if (missing.length) throw new Error(`missing: ${missing.join(', ')}`);
	});
}

async function sqliteTarget(version, { execute, browser }) {
	const dir = join(work, `sqlite-${version}`);
	const home = join(dir, 'home');
	mkdirSync(home, { recursive: true });
	const env = await n8nEnv({ userFolder: home, encryptionKey });
	const ready = await step(`${version}: package installed; credentials and ${examples.length} workflows imported`, async () => {
		installPackage(home);
		await importCredentials(version, env, sandboxCredentials(sandbox), dir);
		await importWorkflows(version, env, examples.map((e) => e.workflow), dir);
	});
	if (!ready) return;

	if (execute) {
		await runExampleChecks(version, async (ex) => {
			const r = await executeWorkflow(version, env, ex.workflow.id);
			const extra = [];
			const wantSuccess = (ex.expect?.status ?? 'success') === 'success';
			if (wantSuccess !== (r.code === 0)) extra.push(`n8n execute exited ${r.code ?? r.signal}`);
			if (!r.run || extra.length) extra.push(tail(r.stdout + r.stderr, 25));
			return { run: r.run, extra };
		});
	}

	const server = startN8n(version, env, { echo: opts.verbose });
	try {
		if (!(await step(`${version}: n8n start answers on ${server.baseUrl}`, () => waitForN8n(server)))) return;
		const rest = new N8nRest(server.baseUrl);
		if (!(await step(`${version}: owner account set up and logged in`, () => rest.ownerLogin()))) return;
		await nodeTypesCheck(version, rest);
		await credentialChecks(version, rest);
		if (browser) {
			const { runBrowserCheck } = await import('./browser-check.mjs');
			await runBrowserCheck({ baseUrl: server.baseUrl, examples: examples.filter((e) => e.file), sandbox, check, step });
		}
	} finally {
		await stopProcess(server);
	}
	if (execute) triggerRuns.push({ version, env, dir });
}

/** The n8n instances whose trigger examples run at the end, side by side. */
const triggerRuns = [];

/** Activates a workflow from the CLI while n8n is stopped (2.x publishes; 1.x sets it active). */
async function activateWorkflow(version, env, id) {
	const args = version.startsWith('1.') ? ['update:workflow', `--id=${id}`, '--active=true'] : ['publish:workflow', `--id=${id}`];
	const r = await n8nCli(version, args, env);
	if (r.code !== 0) throw new Error(`${args[0]} failed (${r.code}):\n${tail(r.stdout + r.stderr)}`);
}

/**
 * Resolves once n8n has activated the workflow's triggers: 1.x logs "Activated workflow" at
 * startup; 2.x activates through its publication outbox after startup and says so at debug level.
 */
async function waitForActivation(child, timeoutMs = 90000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (/Activated workflow|Finished processing workflow publication outbox record.*"result": "completed"/.test(child.output)) return;
		const failed = /problem activating the workflow[^\n]*|Finished processing workflow publication outbox record.*"result": "failed"/.exec(child.output);
		if (failed) throw new Error(`activation failed: ${failed[0]}`);
		if (child.exitCode !== null) throw new Error(`${child.label} exited:\n${tail(child.output)}`);
		await sleep(500);
	}
	throw new Error(`workflow not activated after ${timeoutMs / 1000} s:\n${tail(child.output)}`);
}

/** Resolves once `predicate(requests)` holds for the sandbox's recorded requests. */
async function waitForRequests(predicate, what, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const requests = await sandbox.requests();
		if (predicate(requests)) return requests;
		if (Date.now() > deadline) throw new Error(`no ${what} after ${timeoutMs / 1000} s`);
		await sleep(1000);
	}
}

/**
 * Trigger examples (expect.json "trigger": {node, integration, set}), which `n8n execute` cannot
 * run: the workflow is activated as shipped (poll every minute, n8n's shortest), alerts are added
 * to the sandbox after activation, and each must start exactly one execution (one ticket), also
 * the alerts added while n8n is stopped, after a restart. The versions run side by side; the alerts
 * of each carry the version in their ids.
 */
async function triggerChecks(version, env, dir) {
	for (const ex of examples.filter((e) => e.expect?.trigger)) {
		const spec = ex.expect.trigger;
		const label = `${version}: trigger "${ex.name}"`;
		const ticketsOf = (requests, uid) =>
			requests.filter((r) => r.method === 'POST' && r.path === '/v1/ticketing/tickets' && r.status === 200 && r.body?.name === `SIEM alert ${uid}`).length;
		const addAlerts = async (uids) => {
			const res = await fetch(`${sandbox.url}/__sandbox/records`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					integration: spec.integration,
					set: spec.set,
					records: uids.map((uid) => ({ class_name: 'Detection Finding', severity_id: 4, severity: 'High', finding_info: { uid, title: `E2E ${uid}`, desc: 'Added after activation' } })),
				}),
			});
			if (!res.ok) throw new Error(`POST /__sandbox/records → ${res.status}`);
		};
		const ticketed = (uids) => waitForRequests((rs) => uids.every((u) => ticketsOf(rs, u) >= 1), `ticket for each of ${uids.join(', ')}`, 90000);
		const first = [1, 2, 3].map((i) => `${version}-a${i}`);
		const whileDown = [4, 5].map((i) => `${version}-a${i}`);
		// Both versions poll the same sandbox SIEM: each only takes its own alerts, with the trigger's Filters.
		const workflow = structuredClone(ex.workflow);
		workflow.nodes.find((n) => n.name === spec.node).parameters.filters = {
			filter: [{ field: 'finding_info.uid', operator: 'like', value: `${version}-*` }],
		};
		if (!(await step(`${label}: imported with a Filter on its own alerts and activated from the CLI`, async () => {
			await importWorkflows(version, env, [workflow], join(dir, 'trigger'));
			await activateWorkflow(version, env, workflow.id);
		}))) continue;
		const debugEnv = { ...env, N8N_LOG_LEVEL: 'debug' };
		let server = startN8n(version, debugEnv, { name: `n8n-trigger-${version}`, echo: opts.verbose });
		try {
			if (!(await step(`${label}: n8n started and activated the trigger`, async () => {
				await waitForN8n(server);
				await waitForActivation(server);
			}))) continue;
			if (!(await step(`${label}: 3 alerts added after activation open a ticket each`, async () => {
				await addAlerts(first);
				await ticketed(first);
			}))) continue;
			await stopProcess(server);
			await addAlerts(whileDown);
			server = startN8n(version, debugEnv, { name: `n8n-trigger-${version}`, echo: opts.verbose });
			await step(`${label}: after a restart the 2 alerts added while n8n was down open a ticket each; a minute of polls later every alert has exactly one`, async () => {
				await waitForN8n(server);
				await waitForActivation(server);
				await ticketed(whileDown);
				await sleep(61000);
				const requests = await sandbox.requests();
				const all = [...first, ...whileDown];
				if (all.some((u) => ticketsOf(requests, u) !== 1)) throw new Error(`tickets per alert: ${all.map((u) => `${u}: ${ticketsOf(requests, u)}`).join(', ')}`);
			});
		} finally {
			await stopProcess(server);
		}
	}
}

/** The execution record, with its flatted `data` decoded into an IRun-like object. */
async function fetchExecution(rest, version, id, timeoutMs = 120000) {
	const { parse } = createRequire(join(n8nDir(version), 'node_modules', 'n8n', 'package.json'))('flatted');
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const r = await rest.request('GET', `/executions/${id}`, undefined, { allowError: true });
		const ex = r.data;
		if (ex && ['success', 'error', 'crashed', 'canceled'].includes(ex.status)) {
			const data = typeof ex.data === 'string' ? parse(ex.data) : ex.data;
			return { status: ex.status, mode: ex.mode, data };
		}
		await sleep(500);
	}
	throw new Error(`execution ${id} not finished after ${timeoutMs / 1000} s`);
}

async function queueRun(rest, version, workflow) {
	const trigger = triggerNode(workflow);
	if (!trigger) throw new Error('no trigger node to start a manual run from');
	const r = await rest.request('POST', `/workflows/${workflow.id}/run`, { triggerToStartFrom: { name: trigger.name } });
	const id = r.data?.executionId;
	if (!id) throw new Error(`run did not start an execution: ${JSON.stringify(r.body)}`);
	return { id, run: await fetchExecution(rest, version, id) };
}

async function waitForLine(child, re, timeoutMs = 60000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (re.test(child.output)) return;
		if (child.exitCode !== null) throw new Error(`${child.label} exited:\n${tail(child.output)}`);
		await sleep(250);
	}
	throw new Error(`${child.label}: no ${re} after ${timeoutMs / 1000} s:\n${tail(child.output)}`);
}

async function startWorker(version, env) {
	const worker = startN8n(version, env, { command: 'worker', args: ['--concurrency=5'], name: 'n8n-worker', echo: opts.verbose });
	await waitForLine(worker, /n8n worker is now ready/, 120000);
	return worker;
}

/** Proof that the worker, not main, ran execution `id`: both processes' log lines and the DB row. */
function workerProof(id, main, worker, pg) {
	const out = [];
	if (!main.output.includes(`Enqueued execution ${id} `)) out.push(`main did not log "Enqueued execution ${id}"`);
	if (!worker.output.includes(`Worker started execution ${id} `)) out.push(`worker did not log "Worker started execution ${id}"`);
	if (!worker.output.includes(`Worker finished execution ${id} `) && !worker.output.includes(`Worker errored while running execution ${id} `)) {
		out.push(`worker did not log "Worker finished execution ${id}" (nor "errored")`);
	}
	const row = psql(pg, `select status || '|' || mode from execution_entity where id = ${Number(id)}`);
	if (!row) out.push(`no execution_entity row ${id} in PostgreSQL`);
	return { out, row };
}

async function queueTarget() {
	const version = '2.41.1';
	const label = 'queue';
	const dir = join(work, 'queue');
	const services = await step(`${label}: Redis and PostgreSQL started on loopback`, () => startQueueServices(join(dir, 'services')));
	if (!services) return;
	let main;
	let worker;
	try {
		const queue = { redis: services.redis, postgres: services.postgres };
		const mainHome = join(dir, 'main');
		const workerHome = join(dir, 'worker');
		const mainEnv = await n8nEnv({ userFolder: mainHome, encryptionKey, queue });
		const workerEnv = await n8nEnv({ userFolder: workerHome, encryptionKey, queue });
		const control = examples.find((e) => !e.file) ?? examples[0];
		const ready = await step(`${label}: package installed on main and worker; credentials and workflows imported into PostgreSQL`, async () => {
			installPackage(mainHome);
			installPackage(workerHome);
			await importCredentials(version, mainEnv, sandboxCredentials(sandbox), dir);
			await importWorkflows(version, mainEnv, examples.map((e) => e.workflow), dir);
		});
		if (!ready) return;
		main = startN8n(version, mainEnv, { name: 'n8n-main', echo: opts.verbose });
		if (!(await step(`${label}: n8n main (EXECUTIONS_MODE=queue) answers`, () => waitForN8n(main)))) return;
		worker = await step(`${label}: n8n worker ready`, () => startWorker(version, workerEnv));
		if (!worker) return;
		const rest = new N8nRest(main.baseUrl);
		if (!(await step(`${label}: owner account set up and logged in`, () => rest.ownerLogin()))) return;

		await runExampleChecks(label, async (ex) => {
			const { id, run } = await queueRun(rest, version, ex.workflow);
			await sleep(300);
			const { out, row } = workerProof(id, main, worker, services.postgres);
			if (row && !row.startsWith(`${run.status}|`)) out.push(`PostgreSQL row says ${row}, REST says ${run.status}`);
			return { run, extra: out };
		});

		// Negative control: the same run on a worker that lacks the package must fail.
		await stopProcess(worker);
		removePackage(workerHome);
		worker = await step(`${label}: worker restarted without the package`, () => startWorker(version, workerEnv));
		if (!worker) return;
		await step(`${label}: negative control: "${control.name}" FAILS on a worker without the package`, async () => {
			await sandbox.reset();
			const { id, run } = await queueRun(rest, version, control.workflow);
			const { out } = workerProof(id, main, worker, services.postgres);
			if (out.length) throw new Error(out.join('\n'));
			if (run.status === 'success') throw new Error('execution succeeded: the suite cannot tell a worker without the package');
			const err = run.data?.resultData?.error;
			const text = JSON.stringify(err ?? {});
			if (!/synqly/i.test(text)) throw new Error(`failed for another reason: ${text.slice(0, 400)}`);
			if (!worker.output.includes(`Unrecognized node type: ${PACKAGE_NAME}.`)) throw new Error('the worker did not report the missing node type');
			if ((await sandbox.requests()).length) throw new Error('the sandbox was called anyway');
		});
	} finally {
		await stopProcess(worker);
		await stopProcess(main);
		await services.stop();
	}
}

async function main() {
	const t0 = Date.now();
	if (opts.build && !(await step('build: npm run build', () => buildPackage()))) return;
	const versions = new Set();
	if (targets.has('2.41.1') || targets.has('queue') || targets.has('browser')) versions.add('2.41.1');
	if (targets.has('1.123.81')) versions.add('1.123.81');
	const list = [...versions];
	if (!(await step(`install: ${list.map((v) => `n8n@${v}`).join(', ')} ready in .cache/`, () => ensureN8nAll(list)))) return;
	sandbox = await step('sandbox: started (test/sandbox/cli.ts)', () => startSandbox({ echo: opts.verbose }));
	if (!sandbox) return;
	examples = [smokeExample(), ...loadExamples()];
	console.log(`# ${examples.length - 1} example workflow(s) in ${EXAMPLES_DIR}, plus the built-in smoke workflow`);

	const timed = async (name, fn) => {
		const t = Date.now();
		await fn();
		console.log(`# ${name} took ${secs(Date.now() - t)}`);
	};
	if (targets.has('2.41.1') || targets.has('browser')) {
		await timed(targets.has('2.41.1') ? 'n8n 2.41.1 (sqlite)' : 'browser', () =>
			sqliteTarget('2.41.1', { execute: targets.has('2.41.1'), browser: targets.has('browser') }),
		);
	}
	if (targets.has('1.123.81')) await timed('n8n 1.123.81 (sqlite)', () => sqliteTarget('1.123.81', { execute: true, browser: false }));
	if (triggerRuns.length && examples.some((e) => e.expect?.trigger)) {
		await sandbox.reset();
		await timed(`trigger examples on ${triggerRuns.map((r) => r.version).join(' and ')}`, () =>
			Promise.all(triggerRuns.map((r) => triggerChecks(r.version, r.env, r.dir))),
		);
	}
	if (targets.has('queue')) await timed('queue mode', () => queueTarget());
	console.log(`# total ${secs(Date.now() - t0)}`);
}

let interrupted = false;
for (const sig of ['SIGINT', 'SIGTERM']) {
	process.on(sig, () => {
		if (interrupted) return;
		interrupted = true;
		console.log(`# ${sig}: stopping`);
		stopAll().finally(() => {
			if (!opts.keep) rmSync(work, { recursive: true, force: true });
			process.exit(130);
		});
	});
}

try {
	await main();
} catch (e) {
	check('e2e: unexpected error', [e.stack]);
} finally {
	await stopAll();
	if (!opts.keep) rmSync(work, { recursive: true, force: true });
	else console.log(`# kept ${work}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
