// The crash target of scripts/e2e.mjs (`--only crash`): the new-SIEM-alert example active in a real
// n8n, alerts added over time, n8n killed with SIGKILL at varied points of the poll cycle and
// restarted; then killed inside an execution, once before the ticket is created and once after;
// the crashed executions found through n8n's public API and retried. Every alert must end with
// exactly one ticket. Each configuration has its own sandbox and n8n, so they run side by side:
// 2.41.1 as shipped, 2.41.1 with durable poll cursors, 1.123.81. Prints the counts table.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
	freePort,
	importCredentials,
	importWorkflows,
	installPackage,
	loadExamples,
	n8nCli,
	n8nEnv,
	N8nRest,
	sandboxCredentials,
	sleep,
	startN8n,
	startSandbox,
	stopProcess,
	tail,
	waitFor,
} from './n8n-env.mjs';
import { startQueueServices } from './queue-services.mjs';

const EXAMPLE = 'new-siem-alert-to-ticket';
const TICKETS_TOKEN = 'synqly-sandbox-integration-token-acme-tickets';

/** n8n 2.41's durable poll cursors: the cursor and the new execution are committed in one transaction. */
export const DURABLE_CURSORS = {
	N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
	N8N_SCHEDULER_ENABLED: 'true',
	N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
	N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'true',
};

export const CRASH_CONFIGS = [
	{ label: '2.41.1', version: '2.41.1', extra: {} },
	{ label: '2.41.1 durable cursors', version: '2.41.1', extra: DURABLE_CURSORS },
	{ label: '1.123.81', version: '1.123.81', extra: {} },
];

/**
 * Main + worker + Redis + PostgreSQL: main polls and enqueues, the worker runs the execution and is
 * the one killed inside it. Not in the default run yet (SYNQLY_CRASH_CONFIGS="2.41.1 queue mode"):
 * alerts are still lost there (docs/synqly-connector-trigger.md, Crashes, queue mode).
 */
const QUEUE_CONFIG = { label: '2.41.1 queue mode', version: '2.41.1', extra: {}, queue: true, boundaryKills: 2 };

/**
 * Where in the poll cycle each boundary kill lands: inside the poll's request (its answer held 4 s),
 * or this many ms after the poll was answered (the execution starts, and runs, about then).
 */
const BOUNDARY_KILLS = ['in poll', 0, 400, 1500, 12000].slice(0, Number(process.env.SYNQLY_CRASH_BOUNDARY_KILLS ?? 5));

async function waitForActivation(child, timeoutMs = 120000) {
	await waitFor(
		`${child.label}: workflow activated`,
		async () => {
			if (child.exitCode !== null) throw new Error(`${child.label} exited:\n${tail(child.output)}`);
			const failed = /problem activating the workflow[^\n]*|publication outbox record.*"result": "failed"/.exec(child.output);
			if (failed) throw new Error(`activation failed: ${failed[0]}`);
			return /Activated workflow|Finished processing workflow publication outbox record.*"result": "completed"|Workflow "[^"]*" \([^)]*\) was activated|activated workflow/i.test(child.output);
		},
		timeoutMs,
	);
}

const siemAlert = (uid) => ({ class_name: 'Detection Finding', severity_id: 4, severity: 'High', finding_info: { uid, title: `Crash ${uid}`, desc: 'Added by the crash test' } });

