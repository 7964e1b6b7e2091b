// The e2e `dev` target: `npm run dev` (and `node scripts/dev.mjs`) started as a process manager
// would, stopped with one signal to that one process. Passes when the process exits, every process
// it started is gone and the ports of n8n, its task broker and the sandbox are free again, and the
// terminal showed none of n8n's offline noise (failed calls to n8n's services, deprecation notices).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { REPO, freePort, sleep } from './n8n-env.mjs';

/** Every live descendant of a process, from /proc (children re-parent only when their parent dies). */
function descendants(root) {
	const parentOf = new Map();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
		} catch {}
	}
	const found = [];
	const walk = (pid) => {
		for (const [child, parent] of parentOf) if (parent === pid) found.push(child), walk(child);
	};
	walk(root);
	return found;
}

const alive = (pid) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};

const portFree = (port) =>
	new Promise((done) => {
		const srv = createServer();
		srv.once('error', () => done(false));
		srv.listen(port, '127.0.0.1', () => srv.close(() => done(true)));
	});

// Offline noise, n8n's answer to setting up an owner again (a second start), and stack traces
// (a failure is one line in the terminal; n8n.log has the rest).
const NOISE = [/ENOTFOUND/, /EAI_AGAIN/, /deprecation/i, /Python task runner/, /at .*node_modules/, /Instance owner already setup/, /^\[n8n[^\]]*\]\s+at\s/];

/**
 * Starts `command` (npm run dev, or node scripts/dev.mjs) with its data in `home`, waits for its
 * banner, runs `whileRunning({baseUrl, sandboxUrl, output})` if given (its checks are its own),
 * sends `signal` to it alone and checks what is left. Returns the failures (empty: passed).
 */
export async function devStopCheck({ command, signal, home, timeoutMs = 240000, whileRunning, expectSandboxPort }) {
	const port = await freePort();
	const args = ['--no-build', '--home', home, '--port', String(port)];
	const [cmd, ...pre] = command === 'npm' ? ['npm', 'run', 'dev', '--'] : [process.execPath, join(REPO, 'scripts', 'dev.mjs')];
	const child = spawn(cmd, [...pre, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	let output = '';
	child.stdout.on('data', (c) => (output += c));
	child.stderr.on('data', (c) => (output += c));
	const exited = new Promise((r) => child.on('exit', (code, sig) => r({ code, sig })));
	const failures = [];
	let started = [];
	try {
		const deadline = Date.now() + timeoutMs;
		while (!output.includes('Ctrl+C stops') && Date.now() < deadline && child.exitCode === null) await sleep(500);
		if (!output.includes('Ctrl+C stops')) return [`no banner within ${timeoutMs / 1000} s:\n${output.slice(-3000)}`];
		const sandboxPort = Number(/Sandbox: +http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
		if (expectSandboxPort && sandboxPort !== expectSandboxPort) failures.push(`the sandbox listens on ${sandboxPort}, not on ${expectSandboxPort} as on the first start`);
		const brokerPort = Number(/Task Broker ready on 127\.0\.0\.1, port (\d+)/.exec(output)?.[1]);
		const ports = { n8n: port, sandbox: sandboxPort, 'task broker': brokerPort };
		for (const [name, p] of Object.entries(ports)) if (!p || (await portFree(p))) failures.push(`${name} port ${p} not in use while running`);
		started = descendants(child.pid);
		if (started.length < 3) failures.push(`only ${started.length} processes under ${command} while running`);
		if (whileRunning) {
			await whileRunning({ baseUrl: `http://127.0.0.1:${port}`, sandboxUrl: `http://127.0.0.1:${sandboxPort}`, output: () => output });
			started = [...new Set([...started, ...descendants(child.pid)])];
		}
		for (const line of output.split('\n')) if (NOISE.some((re) => re.test(line))) failures.push(`noise in the terminal: ${line}`);

		process.kill(child.pid, signal);
		const stopBy = Date.now() + 60000;
		let left = started;
		let busy = Object.entries(ports);
		while (Date.now() < stopBy) {
			left = started.filter(alive);
			busy = [];
			for (const [name, p] of Object.entries(ports)) if (!(await portFree(p))) busy.push([name, p]);
			if (left.length === 0 && busy.length === 0 && child.exitCode !== null) break;
			await sleep(500);
		}
		if (child.exitCode === null && child.signalCode === null) failures.push(`${command} still running 60 s after ${signal}`);
		if (left.length) failures.push(`processes left after ${signal}: ${left.join(', ')}`);
		for (const [name, p] of busy) failures.push(`${name} port ${p} still in use after ${signal}`);
		return Object.assign(failures, { sandboxPort });
	} finally {
		// Whatever the outcome, leave nothing behind: the spawned process, what it started (re-parented
		// ones too, when it died first) and anything they started since.
		const rest = [child.pid, ...new Set([...started, ...descendants(child.pid), ...started.flatMap(descendants)])];
		for (const pid of rest) {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {}
		}
		await Promise.race([exited, sleep(5000)]);
	}
}
