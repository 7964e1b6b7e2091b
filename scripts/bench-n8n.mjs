#!/usr/bin/env node
// `npm run bench`: speed, memory and footprint of the package in a real n8n 2.41.1 (the one
// `npm run dev` uses), installed as a user installs it, with its credentials in n8n's database,
// against the Synqly sandbox with an added latency per request; side by side with n8n's HTTP
// Request node and with a plain `fetch` loop (scripts/bench-fetch.mjs) in the same run.
// Prints one table of medians with ratios and the issue's targets (met / missed); asserts nothing.
//
//   npm run bench [-- --runs 5] [--latency 0,20] [--only a,b,c,d,e] [--items 1000] [--records 100000]
//                 [--per-item 300] [--no-build] [--write] [--cpu-prof] [--keep]
//
// Case e: --per-item GETs by id at 50 ms per request, with Continue On Fail, on an open sandbox and
// behind one that refuses more than 10 requests in flight with 429 and Retry-After: 1
// (settings.maxInFlight): per variant the time, items failed, requests sent and 429 answers.
//   npm run bench -- --quick      the in-process figures instead (scripts/bench.ts, n8n-core engine)
//
// Times are n8n's own: the node's `executionTime` in the execution's run data (read over the REST
// API), so the Code node that makes the input items is not counted; the execution's
// startedAt → stoppedAt is kept beside it. Peak memory: the n8n process's RSS, sampled every 20 ms
// (/proc/<pid>/status) within the node's time window. --write puts the table into BENCH.md;
// --cpu-prof profiles the n8n process and prints, per node under test, where its time went.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus, totalmem, tmpdir } from 'node:os';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { accountIds, ocsfEvents } from './bench-fetch.mjs';
import {
	CREDENTIALS,
	N8nRest,
	PACKAGE_NAME,
	REPO,
	buildPackage,
	ensureN8n,
	ensureNode24,
	importCredentials,
	importWorkflows,
	installPackage,
	log,
	n8nEnv,
	packageDir,
	readPackageJson,
	removePackage,
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
} from './n8n-env.mjs';

const VERSION = '2.41.1';
const CASES = ['a', 'b', 'c', 'd', 'e'];
/** Case e: the latency per request, and the sandbox's in-flight limit behind which it runs a second time. */
const E_LATENCY = 50;
const E_MAX_IN_FLIGHT = 10;
const BEARER = { id: 'benchBearerCred01', name: 'Bearer Auth (sandbox organization token)', type: 'httpBearerAuth' };
const UNDER_TEST = 'Under test';
const BANNER = 'Editor is now accessible via';

function parseArgs(argv) {
	const opts = { quick: false, runs: 5, latencies: [0, 20], only: CASES, items: 1000, perItem: 300, records: 100000, batch: 500, startups: 3, build: true, write: false, cpuProf: false, keep: false };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2);
		const value = () => inline ?? argv[++i];
		if (flag === '--quick') opts.quick = true;
		else if (flag === '--runs') opts.runs = Number(value());
		else if (flag === '--latency') opts.latencies = value().split(',').map(Number);
		else if (flag === '--only') opts.only = value().split(',');
		else if (flag === '--items') opts.items = Number(value());
		else if (flag === '--records') opts.records = Number(value());
		else if (flag === '--per-item') opts.perItem = Number(value());
		else if (flag === '--startups') opts.startups = Number(value());
		else if (flag === '--no-build') opts.build = false;
		else if (flag === '--write') opts.write = true;
		else if (flag === '--cpu-prof') opts.cpuProf = true;
		else if (flag === '--keep') opts.keep = true;
		else throw new Error(`unknown argument ${argv[i]} (see the head of scripts/bench-n8n.mjs)`);
	}
	for (const c of opts.only) if (!CASES.includes(c)) throw new Error(`--only: unknown case ${c} (use ${CASES.join(',')})`);
	return opts;
}

const opts = parseArgs(process.argv.slice(2));
const median = (xs) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const secs = (ms) => (ms / 1000).toFixed(ms < 10000 ? 2 : 1);
const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);

// ---------------------------------------------------------------- workflows

