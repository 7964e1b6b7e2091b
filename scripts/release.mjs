// `npm run release [-- --dry-run]`: checks that the current commit can be released as the version in
// package.json, then tags it `v<version>` and pushes the tag. Publishing is not done here: the pushed
// tag starts .github/workflows/publish.yml, which publishes from GitHub Actions with npm provenance
// (n8n's verification requires that). `--dry-run` runs every check and only prints what it would do.
//
// Refuses (exit 1, first failure only, cheapest checks first) when:
//   - package.json's version is not a semantic version
//   - CHANGELOG.md has no `## [<version>] - YYYY-MM-DD` entry
//   - docs/operations.md's operation tables differ from what `npm run docs` would write
//   - the working tree has uncommitted or untracked files
//   - the tag v<version> exists already
//   - <name>@<version> is on npm already
//   - `npm run lint` fails
//   - `npm test` fails
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

class Refusal extends Error {}

const refuse = (message) => {
	throw new Refusal(message);
};

function git(args) {
	return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
}

export function readPackage() {
	return JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

export function checkVersion(version) {
	if (!SEMVER.test(version ?? '')) refuse(`package.json version "${version}" is not a semantic version (x.y.z)`);
	return `${version}`;
}

export function checkChangelog(version, text = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8')) {
	const escaped = version.replace(/[.+]/g, '\\$&');
	const entry = new RegExp(`^## \\[${escaped}\\] - (\\d{4}-\\d{2}-\\d{2})\\s*$`, 'm').exec(text);
	if (!entry) {
		refuse(
			`CHANGELOG.md has no entry for ${version}: add a section "## [${version}] - YYYY-MM-DD" ` +
				'(Keep a Changelog style) saying what changed, and commit it',
		);
	}
	return `"## [${version}] - ${entry[1]}"`;
}

/** docs/operations.md against its regenerated form (scripts/readme.ts: loadTables + withTables), without writing it. */
export function checkReadmeTables() {
	const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
	if (!existsSync(tsx)) refuse('node_modules/.bin/tsx is missing: run npm install first');
	const program = `
		const readme = require('./scripts/readme.ts');
		const { readFileSync } = require('node:fs');
		const text = readFileSync(readme.OPERATIONS_FILE, 'utf8');
		Promise.resolve(readme.loadTables()).then((sections) => {
			const want = readme.withTables(text, sections).split('\\n');
			const have = text.split('\\n');
			const line = want.findIndex((l, i) => l !== have[i]);
			const n = line < 0 && want.length !== have.length ? Math.min(want.length, have.length) : line;
			process.stdout.write(JSON.stringify(n < 0 ? { current: true } : { current: false, line: n + 1, have: have[n] ?? '(end of file)', want: want[n] ?? '(end of file)' }));
		});
	`;
	const r = spawnSync(tsx, ['-e', program], { cwd: ROOT, encoding: 'utf8' });
	if (r.status !== 0) refuse(`could not regenerate the operation tables:\n${r.stderr}`);
	const result = JSON.parse(r.stdout);
	if (!result.current) {
		refuse(
			`docs/operations.md's operation tables are stale (first difference at line ${result.line}):\n` +
				`    docs/operations.md: ${result.have}\n    generated:          ${result.want}\n` +
				'  Run `npm run docs` and commit docs/operations.md.',
		);
	}
	return 'docs/operations.md equals its regenerated form';
}

export function checkCleanTree() {
	const status = git(['status', '--porcelain', '--untracked-files=all']);
	if (status) {
		const lines = status.split('\n');
		refuse(
			`the working tree is not clean (${lines.length} path(s)); commit or remove them first:\n` +
				lines.slice(0, 10).map((l) => `    ${l}`).join('\n') +
				(lines.length > 10 ? '\n    …' : ''),
		);
	}
	return `clean at ${git(['rev-parse', '--short', 'HEAD'])} on ${git(['rev-parse', '--abbrev-ref', 'HEAD'])}`;
}

export function checkTagFree(tag) {
	if (git(['tag', '--list', tag])) refuse(`the tag ${tag} exists already: bump the version in package.json`);
	return `${tag} is free`;
}

/** Whether name@version is on npm; "not found" (E404) means no. Any other failure is a refusal. */
export function publishedOnNpm(name, version) {
	const r = spawnSync('npm', ['view', `${name}@${version}`, 'version', '--json'], { cwd: ROOT, encoding: 'utf8' });
	const out = `${r.stdout}\n${r.stderr}`;
	if (r.status === 0) {
		const text = r.stdout.trim();
		if (!text) return false; // old npm: an unknown version of a known package prints nothing
		const found = JSON.parse(text);
		return (Array.isArray(found) ? found : [found]).includes(version);
	}
	if (/\bE404\b|404 Not Found|No match found for version/.test(out)) return false;
	refuse(`could not ask npm whether ${name}@${version} is published (npm view exited ${r.status}):\n${out.trim()}`);
}

export function checkNotPublished(name, version) {
	if (publishedOnNpm(name, version)) {
		refuse(`${name}@${version} is already on npm: bump the version in package.json and add its CHANGELOG.md entry`);
	}
	return `${name}@${version} is not on npm yet`;
}

function checkScript(script) {
	const started = Date.now();
	const r = spawnSync('npm', ['run', script], { cwd: ROOT, stdio: 'inherit' });
	if (r.status !== 0) refuse(`\`npm run ${script}\` failed (exit ${r.status ?? r.signal}); fix it before releasing`);
	return `passed in ${Math.round((Date.now() - started) / 1000)} s`;
}

function step(name, check) {
	process.stdout.write(`[release] ${name}: `);
	try {
		const detail = check();
		console.log(`ok (${detail})`);
	} catch (error) {
		console.log('REFUSED');
		throw error;
	}
}

function stepLong(name, check) {
	console.log(`[release] ${name}: running…`);
	const detail = check();
	console.log(`[release] ${name}: ok (${detail})`);
}

const shown = (cmd, args) => [cmd, ...args.map((a) => (/\s/.test(a) ? `'${a}'` : a))].join(' ');

function main(argv) {
	const unknown = argv.filter((a) => a !== '--dry-run');
	if (unknown.length) refuse(`unknown option(s): ${unknown.join(' ')} (only --dry-run is known)`);
	const dryRun = argv.includes('--dry-run');
	const pkg = readPackage();
	const version = pkg.version;
	const tag = `v${version}`;
	console.log(`[release] ${pkg.name}@${version}${dryRun ? ' (dry run: checks only, nothing is tagged or pushed)' : ''}`);

	step('version', () => checkVersion(version));
	step('changelog entry', () => checkChangelog(version));
	step('operation tables (docs/operations.md)', checkReadmeTables);
	step('working tree', checkCleanTree);
	step('tag', () => checkTagFree(tag));
	step('npm registry', () => checkNotPublished(pkg.name, version));
	stepLong('lint (npm run lint)', () => checkScript('lint'));
	stepLong('tests (npm test)', () => checkScript('test'));
	// Lint builds and the tests pack the package: neither may leave a tracked or untracked file behind.
	step('working tree after lint and tests', checkCleanTree);

	const commit = git(['rev-parse', 'HEAD']);
	const remotes = git(['remote']).split('\n').filter(Boolean);
	const actions = [
		['git', ['tag', '--annotate', tag, '--message', `${pkg.name} ${version}`, commit]],
		['git', ['push', 'origin', `refs/tags/${tag}`]],
	];
	if (dryRun) {
		console.log('[release] all checks passed. Without --dry-run it would run:');
		for (const [cmd, args] of actions) console.log(`    ${shown(cmd, args)}`);
		console.log(
			`  and the tag push starts the Publish workflow (.github/workflows/publish.yml), which checks again and runs\n` +
				`    npm publish --provenance --access public\n  from GitHub Actions.`,
		);
		if (!remotes.includes('origin')) console.log('[release] note: this clone has no remote "origin"; a real release needs one to push the tag.');
		return;
	}
	if (!remotes.includes('origin')) refuse('there is no git remote "origin" to push the tag to');
	for (const [cmd, args] of actions) {
		console.log(`[release] ${shown(cmd, args)}`);
		execFileSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
	}
	console.log(`[release] ${tag} pushed: the Publish workflow on GitHub Actions publishes ${pkg.name}@${version} to npm.`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	try {
		main(process.argv.slice(2));
	} catch (error) {
		if (!(error instanceof Refusal)) throw error;
		console.error(`[release] refused: ${error.message}`);
		process.exitCode = 1;
	}
}
