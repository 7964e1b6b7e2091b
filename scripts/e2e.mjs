#!/usr/bin/env node
// End-to-end tests of the built package inside real n8n processes, against the Synqly sandbox.
//
//   npm run test:e2e [-- --only 2.41.1|1.123.81|queue|browser|dev|install|crash] [--skip-build] [--keep] [--verbose]
//
// Targets: n8n 2.41.1 and 1.123.81 on SQLite (`n8n execute --id` per example), queue mode on 2.41.1
// (main + worker + Redis + PostgreSQL; manual runs offloaded to the worker), the browser check (on
// 2.41.1, then the Connector form, the docs links and the trigger buttons again on 1.123.81), and
// `dev`: `npm run dev` stopped by SIGTERM and `node scripts/dev.mjs` by SIGINT (scripts/dev-stop.mjs),
// both trigger examples shown working in the `npm run dev` instance before it is stopped, and
// `install`: the README's `npm run install-local -- --dir <folder>` into a fresh n8n folder, then
// n8n 2.41.1 started on that folder lists the Synqly nodes and runs an example with them, and
// `crash`: the new-SIEM-alert example active while n8n is killed with SIGKILL at the poll boundary
// and inside executions, on 2.41.1 (durable poll cursors off and on), 1.123.81 and 2.41.1 in queue
// mode (the worker killed inside the execution), the crashed executions retried through the public
// API, and in queue mode a catch-up run for the alerts n8n dropped with the killed worker's
// execution; every alert must end with one ticket (scripts/e2e-crash.mjs).
// Examples are examples/*.json; their assertions are described in scripts/e2e-expect.mjs.
// Prints one line per check and ends with "N passed, M failed"; exits 1 on any failure.
// Example workflows reference the imported sandbox credentials by their fixed ids
// (CREDENTIALS in n8n-env.mjs): synqlyOrgCred001 "Synqly Organization (sandbox)" and
// synqlyIntCred001 "Synqly Integration: SIEM, acme-siem (sandbox)" and synqlyIntCred002 "Synqly Integration: Ticketing, acme-tickets (sandbox)". Env: SYNQLY_EXAMPLES_DIR, SYNQLY_SANDBOX_CLI.
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { checkExample, nodeItems, runsOn } from './e2e-expect.mjs';
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
	sandboxClient,
	sandboxCredentials,
	sleep,
	startN8n,
	startRestRun,
	startSandbox,
	stopAll,
	stopProcess,
	tail,
	waitForExecution,
	waitForN8n,
	CREDENTIALS,
	DOCS_BASE,
	N8N_VERSIONS,
	REPO,
	log,
	waitFor,
} from './n8n-env.mjs';
import { psql, startQueueServices } from './queue-services.mjs';
import { crashTarget } from './e2e-crash.mjs';

const TARGETS = ['2.41.1', '1.123.81', 'queue', 'browser', 'dev', 'install', 'crash'];
/** What runs without --only: every target (`crash` last, its four configurations side by side). */
const DEFAULT_TARGETS = [...TARGETS];

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
			console.log('usage: node scripts/e2e.mjs [--only 2.41.1|1.123.81|queue|browser|dev|install|crash[,…]] [--skip-build] [--keep] [--verbose]');
			process.exit(0);
		}
		else throw new Error(`unknown argument ${argv[i]}`);
	}
	if (!opts.only.length) opts.only = [...DEFAULT_TARGETS];
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
/** Every request the sandbox saw in example runs (it is reset before each): for the secret search. */
const seenRequests = [];

