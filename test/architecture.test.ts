/**
 * The shape of the shipped code, read from its import statements (type-only imports included:
 * a reader follows them all the same): no import cycle; runtime code imports nothing but
 * n8n-workflow, crypto and its own files; and the layers of `nodes/shared/` hold transitively,
 * so what a catalog or the form code reaches through any chain of imports is checked, not only
 * what it imports itself.
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
	const types = 'nodes/shared/catalog/types.ts';
	planted.set(types, [...(graph.get(types) ?? []), 'nodes/shared/runtime/execute.ts']);
	expect(cycles(planted).length).toBeGreaterThan(0);
});

test('runtime code imports only n8n-workflow, crypto and its own files', () => {
	const foreign = [...graph].flatMap(([file, targets]) =>
		targets.filter((t) => !t.endsWith('.ts') && !['n8n-workflow', 'crypto', 'node:crypto'].includes(t)).map((t) => `${file}: ${t}`),
	);
	expect(foreign).toEqual([]);
});

/** The first chain of imports from `file` to a file `forbidden` names, or undefined when none reaches one. */
function reach(edges: Map<string, string[]>, file: string, forbidden: (target: string) => boolean): string[] | undefined {
	const cameFrom = new Map<string, string>([[file, '']]);
	const queue = [file];
	while (queue.length > 0) {
		const current = queue.shift() as string;
		for (const next of edges.get(current) ?? []) {
			if (cameFrom.has(next)) continue;
			cameFrom.set(next, current);
			if (forbidden(next)) {
				const chain = [next];
				for (let at = current; at !== ''; at = cameFrom.get(at) as string) chain.unshift(at);
				return chain;
			}
			queue.push(next);
		}
	}
	return undefined;
}

const SHARED = 'nodes/shared/';
const isCatalog = (file: string) => file.startsWith(`${SHARED}catalog/`) || /^nodes\/\w+\/catalog\//.test(file);
const isHttpOrEditor = (file: string) => file.startsWith(`${SHARED}http/`) || file.startsWith(`${SHARED}editor/`);

/**
 * The layers: a catalog reaches nothing but catalog files (row types and param factories, its
 * own rows) and n8n-workflow; the form code (node properties, built from the rows and their
 * kinds) never reaches the code that sends requests; the value helpers of `wire/` reach only
 * catalog types.
 */
const RULES: Array<{ name: string; from: (file: string) => boolean; forbidden: (target: string) => boolean }> = [
	{ name: 'catalog', from: isCatalog, forbidden: (t) => t.endsWith('.ts') && !isCatalog(t) },
	{ name: 'form', from: (f) => f.startsWith(`${SHARED}form/`), forbidden: isHttpOrEditor },
	{ name: 'kinds', from: (f) => f.startsWith(`${SHARED}kinds/`), forbidden: isHttpOrEditor },
	{ name: 'wire', from: (f) => f.startsWith(`${SHARED}wire/`), forbidden: (t) => t.endsWith('.ts') && !t.startsWith(`${SHARED}wire/`) && !isCatalog(t) },
];

function layerViolations(edges: Map<string, string[]>): string[] {
	return RULES.flatMap((rule) =>
		[...edges.keys()]
			.filter(rule.from)
			.map((file) => reach(edges, file, rule.forbidden))
			.filter((chain): chain is string[] => chain !== undefined)
			.map((chain) => `${rule.name}: ${chain.join(' -> ')}`),
	);
}

test('catalogs, the form code, the kinds and the value helpers stay in their layers, through every chain of imports', () => {
	expect(layerViolations(graph)).toEqual([]);
});

test('a catalog row file that reaches HTTP code through the factories it may import fails the layer check', () => {
	// The old blind spot: siem.ts imports only the param factories (allowed); the factories import HTTP code.
	const planted = new Map(graph);
	const siem = 'nodes/SynqlyConnector/catalog/siem.ts';
	const fields = `${SHARED}catalog/fields.ts`;
	planted.set(fields, [...(graph.get(fields) ?? []), `${SHARED}http/client.ts`]);
	expect(layerViolations(planted)).toContain(`catalog: ${siem} -> ${fields} -> ${SHARED}http/client.ts`);
});

test('form code that reaches HTTP code through a chain of allowed imports fails the layer check', () => {
	// properties.ts -> kinds/index.ts -> kinds/request.ts are allowed; request.ts -> runtime/execute.ts leads to the client.
	const planted = new Map(graph);
	const request = `${SHARED}kinds/request.ts`;
	planted.set(request, [...(graph.get(request) ?? []), `${SHARED}runtime/execute.ts`]);
	const form = layerViolations(planted).find((v) => v.startsWith(`form: ${SHARED}form/properties.ts`));
	expect(form).toBe(
		`form: ${SHARED}form/properties.ts -> ${SHARED}kinds/index.ts -> ${request} -> ${SHARED}runtime/execute.ts -> ${SHARED}http/identity.ts`,
	);
});

test('a node folder reaches another node folder only for its catalog: the Synqly Management Trigger registers through the Management rows', () => {
	const crossing = [...graph].flatMap(([file, targets]) => {
		const node = /^nodes\/(Synqly\w+)\//.exec(file)?.[1];
		return node
			? targets
					.filter((t) => /^nodes\/Synqly\w+\//.test(t) && !t.startsWith(`nodes/${node}/`))
					.filter((t) => !(node === 'SynqlyManagementTrigger' && t.startsWith('nodes/SynqlyManagement/catalog/')))
					.map((t) => `${file}: ${t}`)
			: [];
	});
	expect(crossing).toEqual([]);
});