/** One configuration: its own sandbox, n8n home and alerts; resolves with its counts. */
async function runConfig(cfg, { work, encryptionKey, step, verbose, watermarkCheck }) {
	const name = cfg.label;
	const dir = join(work, 'crash', name.replace(/\W+/g, '-'));
	mkdirSync(join(dir, 'import'), { recursive: true });
	const sb = await startSandbox({ echo: false });
	const counts = { config: name, alerts: 0, kills: 0, boundaryKills: 0, crashed: 0, retried: 0, lostBefore: 0, dupBefore: 0, lost: 0, dup: 0, events: [] };
	let server;
	let worker;
	let services;
	try {
		const port = await freePort();
		services = cfg.queue ? await startQueueServices(join(dir, 'services')) : undefined;
		const queue = services && { redis: services.redis, postgres: services.postgres };
		// Queue mode: main looks for executions no worker holds every N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL
		// seconds (default 180) and marks them crashed; 20 here, so the test need not wait 3 minutes.
		const recovery = queue ? { N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: '20' } : {};
		const env = await n8nEnv({ userFolder: dir, port, encryptionKey, queue, extra: { N8N_LOG_LEVEL: 'debug', ...recovery, ...cfg.extra } });
		const workerHome = join(dir, 'worker');
		const workerEnv = queue && (await n8nEnv({ userFolder: workerHome, encryptionKey, queue, extra: { N8N_LOG_LEVEL: 'debug' } }));
		const example = loadExamples().find((e) => e.name === EXAMPLE);
		if (!example) throw new Error(`examples/${EXAMPLE}.json not found`);
		const workflow = structuredClone(example.workflow);
		const triggerName = example.expect.trigger.node;
		const ok = await step(`crash ${name}: package installed, credentials and "${workflow.name}" imported and activated`, async () => {
			installPackage(dir);
			if (cfg.queue) installPackage(workerHome);
			await importCredentials(cfg.version, env, sandboxCredentials(sb), join(dir, 'import'));
			await importWorkflows(cfg.version, env, [workflow], join(dir, 'import'));
			const args = cfg.version.startsWith('1.') ? ['update:workflow', `--id=${workflow.id}`, '--active=true'] : ['publish:workflow', `--id=${workflow.id}`];
			const r = await n8nCli(cfg.version, args, env);
			if (r.code !== 0) throw new Error(`${args[0]} failed (${r.code}):\n${tail(r.stdout + r.stderr)}`);
		});
		if (!ok) return counts;

		const uids = [];
		const addAlert = async (tag) => {
			const uid = `crash-${tag}`;
			uids.push(uid);
			counts.alerts += 1;
			await sb.addRecords({ integration: 'acme-siem', set: 'alerts', records: [siemAlert(uid)] });
		};
		const requests = () => sb.requests();
		const polls = async () => (await requests()).filter((r) => r.method === 'GET' && r.path === '/v1/siem/alerts');
		const rest = () => new N8nRest(server.baseUrl);
		let api;
		const startWorker = async () => {
			worker = startN8n(cfg.version, workerEnv, { command: 'worker', args: ['--concurrency=5'], name: `n8n-crash-worker-${name}`, echo: verbose });
			await waitFor(`${worker.label} ready`, async () => {
				if (worker.exitCode !== null) throw new Error(`${worker.label} exited:\n${tail(worker.output)}`);
				return /n8n worker is now ready/.test(worker.output);
			}, 120000);
		};
		const start = async () => {
			if (cfg.queue && !(worker && worker.exitCode === null && worker.signalCode === null)) await startWorker();
			if (server && server.exitCode === null && server.signalCode === null) return;
			server = startN8n(cfg.version, env, { name: `n8n-crash-${name}`, echo: verbose });
			await waitForN8nUp(server);
			await waitForActivation(server);
		};
		const kill = async (what, target = server) => {
			await stopProcess(target, { signal: 'SIGKILL' });
			counts.kills += 1;
			counts.events.push(what);
		};

		if (!(await step(`crash ${name}: n8n started, the trigger's first poll noted the time`, async () => {
			await start();
			const r = rest();
			await r.ownerLogin();
			if (cfg.extra.N8N_POLLER_DURABLE_CURSORS_ENABLED) {
				// Durable cursors keep the node's static data in n8n's poller state, not in the
				// workflow's staticData the REST API shows: wait out one poll cycle (every minute).
				await sleep(75000);
			} else {
				await waitFor('the watermark in static data', async () => {
					const stored = (await r.request('GET', `/workflows/${workflow.id}`)).data?.staticData;
					return typeof stored?.[`node:${triggerName}`]?.watermark === 'number';
				}, 150000);
			}
			api = await apiKey(r);
		}))) return counts;

		// Kills at the poll boundary, at varied points of the cycle.
		const boundary = await step(`crash ${name}: ${cfg.boundaryKills ?? BOUNDARY_KILLS.length} SIGKILLs at varied points of the poll cycle, an alert added before each and one while n8n was down, n8n restarted`, async () => {
			for (const [k, at] of BOUNDARY_KILLS.slice(0, cfg.boundaryKills ?? BOUNDARY_KILLS.length).entries()) {
				await addAlert(`b${k}`);
				const seen = (await polls()).length;
				if (at === 'in poll') await sb.control('POST', 'fault', { method: 'GET', path: '/v1/siem/alerts', status: 200, passthrough: true, delayMs: 4000 });
				const poll = await waitFor('the next poll', async () => {
					const [next] = (await polls()).slice(seen);
					return next && (at === 'in poll' || next.answeredAt) ? next : undefined;
				}, 150000);
				if (at === 'in poll') await sleep(1000);
				else await sleep(Math.max(0, poll.answeredAt + at - Date.now()));
				await kill(at === 'in poll' ? 'inside the poll request' : `${at} ms after a poll answered`);
				counts.boundaryKills += 1;
				await sb.control('POST', 'faults/clear');
				await addAlert(`d${k}`);
				await start();
			}
		});
		if (!boundary) return counts;

		// Kills inside the execution: held lookup (before the ticket) and held create answer (after it).
		const inside = await step(`crash ${name}: ${cfg.queue ? 'the worker ' : ''}killed inside an execution, once before the ticket is created and once after`, async () => {
			for (const when of ['before', 'after']) {
				const rule = when === 'before'
					? { method: 'GET', path: '/v1/ticketing/tickets', status: 200, passthrough: true, delayMs: 30000 }
					: { method: 'POST', path: '/v1/ticketing/tickets', status: 200, passthrough: true, holdMs: 30000 };
				await sb.control('POST', 'fault', rule);
				const seen = (await requests()).filter((r) => r.method === rule.method && r.path === rule.path).length;
				await addAlert(`x-${when}`);
				await waitFor(`the ${rule.method} of the ticket step`, async () => (await requests()).filter((r) => r.method === rule.method && r.path === rule.path).length > seen, 150000);
				await sleep(500);
				// In queue mode the worker runs the execution: it is the one killed.
				await kill(`inside the execution, ${when} the ticket was created${cfg.queue ? ' (worker killed)' : ''}`, cfg.queue ? worker : server);
				await sb.control('POST', 'faults/clear');
				await start();
			}
		});
		if (!inside) return counts;

		const ticketsPerAlert = async () => {
			const res = await fetch(`${sb.url}/v1/ticketing/tickets?limit=5000`, { headers: { authorization: `Bearer ${TICKETS_TOKEN}` } });
			const tickets = (await res.json()).result ?? [];
			return Object.fromEntries(uids.map((u) => [u, tickets.filter((t) => t.name === `SIEM alert ${u}`).length]));
		};
		const tally = (per) => ({ lost: uids.filter((u) => per[u] === 0), dup: uids.filter((u) => per[u] > 1) });

		await step(`crash ${name}: after a last poll, before any retry: no alert ticketed twice (the lost ones wait in crashed executions)`, async () => {
			const seen = (await polls()).length;
			await waitFor('a poll after the last restart', async () => (await polls()).slice(seen).some((p) => p.answeredAt), 150000);
			await sleep(cfg.queue ? 45000 : 8000);
			const { lost, dup } = tally(await ticketsPerAlert());
			counts.lostBefore = lost.length;
			counts.dupBefore = dup.length;
			counts.lostBeforeIds = lost;
			if (dup.length) throw new Error(`ticketed twice: ${dup.join(', ')}`);
		});

		await step(`crash ${name}: the crashed executions, found with the public API (GET /api/v1/executions), retried (POST /api/v1/executions/{id}/retry): every alert has exactly one ticket`, async () => {
			// In queue mode an execution whose worker died ends as `error`, not `crashed`: retried too.
			const crashed = cfg.queue
				? (await executionsOf(server.baseUrl, api, workflow.id)).filter((e) => ['crashed', 'error'].includes(e.status) && !e.retrySuccessId).map((e) => String(e.id))
				: await crashedExecutions(server.baseUrl, api, workflow.id);
			counts.crashed = crashed.length;
			for (const id of crashed) {
				const res = await fetch(`${server.baseUrl}/api/v1/executions/${id}/retry`, { method: 'POST', headers: { 'X-N8N-API-KEY': api, 'content-type': 'application/json' }, body: '{}' });
				if (!res.ok) throw new Error(`retry of execution ${id}: ${res.status} ${(await res.text()).slice(0, 300)}`);
				counts.retried += 1;
			}
			await sleep(5000);
			const per = await ticketsPerAlert();
			const { lost, dup } = tally(per);
			counts.lost = lost.length;
			counts.dup = dup.length;
			if (lost.length || dup.length) {
				const all = await executionsOf(server.baseUrl, api, workflow.id);
				throw new Error(`tickets per alert: ${uids.map((u) => `${u}: ${per[u]}`).join(', ')} (crashed executions retried: ${crashed.join(', ') || 'none'}; executions: ${all.map((e) => `${e.id} ${e.status}${e.retryOf ? ` (retry of ${e.retryOf})` : ''}`).join(', ')})`);
			}
		});
		if (watermarkCheck) await watermarkCheck({ name, counts });
	} finally {
		await stopProcess(worker, { signal: 'SIGKILL' });
		await stopProcess(server, { signal: 'SIGKILL' });
		await services?.stop();
		await sb.close();
	}
	return counts;
}

