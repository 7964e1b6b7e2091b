import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

describe('the npm package', () => {
	let files: string[];

	beforeAll(() => {
		execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
		const [packed] = JSON.parse(
			execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: root, encoding: 'utf8' }),
		) as Array<{ files: Array<{ path: string }> }>;
		files = packed.files.map((f) => f.path);
	}, 120_000);

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
	});

	it('loads from dist the way n8n loads it', async () => {
		for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials] as string[]) {
			const exported = (await import(join(root, entry))) as Record<string, new () => object>;
			const [Class] = Object.values(exported);
			expect(typeof Class).toBe('function');
			expect(new Class()).toBeTruthy();
		}
	});
});