function workflow(id, name, input, node) {
	const nodes = [{ parameters: {}, id: `${id}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] }];
	if (input) nodes.push({ parameters: { jsCode: input }, id: `${id}-input`, name: 'Input', type: 'n8n-nodes-base.code', typeVersion: 2, position: [220, 0] });
	nodes.push({ id: `${id}-test`, name: UNDER_TEST, typeVersion: 1, position: [440, 0], ...node });
	const chain = nodes.map((n) => n.name);
	const connections = Object.fromEntries(chain.slice(0, -1).map((from, i) => [from, { main: [[{ node: chain[i + 1], type: 'main', index: 0 }]] }]));
	return { id, name: `Bench: ${name}`, active: false, nodes, connections, settings: { executionOrder: 'v1' } };
}

const cred = (c) => ({ id: c.id, name: c.name });
const synqly = (node, parameters, credential) => ({
	type: `${PACKAGE_NAME}.${node}`,
	parameters,
	credentials: { [credential.type]: cred(credential) },
});

function workflows(sandbox) {
	const ids = `const accountIds = ${accountIds.toString()};\nreturn accountIds(${opts.items}).map((id) => ({ json: { id } }));`;
	const fewIds = `const accountIds = ${accountIds.toString()};\nreturn accountIds(${opts.perItem}).map((id) => ({ json: { id } }));`;
	// Case e: failed items are counted, not the end of the run.
	const tolerant = (node) => ({ ...node, onError: 'continueRegularOutput' });
	const getWith = (requestOptions) =>
		synqly('synqlyManagement', { resource: 'account', operation: 'get', accountId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, ...(requestOptions ? { requestOptions } : {}) }, CREDENTIALS.organization);
	const events = `const ocsfEvents = ${ocsfEvents.toString()};\nreturn ocsfEvents(${opts.records}).map((json) => ({ json }));`;
	const get = (concurrency) =>
		synqly('synqlyManagement', { resource: 'account', operation: 'get', accountId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, requestOptions: { concurrency } }, CREDENTIALS.organization);
	const http = (extra) => ({ type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, parameters: { url: `=${sandbox.url}/v1/accounts/{{ $json.id }}`, ...extra, options: {} } });
	const integration = { authentication: 'integrationToken', resource: 'siem' };
	return {
		getC1: workflow('benchGetC1', 'Account Get, Concurrency 1', ids, get(1)),
		getC8: workflow('benchGetC8', 'Account Get, Concurrency 8', ids, get(8)),
		httpBearer: workflow('benchHttpBearer', 'HTTP Request, Bearer Auth credential', ids, {
			...http({ authentication: 'genericCredentialType', genericAuthType: 'httpBearerAuth' }),
			credentials: { httpBearerAuth: cred(BEARER) },
		}),
		httpHeader: workflow('benchHttpHeader', 'HTTP Request, token in a header', ids, http({ sendHeaders: true, headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${sandbox.orgToken}` }] } })),
		keyset: workflow('benchKeyset', 'Account Get Many, Return All', null, synqly('synqlyManagement', { resource: 'account', operation: 'getAll', returnAll: true, filters: {}, sort: {} }, CREDENTIALS.organization)),
		cursor: workflow('benchCursor', 'SIEM Get Many Events, Return All', null, synqly('synqlyConnector', { ...integration, operation: 'queryEvents', returnAll: true, filters: {}, sort: {}, options: {} }, CREDENTIALS.integration)),
		post: workflow('benchPost', 'SIEM Post Events', events, synqly('synqlyConnector', { ...integration, operation: 'postEvents', inputMode: 'item', options: { batchSize: opts.batch } }, CREDENTIALS.integration)),
		postC4: workflow('benchPostC4', 'SIEM Post Events, Concurrency 4', events, synqly('synqlyConnector', { ...integration, operation: 'postEvents', inputMode: 'item', options: { batchSize: opts.batch }, requestOptions: { concurrency: 4 } }, CREDENTIALS.integration)),
		eDefault: workflow('benchEDefault', 'Account Get, defaults', fewIds, tolerant(getWith())),
		eC32: workflow('benchEC32', 'Account Get, Concurrency 32', fewIds, tolerant(getWith({ concurrency: 32 }))),
		eHttp: workflow('benchEHttp', 'HTTP Request, Bearer Auth credential', fewIds, tolerant({
			...http({ authentication: 'genericCredentialType', genericAuthType: 'httpBearerAuth' }),
			credentials: { httpBearerAuth: cred(BEARER) },
		})),
	};
}

// ---------------------------------------------------------------- measuring

