#!/usr/bin/env node
// Installs this clone into an n8n the way n8n's community-package installer does, for when the
// package cannot (yet) come from npm:
//
//   npm run install-local [-- --dir <n8n folder>] [--skip-build]
//
// <n8n folder> is the folder n8n keeps its data in: ~/.n8n by default ($N8N_USER_FOLDER/.n8n when
// that is set; /home/node/.n8n inside n8n's Docker image, so the host folder mounted there).
// What it does, as n8n's installer (Settings → Community Nodes) lays a package out:
//   1. npm run build, then npm pack: exactly the files npm would publish;
//   2. the tarball unpacked into <n8n folder>/nodes/node_modules/n8n-nodes-synqly (the old copy
//      replaced whole), its package.json without devDependencies, peerDependencies and
//      optionalDependencies (n8n strips them too; the package has no runtime dependencies);
//   3. <n8n folder>/nodes/package.json lists it (created as n8n creates it when missing).
// n8n loads every n8n-nodes-* package in <n8n folder>/nodes/node_modules when it starts: restart
// n8n, and in queue mode every main, webhook and worker process, each with its own folder.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'usage: npm run install-local [-- --dir <n8n folder, default ~/.n8n>] [--skip-build]';

function parseArgs(argv) {
	const opts = { dir: undefined, build: true };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2);
		if (flag === '--dir') {
			opts.dir = inline ?? argv[++i];
			if (!opts.dir) throw new Error(`--dir needs a folder\n${USAGE}`);
		} else if (flag === '--skip-build') opts.build = false;
		else if (flag === '--help' || flag === '-h') {
			console.log(USAGE);
			process.exit(0);
		} else throw new Error(`unknown argument ${argv[i]}\n${USAGE}`);
	}
	return opts;
}

/** n8n's own default: $N8N_USER_FOLDER/.n8n, else ~/.n8n. */
function defaultFolder() {
	return join(process.env.N8N_USER_FOLDER || homedir(), '.n8n');
}

function run(cmd, args, options = {}) {
	const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], cwd: REPO, ...options });
	if (r.error) throw r.error;
	if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
	return r;
}

/** Builds (unless told not to) and packs; returns the tarball's path in a temporary folder. */
function pack(build, tmp) {
	if (build) run('npm', ['run', 'build']);
	const r = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
	const [{ filename }] = JSON.parse(r.stdout);
	return join(tmp, filename);
}

export function installLocal({ dir = defaultFolder(), build = true } = {}) {
	const folder = resolve(dir);
	const nodesDir = join(folder, 'nodes');
	const modules = join(nodesDir, 'node_modules');
	const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
	const staging = join(modules, `.${pkg.name}-${process.pid}`);
	const tmp = mkdtempSync(join(tmpdir(), 'synqly-install-'));
	try {
		const tarball = pack(build, tmp);
		// Unpacked beside the old copy under a name n8n does not load (it loads n8n-nodes-*), then
		// swapped in, so an n8n that starts meanwhile sees the old copy or the new one, not half.
		mkdirSync(modules, { recursive: true });
		rmSync(staging, { recursive: true, force: true });
		mkdirSync(staging);
		run('tar', ['-xzf', tarball, '-C', staging, '--strip-components=1']);
		const manifest = join(staging, 'package.json');
		const { devDependencies, peerDependencies, optionalDependencies, ...installed } = JSON.parse(readFileSync(manifest, 'utf8'));
		if (Object.keys(installed.dependencies ?? {}).length) {
			throw new Error(`${pkg.name} has runtime dependencies (${Object.keys(installed.dependencies).join(', ')}); this script installs none`);
		}
		writeFileSync(manifest, JSON.stringify(installed, null, 2));
		const target = join(modules, pkg.name);
		rmSync(target, { recursive: true, force: true });
		renameSync(staging, target);

		const listPath = join(nodesDir, 'package.json');
		const list = existsSync(listPath) ? JSON.parse(readFileSync(listPath, 'utf8')) : { name: 'installed-nodes', private: true, dependencies: {} };
		list.dependencies = { ...list.dependencies, [pkg.name]: pkg.version };
		writeFileSync(listPath, JSON.stringify(list, null, 2));
		return { target, version: pkg.version, name: pkg.name };
	} finally {
		rmSync(tmp, { recursive: true, force: true });
		rmSync(staging, { recursive: true, force: true });
	}
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	try {
		const { target, name, version } = installLocal(parseArgs(process.argv.slice(2)));
		console.log(`\n${name} ${version} installed in ${target}`);
		console.log('Restart n8n to load it (in queue mode: every main, webhook and worker process, each with the package in its own n8n folder).');
	} catch (e) {
		console.error(`install-local: ${e.message}`);
		process.exit(1);
	}
}
