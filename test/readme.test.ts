import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

import { OPERATIONS_FILE, loadTables, withTables } from '../scripts/readme';

const ROOT = join(__dirname, '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

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
	it(`match the operation tables in ${OPERATIONS_FILE} (run \`npm run docs\` after changing a row)`, () => {
		const text = read(OPERATIONS_FILE);
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

	it('the README stays a five-minute read (at most 200 lines; details go to docs/)', () => {
		expect(read('README.md').split('\n').length).toBeLessThanOrEqual(200);
	});
});
