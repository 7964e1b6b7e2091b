#!/usr/bin/env node
// `npm run dev`: builds the package, starts the Synqly sandbox and a real n8n with the package
// installed as a user would install it, sandbox credentials and the examples imported, an owner
// account ready. Ctrl+C stops everything.
//
//   npm run dev [-- --real] [--n8n 2.41.1|1.123.81] [--port 5678] [--watch] [--fresh] [--no-build] [--quiet] [--home DIR]
//     --real   no sandbox and no pre-made credentials: create your own with real Synqly tokens
//     --watch  rebuild on source changes (tsc --watch), reinstall the package and restart n8n
//     --fresh  forget the dev instance's data (.cache/dev/) first
//     --home   keep the instance's data in DIR instead of .cache/dev/ (the e2e dev-stop test uses a temporary one)
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
	CACHE,
	CREDENTIALS,
	DEV_FAILURE,
	DEV_NOISE,
	DEV_SANDBOX_PORT,
	N8N_VERSIONS,
	N8nRest,
	OWNER,
	PACKAGE_NAME,
	REPO,
	buildPackage,
	ensureN8n,
	freePort,
	importCredentials,
	importWorkflows,
	installPackage,
	loadExamples,
	log,
	n8nEnv,
	offlineEnv,
	sandboxCredentials,
	startN8n,
	startProcess,
	startSandbox,
	stopAll,
	stopProcess,
	waitForN8n,
} from './n8n-env.mjs';

function parseArgs(argv) {
	const opts = { real: false, version: '2.41.1', port: undefined, watch: false, fresh: false, build: true, quiet: false, home: undefined };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2);
		const value = () => inline ?? argv[++i];
		if (flag === '--real') opts.real = true;
		else if (flag === '--n8n') opts.version = value();
		else if (flag === '--port') opts.port = Number(value());
		else if (flag === '--watch') opts.watch = true;
		else if (flag === '--fresh') opts.fresh = true;
		else if (flag === '--no-build') opts.build = false;
		else if (flag === '--quiet') opts.quiet = true;
		else if (flag === '--home') opts.home = value();
		else throw new Error(`unknown argument ${argv[i]}`);
	}
	if (!N8N_VERSIONS.includes(opts.version)) throw new Error(`--n8n: use ${N8N_VERSIONS.join(' or ')}`);
	return opts;
}

async function portOrFree(preferred) {
	const probe = await new Promise((resolve) => {
		import('node:net').then(({ createServer }) => {
			const s = createServer();
			s.once('error', () => resolve(false));
			s.listen(preferred, '127.0.0.1', () => s.close(() => resolve(true)));
		});
	});
	return probe ? preferred : freePort();
}

/**
 * The sandbox on a port that stays the same across restarts (SYNQLY_SANDBOX_PORT, default
 * DEV_SANDBOX_PORT), so a credential made against it keeps working; on a free one, said aloud,
 * when that port is taken.
 */
async function startDevSandbox() {
	const wanted = process.env.SYNQLY_SANDBOX_PORT ? Number(process.env.SYNQLY_SANDBOX_PORT) : DEV_SANDBOX_PORT;
	if (!Number.isInteger(wanted) || wanted <= 0 || wanted > 65535) throw new Error(`SYNQLY_SANDBOX_PORT: not a port: ${process.env.SYNQLY_SANDBOX_PORT}`);
	const port = await portOrFree(wanted);
	if (port !== wanted) log(`port ${wanted} is taken: the sandbox listens on ${port} this time (credentials made against ${wanted} will not reach it; set SYNQLY_SANDBOX_PORT to choose)`);
	return await startSandbox({ port });
}

/** Imports only examples that are new or changed since the last start, so edits made in the editor survive restarts. */
async function importChangedExamples(version, env, home) {
	const stateFile = join(home, 'examples-imported.json');
	const state = existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : {};
	const examples = loadExamples();
	const changed = examples.filter((e) => state[e.name] !== hash(readFileSync(e.file)));
	if (changed.length) {
		log(`importing ${changed.length} example workflow(s): ${changed.map((e) => e.name).join(', ')}`);
		await importWorkflows(version, env, changed.map((e) => e.workflow), join(home, 'import'));
		for (const e of changed) state[e.name] = hash(readFileSync(e.file));
		writeFileSync(stateFile, JSON.stringify(state, null, 2));
	}
	return examples;
}