async function runExampleChecks(target, runOne, only) {
	for (const ex of only ?? examples.filter((e) => runsOn(e, target))) {
		const t = Date.now();
		await sandbox.reset();
		let failures;
		try {
			const { run, extra = [] } = await runOne(ex);
			const requests = await sandbox.requests();
			seenRequests.push(...requests);
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
		// Both tests are the nodes' testedBy functions: n8n must find them through the installed nodes.
		await step(`${label}: credential test of ${cred.type} names the Base URL when it has a path`, async () => {
			const wrong = { ...cred, data: { ...cred.data, baseUrl: `${cred.data.baseUrl}/api` } };
			const r = await rest.request('POST', '/credentials/test', { credentials: wrong });
			if (r.data?.status !== 'Error' || !/No Synqly API at this Base URL \(HTTP 404/.test(r.data?.message)) {
				throw new Error(`test result ${JSON.stringify(r.data)}`);
			}
		});
		await step(`${label}: credential test of ${cred.type} refuses a Base URL ending in /v1 with the fix`, async () => {
			const wrong = { ...cred, data: { ...cred.data, baseUrl: `${cred.data.baseUrl}/v1` } };
			const r = await rest.request('POST', '/credentials/test', { credentials: wrong });
			if (r.data?.status !== 'Error' || !r.data?.message?.includes(`ends in /v1`) || !r.data?.message?.includes(`use "${cred.data.baseUrl}" instead`)) {
				throw new Error(`test result ${JSON.stringify(r.data)}`);
			}
		});
		await step(`${label}: credential test of ${cred.type} rejects a 200 JSON without "result" and without "status"`, async () => {
			await sandbox.control('POST', 'fault', { path: CREDENTIAL_TEST_PATHS[cred.type], status: 200, body: { hello: 'world' } });
			let r;
			try {
				r = await rest.request('POST', '/credentials/test', { credentials: cred });
			} finally {
				// Not left for a later check should n8n not have sent the test request.
				await sandbox.control('POST', 'faults/clear');
			}
			if (r.data?.status !== 'Error' || !/JSON without Synqly's "result"/.test(r.data?.message)) {
				throw new Error(`test result ${JSON.stringify(r.data)}`);
			}
		});
	}
}

/** What each credential's test reads (both: the nodes' testedBy functions). */
const CREDENTIAL_TEST_PATHS = {
	synqlyOrganizationApi: '/v1/organization',
	synqlyIntegrationApi: '/v1/integration-webhooks',
};

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
	await workflowExportsCheck(version);

	const logs = [];
	if (execute) {
		await runExampleChecks(version, async (ex) => {
			let r = await executeWorkflow(version, env, ex.workflow.id);
			// n8n 1.123.81's CLI crashes on its way out (after printing the run) on a loaded machine:
			// n8n's process teardown, not the workflow. Up to twice more, from a fresh sandbox.
			for (let again = 1; r.signal === 'SIGSEGV' && again <= 2; again++) {
				log(`${ex.name}: n8n execute crashed (SIGSEGV) after ${r.run?.finished ? 'a finished' : 'an unfinished'} run; running it again (${again}/2)`);
				await sandbox.reset();
				r = await executeWorkflow(version, env, ex.workflow.id);
			}
			logs.push(r.stdout, r.stderr);
			const extra = [];
			const wantSuccess = (ex.expect?.status ?? 'success') === 'success';
			// Still crashing at exit: the run it printed, finished, is n8n's own word on the workflow.
			const succeeded = r.signal === 'SIGSEGV' && r.run?.finished === true ? r.run.status === 'success' : r.code === 0;
			if (r.signal === 'SIGSEGV' && r.run?.finished === true) log(`${ex.name}: judged by the finished run n8n printed (status ${r.run.status}) before its CLI crashed`);
			if (wantSuccess !== succeeded) extra.push(`n8n execute exited ${r.code ?? r.signal}`);
			if (!r.run || extra.length) extra.push(tail(r.stdout + r.stderr, 25));
			return { run: r.run, extra };
		});
		if (version === N8N_VERSIONS[0]) await faultRun(version, env, logs);
		await renewalRun(version, dir, logs);
		await memberPasswordRun(version, env, dir, logs);
		await onceAfterActingRun(version, env, dir, logs);
		await signingKeyRun(version, env, dir, logs);
	}

	const server = startN8n(version, env, { echo: opts.verbose });
	try {
		if (!(await step(`${version}: n8n start answers on ${server.baseUrl}`, () => waitForN8n(server)))) return;
		if (execute) await secretSearch(version, home, [...logs, server.output ?? '']);
		const rest = new N8nRest(server.baseUrl);
		if (!(await step(`${version}: owner account set up and logged in`, () => rest.ownerLogin()))) return;
		await nodeTypesCheck(version, rest);
		await credentialChecks(version, rest);
		if (execute) await triggerFlow(version, rest, version, { baseUrl: server.baseUrl, logs: () => server.output ?? '' });
		if (browser) {
			const { runBrowserCheck } = await import('./browser-check.mjs');
			await runBrowserCheck({ baseUrl: server.baseUrl, version, examples: examples.filter((e) => e.file), sandbox, check, step });
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

/** A SIEM alert as the sandbox's provider keeps it, told apart by `uid`. */
const siemAlert = (uid) => ({ class_name: 'Detection Finding', severity_id: 4, severity: 'High', finding_info: { uid, title: `E2E ${uid}`, desc: 'Added after activation' } });

/** How many tickets the example opened for alert `uid` (its ticket is named after the alert). */
const ticketsOf = (requests, uid) =>
	requests.filter((r) => r.method === 'POST' && r.path === '/v1/ticketing/tickets' && r.status === 200 && r.body?.name === `SIEM alert ${uid}`).length;

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
		const addAlerts = (uids) => sandbox.addRecords({ integration: spec.integration, set: spec.set, records: uids.map(siemAlert) });
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

/**
 * The package runs against the n8n-workflow of the n8n that loads it, not the one it was built
 * with: every value it takes from n8n-workflow must be there (2.41 dropped `sleepWithAbort`).
 */
async function workflowExportsCheck(version) {
	await step(`${version}: n8n's own n8n-workflow has every value the package imports from it`, async () => {
		const { readdirSync, readFileSync, statSync } = await import('node:fs');
		const used = new Set();
		const walk = (dir) => {
			for (const entry of readdirSync(dir)) {
				const path = join(dir, entry);
				if (statSync(path).isDirectory()) walk(path);
				else if (path.endsWith('.js')) for (const m of readFileSync(path, 'utf8').matchAll(/n8n_workflow_\d+\.(\w+)/g)) used.add(m[1]);
			}
		};
		walk(join(REPO, 'dist'));
		const workflow = createRequire(join(n8nDir(version), 'node_modules', 'n8n', 'package.json'))('n8n-workflow');
		const missing = [...used].filter((name) => workflow[name] === undefined);
		if (missing.length) throw new Error(`missing: ${missing.join(', ')}`);
	});
}

/**
 * Faults the node recovers from without any risk of doing something twice (429 with and without
 * Retry-After, 503 with Retry-After, slow answers), on 30 % of its requests: the provisioning
 * example must give the same result as without faults. Without the faulted answers (429/503), the
 * requests the sandbox saw are exactly those of a run without faults, so the example's own checks
 * (exact requests, one account, one integration, one event) hold as they are.
 */
const FAULT_EXAMPLE = 'provision-tenant';
async function faultRun(version, env, logs) {
	const ex = examples.find((e) => e.name === FAULT_EXAMPLE);
	if (!ex) return check(`${version}: ${FAULT_EXAMPLE} under faults`, [`example ${FAULT_EXAMPLE} not found`], 0);
	const t = Date.now();
	let failures;
	try {
		await sandbox.reset();
		await sandbox.chaos({ rate: 0.3, seed: 3, kinds: ['429', '429 without Retry-After', '503 with Retry-After', 'slow answer'] });
		const r = await executeWorkflow(version, env, ex.workflow.id);
		logs.push(r.stdout, r.stderr);
		const injected = await sandbox.injected();
		await sandbox.chaos({});
		const all = await sandbox.requests();
		seenRequests.push(...all);
		const requests = all.filter((q) => q.status !== 429 && q.status !== 503);
		failures = await checkExample(ex, { target: version, run: r.run, requests, sandbox, examplesDir: EXAMPLES_DIR });
		if (r.code !== 0) failures.push(`n8n execute exited ${r.code ?? r.signal}`, tail(r.stdout + r.stderr, 25));
		if (injected.length === 0) failures.push('no fault was injected');
		log(`${FAULT_EXAMPLE} under faults: ${injected.length} injected (${[...new Set(injected.map((f) => f.kind))].join(', ')})`);
	} catch (e) {
		failures = [opts.verbose ? e.stack : e.message];
	}
	check(`${version}: ${FAULT_EXAMPLE} gives the same result with faults injected into 30 % of its requests`, failures, Date.now() - t);
}

/** A workflow of a manual trigger and Synqly Management nodes one after another (ids and positions filled in). */
function manualChain(id, name, steps) {
	const nodes = [
		{ parameters: {}, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1 },
		...steps.map((step) => ({ type: `${PACKAGE_NAME}.synqlyManagement`, typeVersion: 1, ...step })),
	].map((node, i) => ({ ...node, id: `e2e00000-0000-4000-8000-${String(i).padStart(12, '0')}`, position: [220 * i, 0] }));
	const connections = Object.fromEntries(nodes.slice(0, -1).map((node, i) => [node.name, { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] }]));
	return { id, name, active: false, nodes, connections, settings: { executionOrder: 'v1' } };
}

/** Secrets of the renewal runs (old and renewed pairs), and their n8n user folders: the secret search looks there too. */
const renewalSecrets = [];
const renewalHomes = [];
const RENEWING = { id: 'synqlyRenewCred01', name: 'Synqly Organization (renewing token pair)', type: 'synqlyOrganizationApi' };

/** The sandbox's Management API with its organization token (setup and checks). */
async function sandboxApi(method, path, body) {
	const res = await fetch(`${sandbox.url}${path}`, {
		method,
		headers: { Authorization: `Bearer ${sandbox.orgToken}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${await res.text()}`);
	return (await res.json()).result;
}

/**
 * Token renewal in a real n8n: a credential holding a whole token pair (access token, refresh
 * token id and secret) reads three accounts one after another while the sandbox ends its access
 * token after the first request. The second item's 401 renews the pair once (PUT …/refresh with
 * the refresh secret), every item succeeds, the previous pair is removed, and n8n's database then
 * holds the renewed pair (read back with `n8n export:credentials --decrypted`).
 */
async function renewalRun(version, dir, logs) {
	await step(`${version}: an access token that expires mid-run is renewed once, the run succeeds, and n8n's database holds the renewed pair`, async () => {
		// An n8n user folder of its own: the pair is dead after the run (the sandbox is reset), and the
		// editor checks must not find its credential among the instance's.
		const home = join(dir, 'renewal-home');
		mkdirSync(home, { recursive: true });
		mkdirSync(join(dir, 'renewal'), { recursive: true });
		const env = await n8nEnv({ userFolder: home, encryptionKey });
		installPackage(home);
		renewalHomes.push(home);
		await importCredentials(version, env, sandboxCredentials(sandbox), join(dir, 'renewal'));
		await sandbox.reset();
		const rt = await sandboxApi('POST', '/v1/tokens', { name: `e2e-renewal-${version.replaceAll(".", "-")}`, permission_set: 'administrator', resources: { accounts: { ids: ['*'] } } });
		renewalSecrets.push(rt.primary.access.secret, rt.primary.refresh.secret);
		// Three accounts for three items, whatever the sandbox's seed holds.
		for (const name of ['renewal-a', 'renewal-b', 'renewal-c']) await sandboxApi('POST', '/v1/accounts', { name });
		const data = { accessToken: rt.primary.access.secret, refreshTokenId: rt.id, refreshSecret: rt.primary.refresh.secret, baseUrl: sandbox.url };
		await importCredentials(version, env, [{ ...RENEWING, data }], join(dir, 'renewal'));
		const workflow = manualChain('synqlyE2eRenewal1', 'E2E: token renewal mid-run', [
			{
				parameters: { resource: 'account', operation: 'getAll', returnAll: false, limit: 3, filters: { filter: [{ field: 'name', operator: 'like', value: 'renewal-*' }] } },
				name: 'List accounts',
				credentials: { synqlyOrganizationApi: { id: CREDENTIALS.organization.id, name: CREDENTIALS.organization.name } },
			},
			{
				parameters: { resource: 'account', operation: 'get', accountId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, requestOptions: { concurrency: 1 } },
				name: 'Get each account',
				credentials: { synqlyOrganizationApi: { id: RENEWING.id, name: RENEWING.name } },
			},
		]);
		await importWorkflows(version, env, [workflow], join(dir, 'renewal'));
		const expire = await fetch(`${sandbox.url}/__sandbox/expire`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ secret: rt.primary.access.secret, afterUses: 1 }) });
		if (!expire.ok) throw new Error(`POST /__sandbox/expire → ${expire.status}`);

		const r = await executeWorkflow(version, env, workflow.id);
		logs.push(r.stdout, r.stderr);
		const requests = await sandbox.requests();
		seenRequests.push(...requests);
		const items = r.run?.data?.resultData?.runData?.['Get each account']?.[0]?.data?.main?.[0] ?? [];
		if (r.code !== 0 || items.length !== 3) throw new Error(`run exited ${r.code ?? r.signal} with ${items.length} items:\n${tail(r.stdout + r.stderr, 25)}`);
		const sent = requests.filter((q) => q.path.startsWith('/v1/accounts/') || q.path.startsWith(`/v1/tokens/${rt.id}`)).map((q) => `${q.method} ${q.path.replace(/\/v1\/accounts\/[^/]+$/, '/v1/accounts/{id}')} ${q.status}`);
		const expected = ['GET /v1/accounts/{id} 200', 'GET /v1/accounts/{id} 401', `PUT /v1/tokens/${rt.id}/refresh 200`, 'GET /v1/accounts/{id} 200', `DELETE /v1/tokens/${rt.id}/secondary 204`, 'GET /v1/accounts/{id} 200'];
		if (JSON.stringify(sent) !== JSON.stringify(expected)) throw new Error(`requests: ${sent.join(', ')}; expected ${expected.join(', ')}`);

		const renewed = await sandboxApi('GET', `/v1/tokens/${rt.id}/info`);
		renewalSecrets.push(renewed.primary.access.secret, renewed.primary.refresh.secret);
		if (renewed.secondary) throw new Error('the previous pair was not removed (the RefreshToken still has a secondary)');
		const file = join(dir, 'renewal', 'exported-credential.json');
		const exported = await n8nCli(version, ['export:credentials', `--id=${RENEWING.id}`, '--decrypted', `--output=${file}`], env);
		if (exported.code !== 0) throw new Error(`export:credentials failed (${exported.code}):\n${tail(exported.stdout + exported.stderr)}`);
		const stored = JSON.parse(readFileSync(file, 'utf8'))[0]?.data ?? {};
		rmSync(file, { force: true });
		const wrong = [
			stored.accessToken !== renewed.primary.access.secret && 'accessToken',
			stored.refreshSecret !== renewed.primary.refresh.secret && 'refreshSecret',
			stored.accessTokenExpires !== renewed.primary.access.expires && 'accessTokenExpires',
		].filter(Boolean);
		if (wrong.length) throw new Error(`n8n's database does not hold the renewed pair (${wrong.join(', ')} differ)`);
	});
}

/**
 * A member's password goes to Synqly and never comes back: a workflow creates a member, then
 * creates it again (Synqly refuses the duplicate; Continue On Fail keeps the error item). Neither
 * node's output, nor the error's message, description or Synqly's Problem, nor n8n's log holds the
 * password. (The workflow's own parameters hold it, as the user typed it; those are not output.)
 */
async function memberPasswordRun(version, env, dir, logs) {
	await step(`${version}: a member's password appears in no output, error or log, also when Synqly refuses the request`, async () => {
		await sandbox.reset();
		const password = `Pw-${randomBytes(12).toString('hex')}`;
		const create = (name) => ({
			parameters: { resource: 'member', operation: 'create', name: 'e2e-member@example.com', password, fullname: 'E2E Member' },
			name,
			onError: 'continueRegularOutput',
			credentials: { synqlyOrganizationApi: { id: CREDENTIALS.organization.id, name: CREDENTIALS.organization.name } },
		});
		const workflow = manualChain('synqlyE2eMember01', 'E2E: member password', [create('Create member'), create('Create it again')]);
		await importWorkflows(version, env, [workflow], join(dir, 'member'));
		const r = await executeWorkflow(version, env, workflow.id);
		logs.push(r.stdout, r.stderr);
		const runData = r.run?.data?.resultData?.runData ?? {};
		const [created] = runData['Create member']?.[0]?.data?.main?.[0] ?? [];
		const [refused] = runData['Create it again']?.[0]?.data?.main?.[0] ?? [];
		if (created?.json?.name !== 'e2e-member@example.com') throw new Error(`the member was not created: ${JSON.stringify(created?.json ?? runData).slice(0, 300)}`);
		if (typeof refused?.json?.error !== 'string') throw new Error(`the second create did not fail: ${JSON.stringify(refused?.json).slice(0, 300)}`);
		// Everything the run stored, without n8n's copies of the node (whose parameters hold the password).
		const stored = JSON.stringify(runData, (key, value) => (key === 'node' ? undefined : value));
		// n8n's log lines come before the run it prints as JSON.
		const logText = `${r.stderr}\n${r.stdout.split(/^\{$/m)[0]}`;
		const found = [];
		if (stored.includes(password)) found.push("the run's output items or errors");
		if (logText.includes(password)) found.push("n8n's log");
		if (found.length) throw new Error(`the password appears in ${found.join(' and ')}`);
	});
}

/**
 * Token Rotate, Refresh and Reset are PUTs that must not be sent twice: each is answered 500
 * after the sandbox applied it, in one workflow of three nodes (Continue On Fail), and the sandbox
 * must have seen each exactly once, each item saying the request may have been applied.
 */
async function onceAfterActingRun(version, env, dir, logs) {
	await step(`${version}: a Rotate, a Refresh and a Reset answered 500 after acting are each sent once`, async () => {
		await sandbox.reset();
		const org = (await sandboxApi('GET', '/v1/organization')).id;
		const token = await sandboxApi('POST', '/v1/tokens', { name: 'e2e-once', permission_set: 'viewer', resources: { accounts: { ids: ['*'] } } });
		const paths = {
			'Rotate token': `/v1/tokens/${org}/${token.id}/rotate`,
			'Refresh token': `/v1/tokens/${token.id}/refresh`,
			'Reset token': `/v1/tokens/${org}/${token.id}/reset`,
		};
		for (const path of Object.values(paths)) await sandbox.control('POST', 'fault', { method: 'PUT', path, status: 500, afterApply: true });
		const node = (name, operation) => ({
			parameters: { resource: 'token', operation, refreshTokenId: { __rl: true, mode: 'id', value: token.id }, ...(operation === 'refresh' ? {} : { ownerId: org }) },
			name,
			onError: 'continueRegularOutput',
			credentials: { synqlyOrganizationApi: { id: CREDENTIALS.organization.id, name: CREDENTIALS.organization.name } },
		});
		const workflow = manualChain('synqlyE2eOnce01', 'E2E: token actions sent once', [node('Rotate token', 'rotate'), node('Refresh token', 'refresh'), node('Reset token', 'reset')]);
		await importWorkflows(version, env, [workflow], join(dir, 'once'));
		let r;
		try {
			r = await executeWorkflow(version, env, workflow.id);
		} finally {
			await sandbox.control('POST', 'faults/clear');
		}
		logs.push(r.stdout, r.stderr);
		const requests = await sandbox.requests();
		const runData = r.run?.data?.resultData?.runData ?? {};
		const problems = Object.entries(paths).flatMap(([name, path]) => {
			const sent = requests.filter((q) => q.method === 'PUT' && q.path === path).length;
			const [item] = runData[name]?.[0]?.data?.main?.[0] ?? [];
			return [
				...(sent === 1 ? [] : [`${name}: ${path} was sent ${sent} times`]),
				...(typeof item?.json?.error === 'string' ? [] : [`${name}: its item is not an error item: ${JSON.stringify(item ?? runData[name] ?? null).slice(0, 300)}`]),
			];
		});
		if (problems.length) throw new Error(problems.join('; '));
	});
}

/** Webhook signing keys the sandbox held in the signing-key run: the secret search looks for them too. */
const signingKeys = [];

/**
 * Webhook signing keys stay in: with an organization webhook (its signing secret) and a ticketing
 * integration's webhook (its integrator and provider keys) in the sandbox, every Management read
 * that returns them (Integration Get, Get Many in Account and in Organization, Webhook Get and
 * Get Many) runs, and no key appears in any output item or n8n's log; the keys join the secret
 * search of n8n's database after.
 */
async function signingKeyRun(version, env, dir, logs) {
	await step(`${version}: no webhook signing key in the output of any read that returns webhooks, or in n8n's log`, async () => {
		await sandbox.reset();
		const account = 'acc_acme';
		const integration = 'int_acme_tickets';
		const keys = { provider: `pk-${randomBytes(12).toString('hex')}`, integrator: `ik-${randomBytes(12).toString('hex')}`, secret: `ws-${randomBytes(12).toString('hex')}` };
		await sandboxApi('PATCH', `/v1/integrations/${account}/${integration}`, [
			{ op: 'add', path: '/webhook_config', value: { provider_key: keys.provider, items: [{ webhook_url: 'https://hooks.example.com/tickets', integrator_key: keys.integrator }] } },
		]);
		const hook = await sandboxApi('POST', '/v1/organization/webhooks', { name: 'e2e-keys', url: 'https://hooks.example.com/org', filters: ['all'], secret: { value: keys.secret } });
		signingKeys.push(...Object.values(keys));
		const id = (value) => ({ __rl: true, mode: 'id', value });
		const node = (name, parameters) => ({
			parameters,
			name,
			executeOnce: true,
			credentials: { synqlyOrganizationApi: { id: CREDENTIALS.organization.id, name: CREDENTIALS.organization.name } },
		});
		const workflow = manualChain('synqlyE2eKeys01', 'E2E: webhook signing keys stay in', [
			node('Get integration', { resource: 'integration', operation: 'get', accountId: id(account), integrationId: id(integration) }),
			node('Get integrations', { resource: 'integration', operation: 'getAll', accountId: id(account), returnAll: true }),
			node('Get integrations in organization', { resource: 'integration', operation: 'getAllInOrganization', returnAll: true }),
			node('Get webhook', { resource: 'organizationWebhook', operation: 'get', webhookId: id(hook.id) }),
			node('Get webhooks', { resource: 'organizationWebhook', operation: 'getAll', returnAll: true }),
		]);
		await importWorkflows(version, env, [workflow], join(dir, 'keys'));
		const r = await executeWorkflow(version, env, workflow.id);
		logs.push(r.stdout, r.stderr);
		const runData = r.run?.data?.resultData?.runData ?? {};
		const problems = workflow.nodes.slice(1).flatMap(({ name }) => {
			const items = runData[name]?.[0]?.data?.main?.[0] ?? [];
			const text = JSON.stringify(items);
			return [
				...(items.length && !items.some((i) => i.json?.error) ? [] : [`${name} gave no output: ${JSON.stringify(runData[name] ?? null).slice(0, 300)}`]),
				...Object.entries(keys).filter(([, key]) => text.includes(key)).map(([what]) => `${name}'s output holds the ${what} key`),
			];
		});
		const stored = JSON.stringify(runData);
		// The sandbox did hand the keys out: the ticketing integration's answer carried them.
		const requests = await sandbox.requests();
		if (!requests.some((q) => q.method === 'GET' && q.path === `/v1/integrations/${account}/${integration}` && q.status === 200)) problems.push('Integration Get was not sent');
		for (const [what, key] of Object.entries(keys)) {
			if (!stored.includes(key) && `${r.stdout}${r.stderr}`.includes(key)) problems.push(`n8n's log holds the ${what} key`);
		}
		if (problems.length) throw new Error(problems.join('; '));
	});
}

/**
 * After every example (failures included) and the fault run: no credential token appears in
 * n8n's database, its logs or the stored execution data, and no token the Connector minted
 * (a Bearer the sandbox saw on a Connector call that is neither credential's) appears either.
 */
async function secretSearch(version, home, logs) {
	await step(`${version}: no secret in n8n's database, logs or execution data`, async () => {
		const credentialTokens = [...sandboxCredentials(sandbox).map((c) => c.data.accessToken), ...renewalSecrets];
		const minted = seenRequests
			.filter((r) => !r.path.startsWith('/v1/tokens') && /^\/v1\/(siem|ticketing|vulnerabilities|edr|sink|assets|identity)/.test(r.path))
			.map((r) => String(r.headers?.authorization ?? '').replace(/^Bearer /, ''))
			.filter((token) => token && !credentialTokens.includes(token));
		const secrets = [...new Set([...credentialTokens, ...minted, ...signingKeys])];
		const { readdirSync, readFileSync, statSync } = await import('node:fs');
		const files = [];
		const walk = (dir) => {
			for (const entry of readdirSync(dir)) {
				const path = join(dir, entry);
				if (statSync(path).isDirectory()) walk(path);
				else if (!path.includes(`${join('nodes', 'node_modules')}`)) files.push(path);
			}
		};
		for (const folder of [home, ...renewalHomes]) walk(join(folder, '.n8n'));
		const found = [];
		for (const file of files) {
			const text = readFileSync(file).toString('latin1');
			for (const secret of secrets) if (text.includes(secret)) found.push(`${file} holds ${secret.slice(0, 6)}…`);
		}
		for (const secret of secrets) if (logs.some((l) => l.includes(secret))) found.push(`a log holds ${secret.slice(0, 6)}…`);
		log(`secret search: ${secrets.length} secrets (${minted.length} minted, ${signingKeys.length} webhook signing keys) in ${files.length} files and ${logs.length} logs`);
		if (found.length) throw new Error(found.join('; '));
	});
}

/**
 * `npm run dev` as a process manager runs it: one signal to the one process stops everything.
 * While the `npm run dev` instance runs, both trigger examples are shown working in it.
 */
async function devTarget() {
	const { devStopCheck } = await import('./dev-stop.mjs');
	let firstSandboxPort;
	for (const [command, signal, again] of [
		['npm', 'SIGTERM', false],
		['node', 'SIGINT', false],
		// A second start on the first one's data: no owner set up again, the sandbox on the same port.
		['node', 'SIGTERM', true],
	]) {
		const t = Date.now();
		const label = command === 'npm' ? 'npm run dev' : 'node scripts/dev.mjs';
		const whileRunning = command === 'npm' ? devTriggerChecks : undefined;
		const home = join(work, again ? 'dev-npm' : `dev-${command}`);
		const failures = await devStopCheck({ command, signal, home, whileRunning, expectSandboxPort: again ? firstSandboxPort : undefined });
		firstSandboxPort ??= failures.sandboxPort;
		const what = again ? 'a second start on the same data (sandbox on the same port, no "owner already setup")' : `\`${label}\``;
		check(`dev: ${signal} to ${what} stops n8n and the sandbox, frees their ports, leaves no process; no offline noise, no stack traces`, [...failures], Date.now() - t);
	}
}

/**
 * The triggers in the instance `npm run dev` started, with its own sandbox, imported examples and
 * owner, driven as its banner tells a developer to: the Synqly Management Trigger example activated, the
 * banner's command makes the sandbox fire a signed delivery at it, which starts an execution; the
 * Connector Trigger example activated, an alert added to the sandbox's SIEM opens a ticket at the
 * next poll (every minute).
 */
async function devTriggerChecks({ baseUrl, sandboxUrl, output }) {
	const version = N8N_VERSIONS[0];
	const devSandbox = sandboxClient(sandboxUrl);
	const rest = new N8nRest(baseUrl);
	if (!(await step('dev: the owner of the `npm run dev` instance logs in', () => rest.ownerLogin()))) return;

	await step('dev: a failed run shows one line in the terminal (its message), no error class or stack trace', async () => {
		const workflow = (
			await rest.request('POST', '/workflows', {
				name: 'Failing run',
				nodes: [
					{ id: 'f1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
					{
						id: 'f2',
						name: 'Get a missing account',
						type: `${PACKAGE_NAME}.synqlyManagement`,
						typeVersion: 1,
						position: [250, 0],
						parameters: { resource: 'account', operation: 'get', accountId: { __rl: true, mode: 'id', value: 'no-such-account' } },
						credentials: { synqlyOrganizationApi: { id: CREDENTIALS.organization.id, name: CREDENTIALS.organization.name } },
					},
				],
				connections: { Start: { main: [[{ node: 'Get a missing account', type: 'main', index: 0 }]] } },
				settings: {},
			})
		).data;
		const from = output().length;
		const run = await waitForExecution(rest, version, await startRestRun(rest, workflow));
		if (run.status !== 'error') throw new Error(`the run ended ${run.status}`);
		await sleep(2000);
		const shown = output().slice(from).split('\n').filter((line) => line.trim() !== '');
		const about = shown.filter((line) => /no-such-account|Error\b|^\[n8n[^\]]*\]\s+at\s/.test(line));
		log(`dev terminal after a failed run: ${JSON.stringify(about)}`);
		if (about.length !== 1) throw new Error(`${about.length} lines about the failure; the terminal shows ${JSON.stringify(shown.slice(0, 12))}`);
	});

	const webhookExample = examples.find((e) => e.name === TRIGGER_EXAMPLE);
	await step(`dev: "${webhookExample?.workflow.name}" activated; the banner's "Fire a signed delivery" command starts an execution with the event`, async () => {
		const command = /Fire a signed delivery: curl -X POST (\S+) -d '([^']+)'/.exec(output());
		if (!command) throw new Error('the banner shows no "Fire a signed delivery: curl -X POST <url> -d \'<json>\'" line');
		const { workflow } = webhookExample;
		const trigger = workflow.nodes.find((n) => n.type === `${PACKAGE_NAME}.synqlyManagementTrigger`);
		const productionUrl = `${baseUrl}/webhook/${trigger.webhookId}/webhook`;
		await activateByRest(rest, workflow.id);
		await waitFor(`a webhook registered at the sandbox for ${productionUrl}`, async () => (await devSandbox.state()).webhooks.some((h) => h.url === productionUrl));
		const before = new Set(await executionIds(rest, workflow.id));
		const res = await fetch(command[1], { method: 'POST', body: command[2] });
		if (!res.ok) throw new Error(`the banner's command: ${res.status} ${await res.text()}`);
		const answers = (await res.json()).flatMap((f) => f.answers.map((a) => a.status ?? a.error));
		if (JSON.stringify(answers) !== '[200]') throw new Error(`n8n answered the delivery ${JSON.stringify(answers)}, expected [200]`);
		const id = await waitFor('a new execution', async () => (await executionIds(rest, workflow.id)).find((e) => !before.has(e)));
		const run = await waitForExecution(rest, version, id);
		const [event] = nodeItems(run, trigger.name) ?? [];
		if (run.status !== 'success' || event?.event !== 'account_create') {
			throw new Error(`execution ${id} ${run.status}, trigger output ${JSON.stringify(event).slice(0, 300)}`);
		}
	});

	const pollExample = examples.find((e) => e.expect?.trigger);
	await step(`dev: "${pollExample?.workflow.name}" activated; the alert the banner's "Add an alert" command adds opens a ticket`, async () => {
		const command = /Add an alert: curl -X POST (\S+) -H 'content-type: application\/json' -d '([^']+)'/.exec(output());
		if (!command) throw new Error('the banner shows no "Add an alert: curl -X POST <url> -H \'content-type: application/json\' -d \'<json>\'" line');
		const { workflow } = pollExample;
		const spec = pollExample.expect.trigger;
		await activateByRest(rest, workflow.id);
		// The poll n8n runs at activation notes the time; only alerts after it are new.
		await waitFor('the trigger\'s first poll', async () => {
			const stored = (await rest.request('GET', `/workflows/${workflow.id}`)).data?.staticData;
			return typeof stored?.[`node:${spec.node}`]?.watermark === 'number';
		}, 60000);
		const res = await fetch(command[1], { method: 'POST', headers: { 'content-type': 'application/json' }, body: command[2] });
		if (!res.ok) throw new Error(`the banner's command: ${res.status} ${await res.text()}`);
		const [uid] = JSON.parse(command[2]).records.map((r) => r.finding_info.uid);
		await waitFor(`a ticket for alert ${uid}`, async () => ticketsOf(await devSandbox.requests(), uid) >= 1, 150000);
	});
}

