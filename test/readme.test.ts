import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

import type { ICredentialType, INodeType } from 'n8n-workflow';

import { SynqlyIntegrationApi } from '../credentials/SynqlyIntegrationApi.credentials';
import { SynqlyOrganizationApi } from '../credentials/SynqlyOrganizationApi.credentials';
import { SynqlyConnector } from '../nodes/SynqlyConnector/SynqlyConnector.node';
import { SynqlyConnectorTrigger } from '../nodes/SynqlyConnector/SynqlyConnectorTrigger.node';
import { SynqlyManagement } from '../nodes/SynqlyManagement/SynqlyManagement.node';
import { SynqlyManagementTrigger } from '../nodes/SynqlyManagementTrigger/SynqlyManagementTrigger.node';
import { loadTables, TABLE_FILES, withTables } from '../scripts/readme';

const ROOT = join(__dirname, '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as { n8n: { nodes: string[]; credentials: string[] } };

/** Where a documentation URL of this package must point: a file of the repository on GitHub. */
const DOCS_BASE = 'https://github.com/synqly-community/n8n-nodes-synqly/blob/main/';

/** The TypeScript source of a `dist/….js` file that package.json's `n8n` section names. */
const source = (distFile: string) => distFile.replace(/^dist\//, '').replace(/\.js$/, '');

/** GitHub's anchor for a Markdown heading. */
const slug = (heading: string) =>
	heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N} _-]/gu, '')
		.replace(/ /g, '-');

function anchors(file: string): Set<string> {
	const text = read(file).replace(/```[\s\S]*?```/g, '');
	return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1])));
}

/** The Markdown files a reader moves between: the README, docs/ and the examples' list. */
const MARKDOWN = [
	'README.md',
	'CHANGELOG.md',
	'examples/README.md',
	...readdirSync(join(ROOT, 'docs'))
		.filter((f) => f.endsWith('.md'))
		.map((f) => `docs/${f}`),
];

describe('operations tables', () => {
	it.each(TABLE_FILES)('%s has the operation tables of the catalogs (run `npm run docs` after changing a row)', (file) => {
		const text = read(file);
		const sections = loadTables();
		expect(Object.keys(sections).sort()).toEqual(['connector', 'management']);
		// Each section has its block in the file, so both tables are really compared.
		for (const api of Object.keys(sections)) {
			expect(text).toContain(`<!-- operations:${api} -->`);
			expect(text).toContain(`<!-- /operations:${api} -->`);
		}
		expect(withTables(text, sections)).toBe(text);
	});
});

describe('documentation links of the nodes', () => {
	// n8n's editor opens a node's codex primaryDocumentation URL with "?utm_source=…" appended,
	// which breaks a "#section" anchor: each node links a page of its own, without an anchor.
	const codexUrls = pkg.n8n.nodes.flatMap((file) => {
		const codexFile = `${source(file)}.json`;
		const codex = JSON.parse(read(codexFile)) as { resources: Record<string, Array<{ url: string }>> };
		return Object.entries(codex.resources).flatMap(([kind, links]) => links.map((l) => [`${codexFile} ${kind}`, l.url] as const));
	});
	const nodes: INodeType[] = [new SynqlyManagement(), new SynqlyManagementTrigger(), new SynqlyConnector(), new SynqlyConnectorTrigger()];
	const nodeUrls = nodes.flatMap(({ description: { name, documentationUrl } }) =>
		documentationUrl ? [[`${name} documentationUrl`, documentationUrl] as const] : [],
	);

	it('every node of package.json is checked here', () => {
		expect(nodes).toHaveLength(pkg.n8n.nodes.length);
	});

	it('every node has its documentation page', () => {
		expect(codexUrls.filter(([where]) => where.endsWith('primaryDocumentation'))).toHaveLength(pkg.n8n.nodes.length);
	});

	it.each([...codexUrls, ...nodeUrls])('%s: %s is a file of the repository, without "#"', (_where, url) => {
		expect(url).not.toContain('#');
		expect(url.startsWith(DOCS_BASE)).toBe(true);
		expect(existsSync(join(ROOT, url.slice(DOCS_BASE.length)))).toBe(true);
	});

	// A credential's documentationUrl outside docs.n8n.io is opened as given (n8n 2.41.1 and
	// 1.123.81 alike), so an anchor lands: the page and its section must exist.
	const credentials: ICredentialType[] = [new SynqlyOrganizationApi(), new SynqlyIntegrationApi()];
	it('every credential of package.json is checked here', () => {
		expect(credentials).toHaveLength(pkg.n8n.credentials.length);
	});
	it.each(credentials.map((c) => [c.name, c.documentationUrl ?? ''] as const))('%s: %s names a page and section that exist', (_where, url) => {
		const [page, anchor] = url.split('#');
		const repo = 'https://github.com/synqly-community/n8n-nodes-synqly';
		const file = page === repo ? 'README.md' : page.startsWith(DOCS_BASE) ? page.slice(DOCS_BASE.length) : undefined;
		expect(file).toBeDefined();
		expect(existsSync(join(ROOT, file!))).toBe(true);
		if (anchor) expect([...anchors(file!)]).toContain(anchor);
	});
});

describe('the README and docs/', () => {
	it.each(MARKDOWN)('%s: every relative link names a file that exists, and a section that exists', (file) => {
		const text = read(file).replace(/```[\s\S]*?```/g, '');
		const broken: string[] = [];
		for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
			if (/^[a-z]+:/i.test(target)) continue;
			const [path, anchor] = target.split('#');
			const resolved = path ? relative(ROOT, join(ROOT, dirname(file), path)) : file;
			if (!existsSync(join(ROOT, resolved))) broken.push(`${target}: no ${resolved}`);
			else if (anchor && resolved.endsWith('.md') && !anchors(resolved).has(anchor)) broken.push(`${target}: no section #${anchor} in ${resolved}`);
		}
		expect(broken).toEqual([]);
	});

	it('the README documents the commands CI runs (.ci/run), each as its own line', () => {
		const ci = [...read('.ci/run').matchAll(/^(npm .+)$/gm)].map((m) => m[1].trim());
		expect(ci).toEqual(['npm install', 'npm run lint', 'npm test', 'npm run test:e2e']);
		const readme = read('README.md');
		for (const command of ci) expect(readme).toMatch(new RegExp(`^${command.replace(/[.:]/g, '\\$&')}(\\s|$)`, 'm'));
	});

	it('the README and the nodes\' pages quote no n8n source file or line', () => {
		const userPages = ['README.md', ...MARKDOWN.filter((f) => /^docs\/(synqly-|credentials|requests|security)/.test(f))];
		const quoted = userPages.flatMap((file) =>
			[...read(file).matchAll(/`[\w./-]+\.js`\s+\d+/g)].map((m) => `${file}: ${m[0]}`),
		);
		expect(quoted).toEqual([]);
	});

	it('the README stays a five-minute read (at most 200 lines besides the folded operation tables; details go to docs/)', () => {
		const unfolded = read('README.md').replace(/<!-- operations:(\w+) -->[\s\S]*?<!-- \/operations:\1 -->/g, '');
		expect(unfolded.split('\n').length).toBeLessThanOrEqual(200);
	});
});