function rssOf(pid) {
	try {
		return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) * 1024;
	} catch {
		return 0;
	}
}

/** One run of a workflow in n8n: the node under test's time, items, requests and the process's RSS. */
async function runInN8n(ctx, wf) {
	await ctx.sandbox.control('DELETE', 'requests');
	const samples = [];
	const rssBefore = rssOf(ctx.pid);
	const sampler = setInterval(() => samples.push([Date.now(), rssOf(ctx.pid)]), 20);
	let ex;
	try {
		const id = await startRestRun(ctx.rest, wf);
		ex = await waitForExecution(ctx.rest, VERSION, id, { timeoutMs: 600000, pollMs: 250 });
	} finally {
		clearInterval(sampler);
	}
	const task = ex.data?.resultData?.runData?.[UNDER_TEST]?.[0];
	if (ex.status !== 'success' || !task) {
		const error = ex.data?.resultData?.error;
		throw new Error(`${wf.name}: execution ${ex.status}: ${error?.message ?? JSON.stringify(error ?? {}).slice(0, 400)}`);
	}
	const items = task.data?.main?.[0] ?? [];
	const window = samples.filter(([t]) => t >= task.startTime && t <= task.startTime + task.executionTime + 20);
	const stats = await ctx.sandbox.control('GET', 'stats');
	return {
		ms: task.executionTime,
		startTime: task.startTime,
		executionMs: Date.parse(ex.stoppedAt) - Date.parse(ex.startedAt),
		items: items.length,
		errors: items.filter((i) => i.json?.error !== undefined).length,
		requests: stats.requests,
		refused: stats.refused,
		peak: stats.peakInFlight,
		rssBefore,
		peakRss: Math.max(rssBefore, ...window.map(([, rss]) => rss)),
		firstQuery: stats.recorded ? (await ctx.sandbox.requests())[0]?.query : undefined,
	};
}

/**
 * One run of the fetch loop in its own Node 24 process. Not execFileSync: a blocked event loop
 * keeps idle keep-alive sockets past the server's timeout, and the next request on one fails.
 */
async function runFetch(args) {
	const child = spawn(ensureNode24(), [join(REPO, 'scripts', 'bench-fetch.mjs'), JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	let err = '';
	child.stdout.on('data', (c) => (out += c));
	child.stderr.on('data', (c) => (err += c));
	const code = await new Promise((done) => child.on('exit', done));
	if (code !== 0) throw new Error(`fetch loop ${args.case} exited ${code}:\n${tail(err)}`);
	return JSON.parse(out.trim().split('\n').pop());
}

/** Runs every variant once per round, rounds interleaved, so noise on the machine hits all alike. */
async function measure(label, variants, { before } = {}) {
	const results = Object.fromEntries(variants.map((v) => [v.key, []]));
	for (let round = 1; round <= opts.runs; round++) {
		for (const v of variants) {
			if (before) await before(v);
			const r = await v.run();
			results[v.key].push(r);
			log(`${label} round ${round}/${opts.runs}: ${v.label}: ${secs(r.ms)} s, ${r.requests} requests, ${r.items} items`);
		}
	}
	return Object.fromEntries(
		variants.map((v) => {
			const runs = results[v.key];
			const ms = runs.map((r) => r.ms);
			return [v.key, { label: v.label, runs, median: median(ms), min: Math.min(...ms), max: Math.max(...ms), requests: median(runs.map((r) => r.requests)), items: median(runs.map((r) => r.items)), errors: Math.max(...runs.map((r) => r.errors ?? 0)), refused: median(runs.map((r) => r.refused ?? 0)), refusedShare: Math.max(...runs.map((r) => (r.refused ?? 0) / Math.max(1, r.requests))), peak: median(runs.map((r) => r.peak ?? 0)) }];
		}),
	);
}

// ---------------------------------------------------------------- footprint

function tarball() {
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO, encoding: 'utf8' });
	const [pack] = JSON.parse(out);
	return { size: pack.size, unpackedSize: pack.unpackedSize, files: pack.entryCount };
}

async function startupMs(env) {
	const started = performance.now();
	const child = startN8n(VERSION, env, { name: 'n8n-startup' });
	try {
		for (;;) {
			if (child.output.includes(BANNER)) return performance.now() - started;
			if (child.exitCode !== null || child.signalCode !== null) throw new Error(`n8n exited during start-up:\n${tail(child.output)}`);
			if (performance.now() - started > 240000) throw new Error(`n8n not started after 240 s:\n${tail(child.output)}`);
			await sleep(25);
		}
	} finally {
		await stopProcess(child);
	}
}