function hash(buf) {
	return createHash('sha256').update(buf).digest('hex');
}

function banner({ baseUrl, sandbox, examples, opts }) {
	const lines = [
		'',
		'==================================================================',
		` n8n ${opts.version} with n8n-nodes-synqly is running`,
		'',
		// The workflow list: after signing in, n8n returns here (its own landing page is the assistant).
		` Editor:    ${baseUrl}/home/workflows  (the example workflows, after signing in)`,
		` Login:     ${OWNER.email} / ${OWNER.password}`,
	];
	if (sandbox) {
		lines.push(
			` Sandbox:   ${sandbox.url}  (fake Synqly API; GET ${sandbox.url}/__sandbox/requests shows what n8n sent)`,
			`            the same port on every start (SYNQLY_SANDBOX_PORT, default ${DEV_SANDBOX_PORT}), so credentials made against it keep working`,
			' Credentials (ready to use; an integration token works only for its own integration;',
			'             n8n gives a new Synqly node the first, the most recently updated):',
			...sandboxCredentials(sandbox).map((c) => `   "${c.name}"  token ${c.data.accessToken}`),
		);
	}
	lines.push(` Log:       ${opts.logFile}  (the terminal shows one line per failure)`);
	lines.push('', ' Try first:');
	const startsWith = (type) => (e) => e.workflow.nodes.some((n) => n.type === `${PACKAGE_NAME}.${type}`);
	const startedBySynqly = startsWith('synqlyManagementTrigger');
	const polling = startsWith('synqlyConnectorTrigger');
	const manual = examples.filter((e) => !startedBySynqly(e) && !polling(e));
	if (manual.length) {
		lines.push('  - Overview → open an example workflow → Execute workflow:');
		for (const e of manual) lines.push(`      ${e.workflow.name}  ${baseUrl}/workflow/${e.workflow.id}`);
	}
	for (const e of examples.filter(startedBySynqly)) {
		lines.push(
			`  - Synqly Management Trigger: open "${e.workflow.name}" ${baseUrl}/workflow/${e.workflow.id}, activate it (Publish),`,
			'      then create an account (e.g. run "Provision a tenant"): the sandbox sends the signed webhook, Executions shows the run.',
		);
		if (sandbox) {
			lines.push(
				`      Fire a signed delivery: curl -X POST ${sandbox.url}/__sandbox/deliver -d '{"event":"account_create"}'`,
				`      Forged deliveries: curl -X POST ${sandbox.url}/__sandbox/deliver -d '{"flaw":"unsigned"}' (or wrongSecret, tampered, nonJson, replay)`,
			);
		}
	}
	for (const e of examples.filter(polling)) {
		lines.push(
			`  - Synqly Connector Trigger: open "${e.workflow.name}" ${baseUrl}/workflow/${e.workflow.id}, activate it (Publish);`,
			'      it polls every minute, and each record added after activation starts one execution.',
		);
		const spec = e.expect?.trigger;
		if (sandbox && spec?.set === 'alerts') {
			const alert = { integration: spec.integration, set: spec.set, records: [{ severity_id: 4, severity: 'High', finding_info: { uid: 'alert-1', title: 'Test alert', desc: 'Added by hand' } }] };
			lines.push(`      Add an alert: curl -X POST ${sandbox.url}/__sandbox/records -H 'content-type: application/json' -d '${JSON.stringify(alert)}'`);
		}
	}
	lines.push('  - New workflow → + → search "Synqly" → Synqly Management → "Get many accounts" → Execute step');
	if (!sandbox) lines.push('  - Credentials → Create credential → "Synqly Organization Token API", paste a real organization token');
	if (opts.watch) lines.push('', ' Watching sources: n8n restarts after each successful rebuild.');
	lines.push('', ' Ctrl+C stops n8n' + (sandbox ? ' and the sandbox.' : '.'), '==================================================================', '');
	console.log(lines.join('\n'));
}

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	const home = opts.home ?? join(CACHE, 'dev', `n8n-${opts.version}${opts.real ? '-real' : ''}`);
	if (opts.fresh) rmSync(home, { recursive: true, force: true });
	mkdirSync(join(home, 'import'), { recursive: true });

	if (opts.build) buildPackage();
	ensureN8n(opts.version);
	const sandbox = opts.real ? undefined : await startDevSandbox();
	if (sandbox) log(`sandbox on ${sandbox.url}`);
	opts.logFile = join(home, 'n8n.log');

	installPackage(home);
	// A fixed key: the instance's saved credentials must stay readable across restarts.
	const env = await n8nEnv({
		userFolder: home,
		port: opts.port ?? (await portOrFree(5678)),
		encryptionKey: 'synqly-dev-only-encryption-key',
		extra: offlineEnv(opts.version),
	});
	if (sandbox) await importCredentials(opts.version, env, sandboxCredentials(sandbox), join(home, 'import'));
	const examples = await importChangedExamples(opts.version, env, home);

	let server;
	let restarting = false;
	const startServer = async () => {
		server = startN8n(opts.version, env, { echo: !opts.quiet, logFile: opts.logFile, hide: DEV_NOISE, failure: DEV_FAILURE });
		const current = server;
		// Without n8n there is nothing to develop against: leave instead of idling with the sandbox.
		current.exited.then(({ code, signal }) => {
			if (stopping || restarting || current !== server) return;
			console.error(`[dev] n8n exited (${code ?? signal}); see ${join(home, 'n8n.log')}`);
			stopAll().finally(() => process.exit(1));
		});
		await waitForN8n(server);
		return server.baseUrl;
	};
	const baseUrl = await startServer();
	await new N8nRest(baseUrl).ownerLogin();
	banner({ baseUrl, sandbox, examples, opts });

	if (opts.watch) {
		watch(async () => {
			restarting = true;
			await stopProcess(server);
			installPackage(home);
			restarting = false;
			await startServer();
			console.log(`[dev] n8n restarted with the new build: ${baseUrl}`);
		});
	}
}

