/**
 * `npm run bench`: speed and memory figures of the nodes running in n8n-core's engine against the
 * local Synqly sandbox. It prints figures; it asserts nothing (targets are read, not enforced).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const userFolder = mkdtempSync(join(tmpdir(), 'n8n-nodes-synqly-bench-'));
process.env.N8N_USER_FOLDER = userFolder;
process.env.N8N_ENCRYPTION_KEY = 'n8n-nodes-synqly-bench';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';

interface Figure {
	name: string;
	ms: number;
	requests: number;
	items: number;
	heapMb: number;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function main() {
	const { runNode, rl, shutdownN8nCore } = await import('../test/harness');
	const { startSandbox } = await import('../test/sandbox/server');
	const { managementTable } = await import('../nodes/SynqlyManagement/catalog');
	const { connectorTable } = await import('../nodes/SynqlyConnector/catalog');
	const { buildProperties } = await import('../nodes/shared/form/properties');
	const sandbox = await startSandbox({ seed: 'demo' });
	const org = { synqlyOrganizationApi: { accessToken: sandbox.orgToken, baseUrl: sandbox.url } };
	const integration = { synqlyIntegrationApi: { accessToken: sandbox.integrationToken, baseUrl: sandbox.url } };
	const figures: Figure[] = [];

	async function measure(name: string, run: () => Promise<{ items: unknown[]; error?: unknown }>) {
		global.gc?.();
		const before = sandbox.requests.length;
		const heapBefore = process.memoryUsage().heapUsed;
		const start = performance.now();
		const result = await run();
		const ms = performance.now() - start;
		if (result.error) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
		figures.push({
			name,
			ms: Math.round(ms),
			requests: sandbox.requests.length - before,
			items: result.items.length,
			heapMb: mb(process.memoryUsage().heapUsed - heapBefore),
		});
	}

	const descriptions: string[] = [];
	for (const [name, table] of [
		['Synqly Management', managementTable],
		['Synqly Connector', connectorTable],
	] as const) {
		const start = performance.now();
		const properties = buildProperties(table);
		const ms = (performance.now() - start).toFixed(1);
		const kb = Math.round(JSON.stringify(properties).length / 1024);
		descriptions.push(`${name}: ${table.operations.length} operations, ${properties.length} properties, ${kb} KB of description, built in ${ms} ms`);
	}

	for (let i = 0; i < 2000; i++) {
		const name = `bench-${String(i).padStart(5, '0')}`;
		const now = new Date().toISOString();
		sandbox.state.accounts.put({
			id: `acc_${name}`,
			name,
			fullname: name,
			organization_id: sandbox.state.organization.id,
			environment: 'test',
			created_at: now,
			updated_at: now,
		});
	}
	await measure('Account → Get Many, Return All (2,001 accounts, keyset pages of 100)', () =>
		runNode({ node: 'synqlyManagement', parameters: { resource: 'account', operation: 'getAll', returnAll: true }, credentials: org }),
	);
	await measure('Account → Get, 500 input items (one request each)', () =>
		runNode({
			node: 'synqlyManagement',
			parameters: { resource: 'account', operation: 'get', accountId: rl('={{ $json.name }}') },
			credentials: org,
			items: Array.from({ length: 500 }, (_, i) => ({ name: `bench-${String(i).padStart(5, '0')}` })),
		}),
	);

	const events = Array.from({ length: 10050 }, (_, i) => ({
		class_uid: 3002,
		class_name: 'Authentication',
		category_uid: 3,
		activity_id: 1,
		severity_id: 1,
		time: 1732838400000 + i,
		metadata: { product: { name: 'n8n', vendor_name: 'n8n' }, version: '1.3.0' },
	}));
	try {
		await measure('SIEM → Post Events, 10,050 items, default batch size', () =>
			runNode({
				node: 'synqlyConnector',
				parameters: { resource: 'siem', operation: 'postEvents' },
				credentials: integration,
				items: events,
			}),
		);
	} catch (error) {
		console.log(`(connector batching not measured: ${(error as Error).message.slice(0, 200)})`);
	}

	await sandbox.close();
	shutdownN8nCore();
	rmSync(userFolder, { recursive: true, force: true });

	console.log('\nn8n-nodes-synqly benchmarks (n8n-core engine, loopback sandbox)\n');
	console.log('| Case | ms | Requests | Items | Heap Δ MB |');
	console.log('| --- | ---: | ---: | ---: | ---: |');
	for (const f of figures) console.log(`| ${f.name} | ${f.ms} | ${f.requests} | ${f.items} | ${f.heapMb} |`);
	console.log(`\nPeak RSS: ${mb(process.memoryUsage().rss)} MB`);
	console.log(`\nNode descriptions (what n8n loads and sends to the editor):\n${descriptions.map((d) => `- ${d}`).join('\n')}`);
}

void main();