/** Start-up to the editor banner, with and without the package installed, alternating. */
async function startups(home, env) {
	const times = { without: [], with: [] };
	for (let i = 0; i < opts.startups; i++) {
		removePackage(home);
		times.without.push(await startupMs(env));
		installPackage(home);
		times.with.push(await startupMs(env));
		log(`start-up ${i + 1}/${opts.startups}: without ${secs(times.without[i])} s, with ${secs(times.with[i])} s`);
	}
	return times;
}

async function descriptionSizes(rest) {
	const res = await fetch(`${rest.baseUrl}/types/nodes.json`, { headers: { cookie: rest.cookie } });
	if (!res.ok) throw new Error(`/types/nodes.json → ${res.status}`);
	const all = await res.json();
	return all.filter((n) => n.name.startsWith(`${PACKAGE_NAME}.`)).map((n) => ({ name: n.name, bytes: Buffer.byteLength(JSON.stringify(n)) }));
}

// ---------------------------------------------------------------- CPU profile

/** Self time by function within [from, to] (wall-clock ms) of a .cpuprofile, top `n`. */
function profileSummary(profile, offsetMs, from, to, n = 15) {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const self = new Map();
	let t = profile.startTime;
	let total = 0;
	profile.samples.forEach((id, i) => {
		t += profile.timeDeltas[i];
		const wall = t / 1000 + offsetMs;
		if (wall < from || wall > to) return;
		const { functionName, url, lineNumber } = byId.get(id).callFrame;
		const file = url.replace(/^.*node_modules\//, '').replace(/^file:\/\//, '');
		const key = `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
		const dt = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i]) / 1000;
		self.set(key, (self.get(key) ?? 0) + dt);
		total += dt;
	});
	const byPackage = new Map();
	for (const [key, ms] of self) {
		const m = /\s(@[^/]+\/[^/]+|[^/\s(]+)\//.exec(key);
		const pkg = key.startsWith('(') ? key.split(' ')[0] : m ? m[1] : 'node internals';
		byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
	}
	const top = (map) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, ms]) => `  ${((ms / total) * 100).toFixed(1).padStart(5)} %  ${k}`);
	return [`  ${Math.round(total)} ms of samples`, '  by package:', ...top(byPackage).slice(0, 8), '  by function (self time):', ...top(self)].join('\n');
}

// ---------------------------------------------------------------- report

function machine() {
	const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? '?';
	return { cores: cpus().length, memGb: Math.round(totalmem() / 1024 ** 3), cpu };
}

function packageVersion() {
	const git = (args) => {
		try {
			return execFileSync('git', args, { cwd: REPO, encoding: 'utf8' }).trim();
		} catch {
			return '?';
		}
	};
	const dirty = git(['status', '--porcelain', '--', 'nodes', 'credentials', 'package.json']) ? ' + uncommitted changes' : '';
	return `${PACKAGE_NAME} ${readPackageJson().version}, git ${git(['rev-parse', '--short', 'HEAD'])}${dirty} (${git(['branch', '--show-current'])})`;
}

/** "met" / "missed" for a ratio against its limit. */
function verdict(value, limit, atMost = true) {
	return (atMost ? value <= limit : value >= limit) ? 'met' : 'MISSED';
}

function report(ctx) {
	const lines = [];
	const row = (...cells) => lines.push(`| ${cells.join(' | ')} |`);
	const m = machine();
	lines.push(
		`Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC. Machine: ${m.cores} cores, ${m.memGb} GB, ${m.cpu}; load average at start ${ctx.loadavg}.`,
		`n8n ${VERSION} on Node ${ctx.node24}; the bench and sandbox on Node ${process.versions.node}. Package: ${ctx.pkg}; Concurrency option (requestOptions.concurrency) ${ctx.hasConcurrency ? 'present (the ceiling of the adaptive limiter)' : 'ABSENT in this build: the Concurrency 8 rows run one item at a time'}.`,
		`Medians of ${opts.runs} runs per row, rounds interleaved. Time of an n8n row: the node's executionTime in n8n's run data (REST API), not process wall time and not the Code node that makes its input; fetch rows: the loop's own time in a separate Node ${ctx.node24} process. Sandbox latency added per request as shown.`,
		'',
		'| Case | Latency | Variant | Median s | Range s | Requests | Items out | Ratios (targets) |',
		'| --- | ---: | --- | ---: | ---: | ---: | ---: | --- |',
	);
	for (const r of ctx.rows) row(r.case, r.latency, r.label, secs(r.median), `${secs(r.min)}–${secs(r.max)}`, r.requests, r.items, r.ratio);
	if (ctx.memory.length) {
		lines.push('', '| Return All memory (n8n process RSS) | Output (JSON) | RSS before | Peak RSS | Peak − before | Ratio to output | Target |', '| --- | ---: | ---: | ---: | ---: | ---: | --- |');
		for (const x of ctx.memory) {
			const ratio = (x.peak - x.before) / x.output;
			lines.push(`| ${x.label} | ${mb(x.output)} MB | ${mb(x.before)} MB | ${mb(x.peak)} MB | ${mb(x.peak - x.before)} MB | ${ratio.toFixed(2)}× | ≤ 2×: ${verdict(ratio, 2)} |`);
		}
	}
	if (ctx.footprint) {
		const f = ctx.footprint;
		const overhead = median(f.startup.with) / median(f.startup.without) - 1;
		lines.push(
			'',
			'| Footprint | Value | Target |',
			'| --- | ---: | --- |',
			`| Packed tarball (npm pack --dry-run) | ${(f.tarball.size / 1000).toFixed(1)} kB (${f.tarball.files} files, ${(f.tarball.unpackedSize / 1000).toFixed(0)} kB unpacked) | ≤ 250 kB: ${verdict(f.tarball.size, 250000)} |`,
			`| n8n start-up to the editor banner, median of ${f.startup.with.length}: without → with the package | ${secs(median(f.startup.without))} s → ${secs(median(f.startup.with))} s (${(overhead * 100).toFixed(1)} %; ranges ${secs(Math.min(...f.startup.without))}–${secs(Math.max(...f.startup.without))} s, ${secs(Math.min(...f.startup.with))}–${secs(Math.max(...f.startup.with))} s) | ≤ 5 %: ${verdict(overhead, 0.05)} |`,
			...f.descriptions.map((d) => `| Description of ${d.name} as the editor receives it (/types/nodes.json) | ${(d.bytes / 1000).toFixed(1)} kB | ≤ 400 kB: ${verdict(d.bytes, 400000)} |`),
		);
	}
	return lines.join('\n');
}

/**
 * Rows of one case, one per variant: [key, comparisons], each comparison [other key, target?,
 * speed-up?]: the ratio of this variant's median time to the other's (or the other's to this one's,
 * for a speed-up), with the target's verdict.
 */
function rowsOf(caseName, latency, res, specs) {
	return specs.map(([key, comparisons = []]) => {
		const r = res[key];
		const ratios = comparisons.map(([other, target, speedup]) => {
			const value = speedup ? res[other].median / r.median : r.median / res[other].median;
			const text = `${value.toFixed(2)}× ${speedup ? 'as fast as' : 'the time of'} ${res[other].label}`;
			return target ? `${text} (target ${target.text}: ${verdict(value, target.limit, !speedup)})` : text;
		});
		return {
			case: caseName,
			latency: `${latency} ms`,
			label: r.label + (r.errors ? ` (${r.errors} error items!)` : ''),
			median: r.median,
			min: r.min,
			max: r.max,
			requests: r.requests,
			items: r.items,
			ratio: ratios.join('; '),
		};
	});
}

// ---------------------------------------------------------------- main

async function main() {
	const t0 = performance.now();
	const work = mkdtempSync(join(tmpdir(), 'synqly-bench-'));
	const home = join(work, 'home');
	const profDir = join(work, 'cpu-prof');
	mkdirSync(home, { recursive: true });
	const ctx = { rows: [], memory: [], loadavg: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') };
	try {
		if (opts.build) buildPackage();
		ensureN8n(VERSION);
		ctx.node24 = execFileSync(ensureNode24(), ['--version'], { encoding: 'utf8' }).trim().replace(/^v/, '');
		ctx.pkg = packageVersion();
		const sandbox = await startSandbox();
		ctx.sandbox = sandbox;
		installPackage(home);
		const controls = join(packageDir(home), 'dist', 'nodes', 'shared', 'form', 'controls.js');
		ctx.hasConcurrency = existsSync(controls) && readFileSync(controls, 'utf8').includes("'concurrency'");
		log(`${ctx.pkg}; Concurrency option ${ctx.hasConcurrency ? 'present' : 'absent'}; sandbox ${sandbox.url}`);
		const env = await n8nEnv({ userFolder: home, encryptionKey: randomBytes(24).toString('hex'), extra: { N8N_LOG_LEVEL: 'warn' } });
		const wfs = workflows(sandbox);
		await importCredentials(VERSION, env, [...sandboxCredentials(sandbox), { ...BEARER, data: { token: sandbox.orgToken } }], work);
		await importWorkflows(VERSION, env, Object.values(wfs), work);
		// The banner is an info line; start-ups are timed by it.
		env.N8N_LOG_LEVEL = 'info';

		if (opts.only.includes('d')) {
			ctx.footprint = { tarball: tarball(), startup: await startups(home, env) };
		}
		installPackage(home);
		const serverEnv = opts.cpuProf ? { ...env, NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profDir}` } : env;
		const server = startN8n(VERSION, serverEnv, { name: 'n8n-bench' });
		await waitForN8n(server);
		const rest = new N8nRest(server.baseUrl);
		await rest.ownerLogin();
		Object.assign(ctx, { rest, pid: server.pid });
		if (ctx.footprint) ctx.footprint.descriptions = await descriptionSizes(rest);

		const n8nRun = (key, label) => ({ key, label, run: () => runInN8n(ctx, wfs[key]) });
		const fetchRun = (key, label, args) => ({ key, label, run: () => runFetch({ url: sandbox.url, ...args }) });
		const org = sandbox.orgToken;
		const int = sandbox.integrationToken;
		const profiled = [];

		for (const latency of opts.latencies) {
			await sandbox.control('POST', 'reset');
			await sandbox.control('POST', 'settings', { latencyMs: latency });
			await sandbox.control('POST', 'seed', { accounts: Math.max(opts.items, opts.only.includes('b') && latency === 0 ? opts.records : 0), events: opts.only.includes('b') && latency === 0 ? opts.records : 0 });
			log(`sandbox latency ${latency} ms per request`);

			if (opts.only.includes('a')) {
				const res = await measure(`a @${latency} ms`, [
					n8nRun('getC1', 'Synqly node, Concurrency 1'),
					n8nRun('getC8', 'Synqly node, Concurrency 8'),
					n8nRun('httpBearer', 'HTTP Request node, Bearer Auth credential'),
					n8nRun('httpHeader', 'HTTP Request node, token in a header'),
					fetchRun('fetch1', 'fetch loop, 1 in flight', { case: 'gets', token: org, count: opts.items, inflight: 1 }),
					fetchRun('fetch8', 'fetch loop, 8 in flight', { case: 'gets', token: org, count: opts.items, inflight: 8 }),
				]);
				profiled.push(...['getC1', 'getC8'].map((k) => ({ label: `${res[k].label} @${latency} ms`, run: res[k].runs[0] })));
				const at0 = latency === 0;
				ctx.rows.push(
					...rowsOf(`a. ${opts.items.toLocaleString('en')} × Account Get`, latency, res, [
						['getC1', [['httpBearer', at0 && { text: '≤ 0.6×', limit: 0.6 }], ['httpHeader', at0 && { text: '≤ 1.2×', limit: 1.2 }], ['fetch1']]],
						['getC8', [['getC1', latency === 20 && { text: '≥ 5× at 20 ms', limit: 5 }, true], ['fetch8']]],
						['httpBearer', [['fetch1']]],
						['httpHeader', [['fetch1']]],
						['fetch1'],
						['fetch8', [['fetch1', undefined, true]]],
					]),
				);
			}
			// Return All and batched posting take 1,000 and 200 requests: at 20 ms both sides wait
			// 20 s and 4 s on the sandbox, which says nothing about the node; measured at 0 ms only.
			if (opts.only.includes('b') && latency === 0) {
				const variants = [n8nRun('keyset', 'Synqly Management, Account Get Many, Return All'), n8nRun('cursor', 'Synqly Connector, SIEM Get Many Events, Return All')];
				// The fetch loops page like the node: the page size of its first request.
				const first = {};
				for (const v of variants) {
					const r = await v.run();
					first[v.key] = Number(r.firstQuery?.limit?.[0] ?? 100);
				}
				log(`page sizes the nodes ask for: keyset ${first.keyset}, cursor ${first.cursor}`);
				await sandbox.control('POST', 'settings', { recordRequests: false });
				const res = await measure(`b @${latency} ms`, [
					variants[0],
					fetchRun('fetchKeyset', 'fetch keyset paging loop', { case: 'keyset', token: org, limit: first.keyset }),
					variants[1],
					fetchRun('fetchCursor', 'fetch cursor paging loop', { case: 'cursor', token: int, path: '/v1/siem/events', limit: first.cursor }),
				]);
				const target = { text: '≤ 1.3×', limit: 1.3 };
				ctx.rows.push(...rowsOf(`b. Return All, ${opts.records.toLocaleString('en')} records`, latency, res, [['keyset', [['fetchKeyset', target]]], ['fetchKeyset'], ['cursor', [['fetchCursor', target]]], ['fetchCursor']]));
				for (const [key, floor] of [['keyset', 'fetchKeyset'], ['cursor', 'fetchCursor']]) {
					const output = median(res[floor].runs.map((r) => r.bytes));
					const runs = res[key].runs;
					ctx.memory.push({ label: res[key].label, output, before: median(runs.map((r) => r.rssBefore)), peak: median(runs.map((r) => r.peakRss)) });
					profiled.push({ label: res[key].label, run: runs[0] });
				}
				await sandbox.control('POST', 'settings', { recordRequests: true });
			}
			if (opts.only.includes('c') && latency === 0) {
				// Posted events stay in the sandbox; a reset before each run keeps its memory flat.
				const before = async () => {
					await sandbox.control('POST', 'reset');
					await sandbox.control('POST', 'settings', { latencyMs: latency, recordRequests: false });
				};
				const res = await measure(
					`c @${latency} ms`,
					[
						n8nRun('post', `Synqly Connector, SIEM Post Events, Batch Size ${opts.batch}`),
						fetchRun('fetchPost', `fetch loop posting the same batches`, { case: 'post', token: int, count: opts.records, batch: opts.batch }),
						n8nRun('postC4', `Synqly Connector, SIEM Post Events, Batch Size ${opts.batch}, Concurrency 4`),
						fetchRun('fetchPost4', `fetch loop posting the same batches, 4 in flight`, { case: 'post', token: int, count: opts.records, batch: opts.batch, inflight: 4 }),
					],
					{ before },
				);
				profiled.push({ label: res.post.label, run: res.post.runs[0] });
				ctx.rows.push(...rowsOf(`c. ${opts.records.toLocaleString('en')} OCSF events in batches of ${opts.batch}`, latency, res, [['post', [['fetchPost', { text: '≤ 1.3×', limit: 1.3 }]]], ['fetchPost'], ['postC4', [['fetchPost4', { text: '≤ 1.3×', limit: 1.3 }], ['post', undefined, true]]], ['fetchPost4']]));
			}
		}

		if (opts.only.includes('e')) {
			await sandbox.control('POST', 'reset');
			await sandbox.control('POST', 'settings', { latencyMs: E_LATENCY, recordRequests: false });
			await sandbox.control('POST', 'seed', { accounts: opts.perItem });
			// The fetch loop's requests and 429s as the sandbox counted them, like the n8n rows'.
			const counted = (v) => ({
				...v,
				run: async () => {
					await sandbox.control('DELETE', 'requests');
					const r = await v.run();
					const stats = await sandbox.control('GET', 'stats');
					return { ...r, requests: stats.requests, refused: stats.refused, peak: stats.peakInFlight };
				},
			});
			for (const [mode, maxInFlight] of [['open API', 0], [`API refusing more than ${E_MAX_IN_FLIGHT} in flight (429, Retry-After: 1)`, E_MAX_IN_FLIGHT]]) {
				await sandbox.control('POST', 'settings', { maxInFlight, inFlightRetryAfter: 1 });
				log(`case e: ${mode}, ${E_LATENCY} ms per request`);
				const res = await measure(`e ${maxInFlight ? 'limited' : 'open'}`, [
					n8nRun('eHttp', 'HTTP Request node as users leave it (Bearer Auth credential, Continue On Fail)'),
					n8nRun('eDefault', 'Synqly node, defaults (Continue On Fail)'),
					n8nRun('eC32', 'Synqly node, Concurrency 32 (Continue On Fail)'),
					counted(fetchRun('eFetch8', 'fetch loop, 8 in flight', { case: 'gets', token: org, count: opts.perItem, inflight: 8, tolerant: true })),
				]);
				const limited = maxInFlight > 0;
				const target = { text: '≤ 1.5×', limit: 1.5 };
				const rows = rowsOf(`e. ${opts.perItem} × Account Get, ${mode}`, E_LATENCY, res, [
					['eHttp', limited ? [['eFetch8']] : []],
					['eDefault', limited ? [['eFetch8', target], ['eHttp']] : [['eHttp', target]]],
					['eC32', limited ? [['eFetch8', target], ['eHttp']] : [['eHttp']]],
					['eFetch8', limited ? [] : [['eHttp']]],
				]);
				for (const [i, key] of ['eHttp', 'eDefault', 'eC32', 'eFetch8'].entries()) {
					const r = res[key];
					const row = rows[i];
					row.label = r.label;
					row.items = `${r.items} (${r.errors} failed)`;
					row.requests = `${r.requests} (${r.refused} × 429; at most ${r.peak} in flight)`;
					if (limited && (key === 'eDefault' || key === 'eC32')) {
						const checks = [`no failed item (target): ${verdict(r.errors, 0)}`, `429 share, worst run ${(r.refusedShare * 100).toFixed(1)} % (target ≤ 10 %: ${verdict(r.refusedShare, 0.1)})`];
						row.ratio = [row.ratio, ...checks].filter(Boolean).join('; ');
					}
				}
				ctx.rows.push(...rows);
				profiled.push(...['eDefault', 'eC32'].map((k) => ({ label: `${res[k].label}, ${mode}`, run: res[k].runs[0] })));
			}
			await sandbox.control('POST', 'settings', { maxInFlight: 0, recordRequests: true });
		}

		const stoppedAt = Date.now();
		await stopProcess(server);
		const exitedAt = Date.now();
		const text = report(ctx);
		console.log(`\n## n8n-nodes-synqly in n8n ${VERSION} (npm run bench)\n\n${text}\n`);
		if (opts.cpuProf) {
			const file = existsSync(profDir) && readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
			if (!file) console.log('(no CPU profile was written: n8n did not exit cleanly)');
			else {
				const profile = JSON.parse(readFileSync(join(profDir, file), 'utf8'));
				// The profile ends when n8n exits: that fixes its clock against the wall clock (±50 ms).
				const offset = (stoppedAt + exitedAt) / 2 - profile.endTime / 1000;
				for (const p of profiled) {
					console.log(`CPU profile of the n8n process while "${p.label}" ran (first round, ${secs(p.run.ms)} s):`);
					console.log(profileSummary(profile, offset, p.run.startTime, p.run.startTime + p.run.ms));
				}
				if (opts.keep) console.log(`profile: ${join(profDir, file)}`);
			}
		}
		if (opts.write) writeBench(text);
		log(`bench took ${secs(performance.now() - t0)} s`);
	} finally {
		await stopAll();
		if (!opts.keep) rmSync(work, { recursive: true, force: true });
		else log(`kept ${work}`);
	}
}

/** Replaces the table between the markers in BENCH.md. */
function writeBench(text) {
	const file = join(REPO, 'BENCH.md');
	const [start, end] = ['<!-- bench:start -->', '<!-- bench:end -->'];
	const current = existsSync(file) ? readFileSync(file, 'utf8') : `# Benchmarks\n\n${start}\n${end}\n`;
	if (!current.includes(start) || !current.includes(end)) throw new Error(`BENCH.md has no ${start} … ${end} markers`);
	writeFileSync(file, `${current.slice(0, current.indexOf(start) + start.length)}\n${text}\n${current.slice(current.indexOf(end))}`);
	log('BENCH.md updated');
}

if (opts.quick) {
	const child = spawn(join(REPO, 'node_modules', '.bin', 'tsx'), [join(REPO, 'scripts', 'bench.ts')], { stdio: 'inherit' });
	child.on('exit', (code) => process.exit(code ?? 1));
} else {
	for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => stopAll().finally(() => process.exit(130)));
	main().catch(async (e) => {
		console.error(`[bench] ${e.stack ?? e.message}`);
		await stopAll();
		process.exit(1);
	});
}
