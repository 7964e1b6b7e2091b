// Throwaway Redis + PostgreSQL for n8n queue mode, on free loopback ports in a temp dir.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureApt, freePort, log, sleep, startProcess, stopProcess, tail } from './n8n-env.mjs';

function postgresBin() {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const versions = readdirSync(root)
		.filter((v) => existsSync(join(root, v, 'bin', 'postgres')) && existsSync(join(root, v, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? join(root, versions[0], 'bin') : undefined;
}

export function ensureQueuePackages() {
	const missing = [];
	if (spawnSync('sh', ['-c', 'command -v redis-server'], { stdio: 'ignore' }).status !== 0) missing.push('redis-server');
	if (!postgresBin()) missing.push('postgresql');
	if (missing.length) ensureApt(missing);
}

// PostgreSQL refuses to run as root: run its tools as the postgres user when we are root.
function asPg(cmd, args) {
	const isRoot = process.getuid?.() === 0;
	return isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

function runPg(cmd, args) {
	const [c, a] = asPg(cmd, args);
	const r = spawnSync(c, a, { encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
	return r.stdout;
}

export async function startRedis(dir) {
	const port = await freePort();
	mkdirSync(dir, { recursive: true });
	const child = startProcess('redis', 'redis-server', [
		'--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no',
	]);
	for (let i = 0; i < 100; i++) {
		if (/Ready to accept connections/.test(child.output)) return { host: '127.0.0.1', port, child, stop: () => stopProcess(child) };
		if (child.exitCode !== null) break;
		await sleep(100);
	}
	await stopProcess(child);
	throw new Error(`redis did not start:\n${tail(child.output)}`);
}

export async function startPostgres() {
	const bin = postgresBin();
	if (!bin) throw new Error('PostgreSQL binaries not found under /usr/lib/postgresql');
	const port = await freePort();
	// Its own dir directly under the world-writable tmp: the postgres user must reach it without root's dirs.
	const dir = mkdtempSync(join(tmpdir(), 'n8n-e2e-pg-'));
	// Also on Ctrl+C, when the stop below never runs.
	process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
	if (process.getuid?.() === 0) spawnSync('chown', ['postgres:postgres', dir]);
	const data = join(dir, 'pgdata');
	runPg(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
	// Unix socket in the temp dir, TCP on loopback only; fsync off: a throwaway database.
	const [c, a] = asPg(join(bin, 'postgres'), [
		'-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off',
		'-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
	]);
	const child = startProcess('postgres', c, a);
	const pg = { host: '127.0.0.1', port, user: 'postgres', database: 'n8n', password: '', child };
	for (let i = 0; i < 150; i++) {
		const r = spawnSync('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-Atc', 'select 1'], { encoding: 'utf8' });
		if (r.status === 0) {
			psql(pg, 'CREATE DATABASE n8n', 'postgres');
			// SIGINT is PostgreSQL's fast shutdown; SIGTERM would wait for clients to leave.
			pg.stop = async () => {
				await stopProcess(child, { signal: 'SIGINT' });
				rmSync(dir, { recursive: true, force: true });
			};
			return pg;
		}
		if (child.exitCode !== null) break;
		await sleep(200);
	}
	await stopProcess(child, { signal: 'SIGINT' });
	rmSync(dir, { recursive: true, force: true });
	throw new Error(`postgres did not start:\n${tail(child.output)}`);
}

export function psql(pg, sql, database = pg.database) {
	const r = spawnSync('psql', ['-h', pg.host, '-p', String(pg.port), '-U', pg.user, '-d', database, '-v', 'ON_ERROR_STOP=1', '-Atc', sql], {
		encoding: 'utf8',
	});
	if (r.status !== 0) throw new Error(`psql failed: ${sql}\n${r.stderr}`);
	return r.stdout.trim();
}

export async function startQueueServices(dir) {
	ensureQueuePackages();
	const redis = await startRedis(join(dir, 'redis'));
	let postgres;
	try {
		postgres = await startPostgres();
	} catch (e) {
		await redis.stop();
		throw e;
	}
	log(`queue services: redis 127.0.0.1:${redis.port}, postgres 127.0.0.1:${postgres.port}`);
	return {
		redis,
		postgres,
		async stop() {
			await postgres.stop();
			await redis.stop();
		},
	};
}