/** The example started by the Synqly Management Trigger; `n8n execute` cannot start it, `triggerFlow` does. */
const TRIGGER_EXAMPLE = 'new-account-integrations';

/** Activates (2.x: publishes) a saved workflow as the editor's toggle does. */
async function activateByRest(rest, workflowId) {
	const wf = (await rest.request('GET', `/workflows/${workflowId}`)).data;
	await rest.request('POST', `/workflows/${workflowId}/activate`, { versionId: wf.versionId });
}

/** Ids of the workflow's executions, newest first. */
async function executionIds(rest, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const r = await rest.request('GET', `/executions?filter=${filter}&limit=50`);
	const results = r.data?.results ?? r.data ?? [];
	return results.map((e) => String(e.id));
}

/**
 * The Synqly Management Trigger in a running n8n: activation registers an organization webhook for n8n's
 * production URL; an account created in the sandbox makes it POST a signed account_create there,
 * which starts an execution with the event (run by the worker in queue mode); forged deliveries
 * and the copy of a replayed one start none; deactivation removes the webhook from the sandbox.
 */
async function triggerFlow(label, rest, version, { baseUrl, proof, logs } = {}) {
	const ex = examples.find((e) => e.name === TRIGGER_EXAMPLE);
	if (!ex) return check(`${label}: trigger flow`, [`examples/${TRIGGER_EXAMPLE}.json is missing`]);
	const workflowId = ex.workflow.id;
	const trigger = ex.workflow.nodes.find((n) => n.type === `${PACKAGE_NAME}.synqlyManagementTrigger`);
	const productionUrl = `${baseUrl}/webhook/${trigger.webhookId}/webhook`;
	await sandbox.reset();
	const activated = await step(`${label}: activating "${ex.workflow.name}" registers a webhook for ${productionUrl}`, async () => {
		await activateByRest(rest, workflowId);
		// n8n may answer before the trigger's create() has run.
		const hooks = await waitFor('a registered webhook', async () => {
			const registered = (await sandbox.state()).webhooks;
			return registered.length ? registered : undefined;
		}).catch(() => []);
		if (hooks.length !== 1 || hooks[0].url !== productionUrl || JSON.stringify(hooks[0].filters) !== '["account_create"]') {
			throw new Error(`sandbox webhooks: ${JSON.stringify(hooks)}`);
		}
		webhookSecrets.push(...(await sandbox.state()).webhookSecrets);
	});
	if (!activated) return;
	try {
		await step(`${label}: an account created in Synqly starts an execution with the account_create event`, async () => {
			const before = new Set(await executionIds(rest, workflowId));
			const created = await fetch(`${sandbox.url}/v1/accounts`, {
				method: 'POST',
				headers: { authorization: `Bearer ${sandbox.orgToken}`, 'content-type': 'application/json' },
				body: JSON.stringify({ name: 'trigger-e2e', environment: 'prod' }),
			});
			if (!created.ok) throw new Error(`POST /v1/accounts → ${created.status}`);
			const delivery = await waitFor('the delivery answered', async () => (await sandbox.state()).deliveries.find((d) => d.status || d.error));
			if (delivery.status !== 200) throw new Error(`n8n answered the delivery ${delivery.status ?? delivery.error}`);
			const id = await waitFor('a new execution', async () => (await executionIds(rest, workflowId)).find((e) => !before.has(e)));
			const run = await waitForExecution(rest, version, id);
			const [event] = nodeItems(run, trigger.name) ?? [];
			const failures = [];
			if (run.status !== 'success') failures.push(`execution ${id} ${run.status}: ${JSON.stringify(run.data?.resultData?.error ?? {}).slice(0, 300)}`);
			if (event?.event !== 'account_create' || event?.account?.name !== 'trigger-e2e') failures.push(`trigger output ${JSON.stringify(event).slice(0, 300)}`);
			if (!JSON.stringify(event ?? {}).includes(delivery.payload.nonce)) failures.push('the trigger output has not the delivery nonce');
			const [siem] = nodeItems(run, 'Create or update SIEM integration') ?? [];
			if (siem?.name !== 'trigger-e2e-siem') failures.push(`SIEM integration ${JSON.stringify(siem).slice(0, 200)}`);
			if (proof) failures.push(...(await proof(id)));
			if (failures.length) throw new Error(failures.join('\n'));
		});
		/** Fires each flaw; fails unless n8n answered as expected and `started` executions began. */
		const deliveries = async (expected, started) => {
			const before = (await executionIds(rest, workflowId)).length;
			const failures = [];
			for (const [flaw, statuses] of Object.entries(expected)) {
				// The copy of a replay comes once the first delivery's execution is done, as a retry would.
				const fired = await sandbox.deliver({ event: 'account_create', flaw, pauseMs: flaw === 'replay' ? 4000 : 0 });
				const got = fired.flatMap((f) => f.answers.map((a) => a.status ?? a.error));
				if (JSON.stringify(got) !== JSON.stringify(statuses)) failures.push(`${flaw}: n8n answered ${JSON.stringify(got)}, expected ${JSON.stringify(statuses)}`);
				const copy = flaw === 'replay' ? fired[0]?.answers[1]?.body : undefined;
				if (copy !== undefined && !/"duplicate":\s*true/.test(copy)) failures.push(`replay: the copy was answered ${copy}, not as a duplicate`);
			}
			await sleep(3000);
			const after = (await executionIds(rest, workflowId)).length;
			if (after !== before + started) failures.push(`${after - before} executions started, expected ${started}`);
			if (failures.length) throw new Error(failures.join('\n'));
		};
		await step(`${label}: forged deliveries (unsigned, wrong secret, tampered, non-JSON) are refused and start no execution`, () =>
			deliveries({ unsigned: [401], wrongSecret: [401], tampered: [401], nonJson: [400] }, 0),
		);
		// In queue mode too: the nonce is saved by main before the worker runs the first execution.
		await step(`${label}: a replayed delivery (same nonce, 4 s later) is acknowledged as a duplicate and starts no second execution`, () =>
			deliveries({ replay: [200, 200] }, 1),
		);
	} finally {
		await step(`${label}: deactivating removes the webhook from the sandbox`, async () => {
			await rest.request('POST', `/workflows/${workflowId}/deactivate`, {});
			const left = await waitFor('the webhook removed', async () => {
				const hooks = (await sandbox.state()).webhooks;
				return hooks.length ? undefined : hooks;
			}).catch(() => undefined);
			if (!left) throw new Error(`still registered: ${JSON.stringify((await sandbox.state()).webhooks)}`);
		});
		await webhookSecretSearch(label, rest, workflowId, logs);
	}
}

