/**
 * The npm package as n8n installs it. The build runs in a temporary copy of the sources
 * (`npm run build` there: tsc and the icons), which is then packed with `npm pack` and unpacked:
 * the test never writes the repository's dist/.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { SCHEMA_TARGETS, VERSION_FOLDER } from '../scripts/schemas';

const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** What `npm run build` and `npm pack` read; everything else of the checkout stays out of the copy. */
const BUILD_INPUTS = ['package.json', 'tsconfig.json', 'gulpfile.js', 'README.md', 'LICENSE', 'nodes', 'credentials'];

describe('the npm package', () => {
	let work: string;
	/** The unpacked tarball (`package/`), with the dev dependencies linked in as n8n's would be. */
	let installed: string;
	let files: string[];
	let tarballBytes: number;

	beforeAll(() => {
		work = mkdtempSync(join(tmpdir(), 'n8n-nodes-synqly-pack-'));
		const source = join(work, 'source');
		for (const entry of BUILD_INPUTS) cpSync(join(root, entry), join(source, entry), { recursive: true });
		symlinkSync(join(root, 'node_modules'), join(source, 'node_modules'), 'dir');
		execFileSync('npm', ['run', 'build'], { cwd: source, stdio: 'ignore' });

		const out = join(work, 'out');
		mkdirSync(out);
		const [packed] = JSON.parse(
			execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: source, encoding: 'utf8' }),
		) as Array<{ filename: string; size: number; files: Array<{ path: string }> }>;
		files = packed.files.map((f) => f.path);
		tarballBytes = packed.size;
		execFileSync('tar', ['-xzf', join(out, packed.filename), '-C', out]);
		installed = join(out, 'package');
		symlinkSync(join(root, 'node_modules'), join(installed, 'node_modules'), 'dir');
	}, 120_000);

	afterAll(() => {
		if (work) rmSync(work, { recursive: true, force: true });
	});

	it('follows n8n community-package conventions', () => {
		expect(pkg.name).toBe('n8n-nodes-synqly');
		expect(pkg.license).toBe('MIT');
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.author.email).toMatch(/@/);
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.dependencies).toBeUndefined();
		expect(pkg.files).toEqual(['dist']);
		expect(pkg.n8n.n8nNodesApiVersion).toBe(1);
		expect(pkg.n8n.strict).toBe(true);
	});

	it('ships every registered node and credential with its icons, and nothing of the tests', () => {
		for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials] as string[]) {
			expect(files).toContain(entry);
			const dir = entry.slice(0, entry.lastIndexOf('/'));
			expect(files).toContain(`${dir}/synqly.svg`);
			expect(files).toContain(`${dir}/synqly.dark.svg`);
		}
		for (const node of pkg.n8n.nodes as string[]) expect(files).toContain(node.replace(/\.js$/, '.json'));
		expect(files.filter((f) => /(^|\/)(test|sandbox|scripts|examples)\//.test(f))).toEqual([]);
		expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE']));
		// The tarball holds what `npm pack` listed.
		for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials] as string[]) {
			expect(existsSync(join(installed, entry))).toBe(true);
		}
		expect(readdirSync(installed).sort()).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'dist', 'package.json']));
	});

	it("ships every row's output schema where n8n looks for it, within the 250 kB tarball budget", () => {
		for (const { table, folder } of SCHEMA_TARGETS) {
			for (const row of table.operations) {
				expect(files).toContain(`dist/${folder}/__schema__/${VERSION_FOLDER}/${row.resource}/${row.operation}.json`);
			}
		}
		expect(tarballBytes).toBeLessThan(250_000);
	});

	it('loads from the packed dist the way n8n loads it', async () => {
		for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials] as string[]) {
			const className = entry.split('/').pop()!.split('.')[0];
			const exported = (await import(join(installed, entry))) as Record<string, new () => { description?: object; name?: string }>;
			const Class = exported[className];
			expect(typeof Class).toBe('function');
			const instance = new Class();
			expect(instance.description ?? instance.name).toBeTruthy();
		}
	});
});
