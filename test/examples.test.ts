import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const EXAMPLES = join(__dirname, '..', 'examples');

interface ExampleNode {
	name: string;
	type: string;
	position: [number, number];
	parameters?: { width?: number; height?: number };
}

const files = readdirSync(EXAMPLES)
	.filter((f) => f.endsWith('.json') && !f.endsWith('.expect.json'))
	.sort();
const workflows = files.map((file) => ({
	file,
	...(JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as { name: string; nodes: ExampleNode[] }),
}));

/** n8n's canvas draws a node as a 100 × 100 box from its position (its top left corner). */
const NODE_SIZE = 100;
/** n8n's default sticky note size, for a note saved without width or height. */
const STICKY_DEFAULT = { width: 240, height: 160 };

type Box = { left: number; top: number; right: number; bottom: number };
const box = ([x, y]: [number, number], width: number, height: number): Box => ({ left: x, top: y, right: x + width, bottom: y + height });
const overlap = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('examples', () => {
	it('has workflows to check', () => {
		expect(files.length).toBeGreaterThan(0);
	});

	it('examples/README.md lists every examples/*.json workflow, and no other', () => {
		const readme = readFileSync(join(EXAMPLES, 'README.md'), 'utf8');
		const listed = [...new Set([...readme.matchAll(/`([\w-]+\.json)`/g)].map((m) => m[1]))]
			.filter((f) => !f.endsWith('.expect.json'))
			.sort();
		expect(listed).toEqual(files);
	});

	it.each(workflows.map((w) => [w.file, w] as const))('%s is named "Synqly: …"', (_file, workflow) => {
		expect(workflow.name).toMatch(/^Synqly: \S/);
	});

	it.each(workflows.map((w) => [w.file, w] as const))('%s: no sticky note lies over a node', (_file, workflow) => {
		const stickies = workflow.nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote');
		const nodes = workflow.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote');
		const covered = stickies.flatMap((s) => {
			const note = box(s.position, s.parameters?.width ?? STICKY_DEFAULT.width, s.parameters?.height ?? STICKY_DEFAULT.height);
			return nodes.filter((n) => overlap(note, box(n.position, NODE_SIZE, NODE_SIZE))).map((n) => `"${s.name}" covers "${n.name}"`);
		});
		expect(covered).toEqual([]);
	});
});