/** Webhook secrets the trigger registered (the sandbox knows them): the secret searches look for them. */
const webhookSecrets = [];

/**
 * The webhook secret lives in the workflow's static data (the trigger needs it to verify every
 * delivery), so it is in n8n's database by design. It must be in no execution's run data (outputs,
 * errors of the good and the forged deliveries) nor in n8n's logs. n8n itself copies the workflow's
 * static data into each execution's workflow snapshot (`workflowData.staticData`, picked in
 * prepareExecutionDataForDbUpdate of both versions; 1.123.81 fills it for webhook executions,
 * 2.41.1 does not): that copy is n8n's, and the search reports it without failing (docs/synqly-management-trigger.md).
 */
async function webhookSecretSearch(label, rest, workflowId, logs) {
	await step(`${label}: no webhook secret in the trigger's executions or n8n's logs`, async () => {
		if (!webhookSecrets.length) throw new Error('no webhook secret was registered');
		const ids = await executionIds(rest, workflowId);
		const found = [];
		let snapshots = 0;
		for (const id of ids) {
			const { workflowData = {}, ...execution } = (await rest.request('GET', `/executions/${id}`)).data ?? {};
			const { staticData, ...workflow } = workflowData;
			const stored = JSON.stringify({ ...execution, workflow });
			for (const secret of webhookSecrets) {
				if (stored.includes(secret)) found.push(`execution ${id} holds ${secret.slice(0, 4)}…`);
				if (JSON.stringify(staticData ?? {}).includes(secret)) snapshots += 1;
			}
		}
		if (snapshots) log(`webhook secret: in n8n's own copy of the static data in ${snapshots} execution(s) (workflowData.staticData)`);
		const text = logs?.() ?? '';
		for (const secret of webhookSecrets) if (text.includes(secret)) found.push(`n8n's log holds ${secret.slice(0, 4)}…`);
		log(`webhook secret search: ${webhookSecrets.length} secrets in ${ids.length} executions${logs ? ' and the log' : ''}`);
		if (found.length) throw new Error(found.join('; '));
	});
}

