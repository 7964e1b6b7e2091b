// The second leg of n8n's community-package scanner: the packed tarball's compiled JavaScript and
// package.json, linted with the same rules and inline disables ignored. (The first leg, the
// sources, is `eslint .` with eslint.config.mjs.)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ESLint } from 'eslint';

import { scannerRules } from '../eslint.config.mjs';

const work = mkdtempSync(join(tmpdir(), 'synqly-scan-'));
try {
	execFileSync('npm', ['pack', '--pack-destination', work], { stdio: 'ignore' });
	const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
	execFileSync('tar', ['-xzf', join(work, tarball), '-C', work]);
	const packageDir = join(work, 'package');
	const eslint = new ESLint({
		cwd: packageDir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: scannerRules,
	});
	const results = await eslint.lintFiles(['**/*.js', 'package.json']);
	const errors = results.reduce((sum, r) => sum + r.errorCount, 0);
	const files = results.length;
	if (errors > 0) {
		const formatter = await eslint.loadFormatter('stylish');
		console.error(await formatter.format(results));
		console.error(`scan: ${errors} error(s) in the packed package`);
		process.exitCode = 1;
	} else {
		console.log(`scan: packed package clean (${files} files linted with the scanner's rules)`);
	}
} finally {
	rmSync(work, { recursive: true, force: true });
}