async function waitForN8nUp(child, timeoutMs = 180000) {
	await waitFor(
		`${child.label} ready`,
		async () => {
			if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${child.label} exited (${child.exitCode ?? child.signalCode}):\n${tail(child.output, 40)}`);
			if (!child.output.includes('Editor is now accessible via')) return false;
			try {
				return (await fetch(`${child.baseUrl}/healthz`, { signal: AbortSignal.timeout(5000) })).ok;
			} catch {
				return false;
			}
		},
		timeoutMs,
	);
}

/** An API key of the owner with the scopes the retry needs (n8n 1.123 and 2.41: POST /rest/api-keys). */
async function apiKey(rest) {
	const scopes = ['execution:list', 'execution:read', 'execution:retry', 'workflow:read'];
	const r = await rest.request('POST', '/api-keys', { label: `crash-${Date.now()}`, scopes, expiresAt: null }, { allowError: true });
	const key = r.data?.rawApiKey ?? r.data?.apiKey;
	if (!key) throw new Error(`POST /rest/api-keys → ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
	return key;
}

/** Ids of the workflow's executions whose status is `crashed`, through the public API. */
async function crashedExecutions(baseUrl, key, workflowId) {
	return (await executionsOf(baseUrl, key, workflowId)).filter((e) => e.status === 'crashed').map((e) => String(e.id));
}

/** The workflow's executions (id, status, retryOf…), through the public API. */
async function executionsOf(baseUrl, key, workflowId) {
	const ids = [];
	let cursor;
	do {
		const qs = new URLSearchParams({ workflowId, limit: '250', ...(cursor ? { cursor } : {}) });
		const res = await fetch(`${baseUrl}/api/v1/executions?${qs}`, { headers: { 'X-N8N-API-KEY': key } });
		if (!res.ok) throw new Error(`GET /api/v1/executions → ${res.status}: ${(await res.text()).slice(0, 300)}`);
		const body = await res.json();
		ids.push(...body.data);
		cursor = body.nextCursor;
	} while (cursor);
	return ids;
}

/** Runs every configuration side by side and prints the counts table. */
export async function crashTarget({ work, encryptionKey, step, verbose }) {
	// SYNQLY_CRASH_CONFIGS=1.123.81 (labels, comma-separated) runs only those, e.g. to see a break red quickly.
	const only = process.env.SYNQLY_CRASH_CONFIGS?.split(',').map((l) => l.trim());
	const configs = only ? [...CRASH_CONFIGS, QUEUE_CONFIG].filter((c) => only.includes(c.label)) : CRASH_CONFIGS;
	const results = [];
	// Staggered: n8n's start is CPU-heavy, and the machine is shared.
	await Promise.all(
		configs.map(async (cfg, i) => {
			await sleep(i * 20000);
			results[i] = await runConfig(cfg, { work, encryptionKey, step, verbose });
		}),
	);
	printTable(results.filter(Boolean));
	return results;
}

function printTable(rows) {
	console.log('# crash counts (lost and duplicated alerts; every alert should have exactly one ticket)');
	console.log('# | n8n | alerts | kills at the poll boundary | kills inside an execution (before, after the ticket) | lost without retry | duplicated without retry | crashed executions retried | lost after retry | duplicated after retry |');
	for (const r of rows) {
		console.log(`# | ${r.config} | ${r.alerts} | ${r.boundaryKills} | ${r.kills - r.boundaryKills} | ${r.lostBefore}${r.lostBeforeIds?.length ? ` (${r.lostBeforeIds.join(', ')})` : ''} | ${r.dupBefore} | ${r.retried} of ${r.crashed} | ${r.lost} | ${r.dup} |`);
	}
}