async function queueRun(rest, version, workflow) {
	const id = await startRestRun(rest, workflow);
	return { id, run: await waitForExecution(rest, version, id) };
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

		await triggerFlow(label, rest, version, {
			baseUrl: main.baseUrl,
			proof: async (id) => {
				await sleep(300);
				return workerProof(id, main, worker, services.postgres).out;
			},
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

/** The example the install target runs: Management and Connector nodes, both credentials' kinds of use. */
const INSTALL_EXAMPLE = 'provision-tenant';

/**
 * The README's install from a clone, as a user types it: `npm run install-local -- --dir <folder>`
 * into a fresh n8n folder (nothing else put there by these scripts), then n8n 2.41.1 on that folder
 * lists the Synqly nodes in its editor and runs an example with them.
 */
async function installTarget() {
	const version = '2.41.1';
	const label = 'install';
	const dir = join(work, 'install');
	const home = join(dir, 'home');
	const folder = join(home, '.n8n');
	mkdirSync(home, { recursive: true });
	const installed = await step(`${label}: npm run install-local -- --dir <fresh n8n folder> lays the package out as n8n's installer does`, () => {
		const r = spawnSync('npm', ['run', 'install-local', '--', '--dir', folder], { cwd: REPO, encoding: 'utf8' });
		if (r.status !== 0) throw new Error(`npm run install-local exited ${r.status}:\n${tail(r.stdout + r.stderr)}`);
		const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
		const target = join(folder, 'nodes', 'node_modules', PACKAGE_NAME);
		const manifest = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8'));
		const problems = [];
		if (manifest.version !== pkg.version) problems.push(`installed version ${manifest.version}, package.json ${pkg.version}`);
		for (const key of ['devDependencies', 'peerDependencies', 'optionalDependencies']) if (key in manifest) problems.push(`installed package.json keeps ${key}`);
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) if (!existsSync(join(target, file))) problems.push(`missing ${file}`);
		const list = JSON.parse(readFileSync(join(folder, 'nodes', 'package.json'), 'utf8'));
		if (list.dependencies?.[PACKAGE_NAME] !== pkg.version) problems.push(`nodes/package.json dependencies: ${JSON.stringify(list.dependencies)}`);
		if (problems.length) throw new Error(problems.join('\n'));
	});
	if (!installed) return;
	const env = await n8nEnv({ userFolder: home, encryptionKey });
	const ex = examples.find((e) => e.name === INSTALL_EXAMPLE);
	if (!(await step(`${label}: credentials and "${INSTALL_EXAMPLE}" imported`, async () => {
		if (!ex) throw new Error(`example ${INSTALL_EXAMPLE} not found`);
		await importCredentials(version, env, sandboxCredentials(sandbox), dir);
		await importWorkflows(version, env, [ex.workflow], dir);
	}))) return;
	await runExampleChecks(label, async () => {
		const r = await executeWorkflow(version, env, ex.workflow.id);
		const extra = r.code === 0 ? [] : [`n8n execute exited ${r.code ?? r.signal}`, tail(r.stdout + r.stderr, 25)];
		return { run: r.run, extra };
	}, [ex]);
	const server = startN8n(version, env, { echo: opts.verbose });
	try {
		if (!(await step(`${label}: n8n start answers on ${server.baseUrl}`, () => waitForN8n(server)))) return;
		const rest = new N8nRest(server.baseUrl);
		if (!(await step(`${label}: owner account set up and logged in`, () => rest.ownerLogin()))) return;
		await nodeTypesCheck(label, rest);
		await docsLinksCheck(label, rest);
	} finally {
		await stopProcess(server);
	}
}

/**
 * The docs link of each Synqly node's panel, built as n8n 2.41.1's editor builds it from the node
 * type it serves (the node's documentationUrl as given, else its codex primaryDocumentation with
 * `?utm_source=…` appended): no `#` anchor for that query to break, and a page of this repository.
 */
async function docsLinksCheck(label, rest) {
	await step(`${label}: each Synqly node's docs link (tool variants too), as the editor builds it, has no #anchor and opens a page of docs/`, async () => {
		const res = await fetch(`${rest.baseUrl}/types/nodes.json`, { headers: { cookie: rest.cookie } });
		if (!res.ok) throw new Error(`/types/nodes.json → ${res.status}`);
		const ours = (await res.json()).filter((n) => n.name.startsWith(`${PACKAGE_NAME}.`));
		const problems = [];
		for (const node of ours) {
			const primary = node.codex?.resources?.primaryDocumentation?.[0]?.url;
			const link = node.documentationUrl?.startsWith('http')
				? node.documentationUrl
				: primary && `${primary}?${new URLSearchParams({ utm_source: 'n8n_app', utm_medium: 'node_settings_modal-credential_link', utm_campaign: node.name })}`;
			if (!link) problems.push(`${node.name}: no docs link`);
			else if (link.includes('#')) problems.push(`${node.name}: ${link} has an anchor`);
			else if (!link.startsWith(DOCS_BASE) || !existsSync(join(REPO, new URL(link).pathname.slice(new URL(DOCS_BASE).pathname.length)))) {
				problems.push(`${node.name}: ${link} is not a page of this repository`);
			}
		}
		// The nodes of package.json, and the AI-tool variants n8n serves of the action nodes.
		const served = new Set(ours.map((n) => n.name));
		for (const name of packageNodeNames()) if (!served.has(`${PACKAGE_NAME}.${name}`)) problems.push(`${name} not served`);
		if (problems.length) throw new Error(problems.join('\n'));
	});
}

async function main() {
	const t0 = Date.now();
	if (opts.build && !(await step('build: npm run build', () => buildPackage()))) return;
	const versions = new Set();
	if (['2.41.1', 'queue', 'browser', 'dev', 'install'].some((t) => targets.has(t))) versions.add('2.41.1');
	if (['1.123.81', 'browser', 'crash'].some((t) => targets.has(t))) versions.add('1.123.81');
	if (targets.has('crash')) versions.add('2.41.1');
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
	// The browser target's second pass: the Connector form and the trigger buttons as n8n 1.x shows them.
	if (targets.has('1.123.81') || targets.has('browser')) {
		await timed(targets.has('1.123.81') ? 'n8n 1.123.81 (sqlite)' : 'browser on n8n 1.123.81', () =>
			sqliteTarget('1.123.81', { execute: targets.has('1.123.81'), browser: targets.has('browser') }),
		);
	}
	if (triggerRuns.length && examples.some((e) => e.expect?.trigger)) {
		await sandbox.reset();
		await timed(`trigger examples on ${triggerRuns.map((r) => r.version).join(' and ')}`, () =>
			Promise.all(triggerRuns.map((r) => triggerChecks(r.version, r.env, r.dir))),
		);
	}
	if (targets.has('queue')) await timed('queue mode', () => queueTarget());
	if (targets.has('dev')) await timed('npm run dev', () => devTarget());
	if (targets.has('install')) await timed('npm run install-local', () => installTarget());
	if (targets.has('crash')) await timed('crash', () => crashTarget({ work, encryptionKey, step, verbose: opts.verbose }));
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
