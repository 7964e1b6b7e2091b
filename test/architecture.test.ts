/**
 * The shape of the shipped code, read from its import statements: no import cycle, runtime code
 * imports nothing but n8n-workflow, crypto and its own files, catalogs import only types and
 * factories, and neither node reaches into the other's folder.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '..');

function sourceFiles(folder: string): string[] {
	return readdirSync(join(root, folder), { withFileTypes: true }).flatMap((entry) => {
		const path = join(folder, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return entry.name.endsWith('.ts') ? [path] : [];
	});
}

const files = [...sourceFiles('nodes'), ...sourceFiles('credentials')];

/** Every module a file imports (type-only imports too: they are cycles for a reader all the same). */
function importsOf(file: string): string[] {
	const text = readFileSync(join(root, file), 'utf8');
	return [...text.matchAll(/^\s*(?:import|export)\s(?:[^;]*?\sfrom\s+)?'([^']+)'/gm)].map((m) => m[1]);
}

/** A relative import as a repository path (`nodes/shared/types.ts`), or the package name. */
function target(file: string, specifier: string): string {
	if (!specifier.startsWith('.')) return specifier;
	const base = relative(root, resolve(root, dirname(file), specifier));
	const candidates = [`${base}.ts`, join(base, 'index.ts')];
	const found = candidates.find((c) => files.includes(c));
	if (!found) throw new Error(`${file} imports ${specifier}, which is not a source file`);
	return found;
}

const graph = new Map(files.map((file) => [file, importsOf(file).map((s) => target(file, s))]));

/** The import cycles of the graph, each as the files on it (found by depth-first search). */
function cycles(edges: Map<string, string[]>): string[][] {
	const found: string[][] = [];
	const state = new Map<string, 'open' | 'done'>();
	const stack: string[] = [];
	const visit = (file: string) => {
		state.set(file, 'open');
		stack.push(file);
		for (const next of edges.get(file) ?? []) {
			if (!edges.has(next)) continue;
			if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
			else if (!state.has(next)) visit(next);
		}
		stack.pop();
		state.set(file, 'done');
	};
	for (const file of edges.keys()) if (!state.has(file)) visit(file);
	return found;
}

test('the shipped code has no import cycle', () => {
	expect(cycles(graph).map((cycle) => cycle.join(' -> '))).toEqual([]);
});

test('the cycle check finds a cycle', () => {
	const planted = new Map(graph);
	planted.set('nodes/shared/types.ts', [...(graph.get('nodes/shared/types.ts') ?? []), 'nodes/shared/dispatch.ts']);
	expect(cycles(planted).length).toBeGreaterThan(0);
});

test('runtime code imports only n8n-workflow, crypto and its own files', () => {
	const foreign = [...graph].flatMap(([file, targets]) =>
		targets.filter((t) => !t.endsWith('.ts') && !['n8n-workflow', 'crypto', 'node:crypto'].includes(t)).map((t) => `${file}: ${t}`),
	);
	expect(foreign).toEqual([]);
});

/** What a catalog may build rows from: types and factories, never runtime code. */
const CATALOG_MAY_IMPORT = ['nodes/shared/types.ts', 'nodes/shared/fields.ts', 'nodes/shared/words.ts', 'nodes/shared/locators.ts', 'nodes/shared/rows.ts'];

test('catalogs import types, factories and their own files only', () => {
	const wrong = [...graph]
		.filter(([file]) => /^nodes\/\w+\/catalog\//.test(file))
		.flatMap(([file, targets]) =>
			targets
				.filter((t) => !(t.startsWith(dirname(file)) || CATALOG_MAY_IMPORT.includes(t) || t === 'n8n-workflow'))
				.map((t) => `${file}: ${t}`),
		);
	expect(wrong).toEqual([]);
});

test('neither node imports the other node', () => {
	const crossing = [...graph].flatMap(([file, targets]) => {
		const node = /^nodes\/(Synqly\w+)\//.exec(file)?.[1];
		return node
			? targets.filter((t) => /^nodes\/Synqly\w+\//.test(t) && !t.startsWith(`nodes/${node}/`)).map((t) => `${file}: ${t}`)
			: [];
	});
	expect(crossing).toEqual([]);
});