/** tsc --watch; after each error-free compile: copy static files (the build's gulp step), then `onBuilt`. */
function watch(onBuilt) {
	const tsc = startProcess('tsc', join(REPO, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json', '--watch', '--preserveWatchOutput'], { cwd: REPO, echo: true });
	let first = true;
	let busy = Promise.resolve();
	tsc.stdout.on('data', (chunk) => {
		const m = /Found (\d+) errors?\. Watching for file changes/.exec(chunk.toString());
		if (!m) return;
		if (first) {
			first = false;
			return;
		}
		if (m[1] !== '0') return console.log('[dev] build has errors; n8n keeps the previous build');
		busy = busy
			.then(async () => {
				const icons = startProcess('icons', join(REPO, 'node_modules', '.bin', 'gulp'), ['build:icons'], { cwd: REPO });
				if ((await icons.exited).code !== 0) throw new Error(`gulp build:icons failed:\n${icons.output}`);
				await onBuilt();
			})
			.catch((e) => console.error('[dev]', e.message));
	});
}

// n8n and the sandbox run in process groups of their own (so that stopping one stops its
// children), so no signal reaches them by itself: this process stops them. `npm run dev` execs
// this script (package.json), so npm's forwarded SIGINT/SIGTERM land here and not on a shell
// that would die and leave everything running.
let stopping = false;
function stop(why) {
	if (stopping) return;
	stopping = true;
	console.log(`\n[dev] ${why}: stopping n8n and the sandbox…`);
	stopAll().finally(() => process.exit(0));
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => stop(sig));
// Killed outright (SIGKILL to npm), the parent cannot tell us; we notice being re-parented.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && stop('parent process gone'), 1000).unref();

main().catch(async (e) => {
	console.error(`[dev] ${e.message}`);
	await stopAll();
	process.exit(1);
});
