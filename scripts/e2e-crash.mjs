// The crash target of scripts/e2e.mjs (in the default run, so CI runs it): the new-SIEM-alert
// example active in a real n8n, alerts added over time, n8n killed with SIGKILL at varied points
// of the poll cycle and restarted; then killed inside an execution, once before the ticket is
// created and once after; the crashed executions found through n8n's public API and retried.
// Every alert must end with exactly one ticket. Each configuration has its own sandbox and n8n, so
// they run side by side: 2.41.1 as shipped, 2.41.1 with durable poll cursors, 1.123.81, and 2.41.1
// in queue mode (main + worker + Redis + PostgreSQL: main killed at the poll boundary, the worker
// inside the execution; the alerts n8n drops with a killed worker's execution recovered by a
// catch-up run through the same idempotent ticket step). Prints the counts table.
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
	startRestRun,
	startSandbox,
	stopProcess,
	tail,
	waitFor,
	waitForExecution,
} from './n8n-env.mjs';
import { psql, startQueueServices } from './queue-services.mjs';

const EXAMPLE = 'new-siem-alert-to-ticket';
/** The example's ticket step, which the queue-mode catch-up reuses as it is. */
const TICKET_NODE = 'Open a ticket';
const TICKETS_TOKEN = 'synqly-sandbox-integration-token-acme-tickets';

/** n8n 2.41's durable poll cursors: the cursor and the new execution are committed in one transaction. */
export const DURABLE_CURSORS = {
	N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
	N8N_SCHEDULER_ENABLED: 'true',
	N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
	N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'true',
};

/**
 * Each configuration: a label, the n8n version, extra env. `queue`: main + worker + Redis +
 * PostgreSQL; main polls and enqueues, the worker runs the execution and is the one killed inside
 * it. n8n 2.41.1 drops the alerts of an execution whose worker was killed (it ends `error`, its data
 * replaced by the error: docs/code-layout.md, "Queue mode: a killed worker's execution"), so there
 * the lost alerts are recovered by a catch-up run (alerts since shortly before that execution,
 * through the same idempotent ticket step), as docs/synqly-connector-trigger.md tells users.
 */
export const CRASH_CONFIGS = [
	{ label: '2.41.1', version: '2.41.1', extra: {} },
	{ label: '2.41.1 durable cursors', version: '2.41.1', extra: DURABLE_CURSORS },
	{ label: '1.123.81', version: '1.123.81', extra: {} },
	{ label: '2.41.1 queue mode', version: '2.41.1', extra: {}, queue: true, boundaryKills: 2 },
];

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
	const counts = { config: name, queue: !!cfg.queue, alerts: 0, kills: 0, boundaryKills: 0, workerKills: 0, killedExecutions: [], crashed: 0, retried: 0, stalled: [], lostBefore: 0, dupBefore: 0, lost: 0, dup: 0, events: [] };
	let server;
	let worker;
	let services;
	try {
		const port = await freePort();
		services = cfg.queue ? await startQueueServices(join(dir, 'services')) : undefined;
		const queue = services && { redis: services.redis, postgres: services.postgres };
		// n8n's defaults otherwise: queue mode's recovery of executions no worker holds runs when main
		// starts and then every N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL minutes (180).
		const env = await n8nEnv({ userFolder: dir, port, encryptionKey, queue, extra: { N8N_LOG_LEVEL: 'debug', ...cfg.extra } });
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
				const held = await waitFor(`the ${rule.method} of the ticket step`, async () => (await requests()).filter((r) => r.method === rule.method && r.path === rule.path)[seen], 150000);
				await sleep(500);
				// In queue mode the worker runs the execution: it is the one killed.
				const heldFor = held.body?.name ?? held.query?.filter?.join(' ') ?? '?';
				// Queue mode: the executions the worker is running now are the ones its death leaves.
				const running = cfg.queue ? psql(services.postgres, `select id from execution_entity where "workflowId" = '${workflow.id}' and status = 'running'`).split('\n').filter(Boolean) : [];
				counts.killedExecutions.push(...running);
				await kill(`inside the execution, ${when} the ticket was created (held: ${rule.method} for ${heldFor})${cfg.queue ? ' (worker killed)' : ''}`, cfg.queue ? worker : server);
				if (cfg.queue) counts.workerKills += 1;
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
		const describe = async (per) => {
			const all = await executionsOf(server.baseUrl, api, workflow.id);
			// Queue mode: the rows as PostgreSQL holds them (the public API leaves out those main runs),
			// and what main said about executions.
			const rows = services ? `; in PostgreSQL: ${psql(services.postgres, `select id || ' ' || status || ' created ' || "createdAt" || ' started ' || coalesce("startedAt"::text, '-') from execution_entity order by id`).replace(/\n/g, ', ')}; main: ${(server.output.match(/^.*(Enqueued execution|Execution \d+ \(job|Problem with execution|stalled|Marked executions).*$/gm) ?? []).slice(-20).join(' | ')}` : '';
			return `tickets per alert: ${uids.map((u) => `${u}: ${per[u]}`).join(', ')}; executions: ${all.map((e) => `${e.id} ${e.status}${e.retryOf ? ` (retry of ${e.retryOf})` : ''}`).join(', ')}${rows}`;
		};

		await step(`crash ${name}: after a last poll${cfg.queue ? ' and once no execution is left new or running' : ''}, before any retry: no alert ticketed twice (the lost ones wait in crashed executions${cfg.queue ? ', or were dropped with a killed worker' : ''})`, async () => {
			const seen = (await polls()).length;
			await waitFor('a poll after the last restart', async () => (await polls()).slice(seen).some((p) => p.answeredAt), 150000);
			await sleep(8000);
			// Queue mode: main learns of a killed worker's execution only when Bull calls its job
			// stalled (lock 60 s, checked every 30 s) and then waits up to 30 s more before it ends it
			// as `error` (meanwhile the restarted worker's own recovery may mark it `crashed`).
			if (cfg.queue) {
				if (!counts.killedExecutions.length) throw new Error('no execution was running on the worker when it was killed');
				const unfinished = `select count(*) from execution_entity where "workflowId" = '${workflow.id}' and status in ('new', 'running', 'waiting')`;
				const judged = `select count(*) from execution_entity where id in (${counts.killedExecutions.join(', ')}) and status = 'error'`;
				await waitFor(`the killed worker's executions (${counts.killedExecutions.join(', ')}) ended by main, and none left new, running or waiting`, async () =>
					psql(services.postgres, unfinished) === '0' && psql(services.postgres, judged) === String(counts.killedExecutions.length), 300000);
			}
			const { lost, dup } = tally(await ticketsPerAlert());
			counts.lostBefore = lost.length;
			counts.dupBefore = dup.length;
			counts.lostBeforeIds = lost;
			if (dup.length) throw new Error(`ticketed twice: ${dup.join(', ')}`);
		});

		const retried = await step(`crash ${name}: the crashed executions, found with the public API (GET /api/v1/executions), retried (POST /api/v1/executions/{id}/retry): ${cfg.queue ? 'no alert ticketed twice' : 'every alert has exactly one ticket'}`, async () => {
			const all = await executionsOf(server.baseUrl, api, workflow.id);
			const crashed = all.filter((e) => e.status === 'crashed').map((e) => String(e.id));
			if (cfg.queue) {
				// An `error` execution of this workflow comes from a killed worker (nothing else fails
				// here): n8n stored the stall in its place, and no alert is left in it to retry.
				const errors = all.filter((x) => x.status === 'error');
				if (errors.map((e) => String(e.id)).sort().join() !== [...counts.killedExecutions].sort().join()) {
					throw new Error(`executions running on the killed workers: ${counts.killedExecutions.join(', ')}; executions ended \`error\`: ${errors.map((e) => e.id).join(', ')}: ${await describe(await ticketsPerAlert())}`);
				}
				for (const e of errors) {
					const { data, createdAt } = await executionRecord(server.baseUrl, api, e.id);
					const message = String(data?.resultData?.error?.message ?? '');
					const stack = data?.executionData?.nodeExecutionStack ?? [];
					const ran = Object.keys(data?.resultData?.runData ?? {});
					if (!/failed to be processed too many times/.test(message) || stack.length || ran.length) {
						throw new Error(`execution ${e.id} is \`error\` but not a killed worker's stall as measured (error "${message.slice(0, 200)}", ${stack.length} node(s) waiting, run data of ${ran.join(', ') || 'no node'}): retry it and look`);
					}
					counts.stalled.push({ id: String(e.id), createdAt, startedAt: e.startedAt });
				}

			}
			counts.crashed = crashed.length;
			const retry = async (id) => {
				const res = await fetch(`${server.baseUrl}/api/v1/executions/${id}/retry`, { method: 'POST', headers: { 'X-N8N-API-KEY': api, 'content-type': 'application/json' }, body: '{}' });
				if (!res.ok) throw new Error(`retry of execution ${id}: ${res.status} ${(await res.text()).slice(0, 300)}`);
				return res.json();
			};
			for (const id of crashed) {
				await retry(id);
				counts.retried += 1;
			}
			// Retried too, as a user would: what a retry of a stall gives (the catch-up is what helps).
			for (const s of counts.stalled) {
				try {
					const again = await retry(s.id);
					const ran = again.id ? Object.keys((await executionRecord(server.baseUrl, api, again.id)).data?.resultData?.runData ?? {}) : [];
					s.retry = `${again.id ?? '?'} ${again.status ?? '?'}, ran ${ran.join(', ') || 'no node'}`;
				} catch (e) {
					s.retry = `refused: ${e.message.slice(0, 200)}`;
				}
			}
			await sleep(5000);
			const per = await ticketsPerAlert();
			const { lost, dup } = tally(per);
			counts.lost = lost.length;
			counts.lostIds = lost;
			counts.dup = dup.length;
			if (dup.length || (!cfg.queue && lost.length)) throw new Error(`${await describe(per)} (crashed executions retried: ${crashed.join(', ') || 'none'})`);
		});

		// Queue mode: the alerts of a killed worker's execution are no longer in n8n; they are still
		// in the SIEM. The catch-up a user runs: the alerts since the execution before the first
		// such one, through the example's own ticket step (same Idempotency Key), so the alerts
		// ticketed already are found and only the missing ones are ticketed.
		if (cfg.queue && retried) {
			await step(`crash ${name}: catch-up run (SIEM › Get Many Alerts since the execution before the first stall, then the example's Open a ticket): every alert has exactly one ticket`, async () => {
				// Its alerts came after the poll before it: go back to when the execution before the
				// first stall was created (a minute more for slack), or 5 minutes before the stall.
				if (!counts.stalled.length) throw new Error('no stalled execution to catch up after');
				const firstStall = Math.min(...counts.stalled.map((x) => Number(x.id)));
				const earlier = (await executionsOf(server.baseUrl, api, workflow.id)).map((e) => Number(e.id)).filter((id) => id < firstStall);
				const from = earlier.length
					? Date.parse((await executionRecord(server.baseUrl, api, Math.max(...earlier))).createdAt) - 60000
					: Date.parse(counts.stalled.find((x) => Number(x.id) === firstStall).createdAt) - 300000;
				if (!Number.isFinite(from)) throw new Error(`no creation time: ${JSON.stringify(counts.stalled)}`);
				const since = new Date(from).toISOString();
				counts.catchUpSince = since;
				const r = rest();
				await r.ownerLogin();
				const catchUp = catchUpWorkflow(workflow, since);
				const created = (await r.request('POST', '/workflows', catchUp)).data;
				const id = await startRestRun(r, { ...catchUp, id: created.id });
				const run = await waitForExecution(r, cfg.version, id, { timeoutMs: 180000 });
				if (run.status !== 'success') throw new Error(`catch-up execution ${id} ended ${run.status}: ${JSON.stringify(run.data?.resultData?.error ?? {}).slice(0, 400)}`);
				const out = run.data?.resultData?.runData?.[TICKET_NODE]?.[0]?.data?.main?.[0] ?? [];
				counts.catchUp = { alerts: out.length, created: out.filter((i) => i.json?.action === 'created').length, found: out.filter((i) => i.json?.action === 'found').length };
				const per = await ticketsPerAlert();
				const { lost, dup } = tally(per);
				counts.lostCatchUp = lost.length;
				counts.dupCatchUp = dup.length;
				if (lost.length || dup.length) throw new Error(`after the catch-up (since ${since}; ${JSON.stringify(counts.catchUp)}): ${await describe(per)}`);
			});
		}
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

/** One execution with its data (IRunExecutionData) and createdAt, through the public API (?includeData=true). */
async function executionRecord(baseUrl, key, id) {
	const res = await fetch(`${baseUrl}/api/v1/executions/${id}?includeData=true`, { headers: { 'X-N8N-API-KEY': key } });
	if (!res.ok) throw new Error(`GET /api/v1/executions/${id} → ${res.status}: ${(await res.text()).slice(0, 300)}`);
	const record = await res.json();
	return { ...record, data: typeof record.data === 'string' ? JSON.parse(record.data) : record.data };
}

/**
 * The catch-up a user runs after a worker died inside an execution (queue mode): Manual Trigger →
 * Synqly Connector, SIEM › Get Many Alerts (every alert at or after `since`, not simplified, as the
 * trigger emits them) → the example's own ticket step, unchanged (its Idempotency Key included).
 */
function catchUpWorkflow(example, since) {
	const trigger = example.nodes.find((n) => n.type.endsWith('.synqlyConnectorTrigger'));
	const ticket = example.nodes.find((n) => n.name === TICKET_NODE);
	if (!trigger || !ticket) throw new Error(`the example has no trigger or no "${TICKET_NODE}" node`);
	return {
		name: `Catch-up: SIEM alerts since ${since} → ticket`,
		nodes: [
			{ parameters: {}, id: 'c47c0000-0000-4000-8000-000000000001', name: 'Run manually', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] },
			{
				parameters: {
					authentication: 'integrationToken',
					resource: 'siem',
					operation: 'queryAlerts',
					returnAll: true,
					filters: { filter: [{ field: 'time', operator: 'gte', value: since }] },
					simplify: false,
					options: {},
				},
				id: 'c47c0000-0000-4000-8000-000000000002',
				name: 'SIEM alerts since',
				type: trigger.type.replace(/Trigger$/, ''),
				typeVersion: 1,
				position: [220, 0],
				credentials: trigger.credentials,
			},
			{ ...structuredClone(ticket), id: 'c47c0000-0000-4000-8000-000000000003', position: [440, 0] },
		],
		connections: {
			'Run manually': { main: [[{ node: 'SIEM alerts since', type: 'main', index: 0 }]] },
			'SIEM alerts since': { main: [[{ node: TICKET_NODE, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
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
	const configs = only ? CRASH_CONFIGS.filter((c) => only.includes(c.label)) : CRASH_CONFIGS;
	const results = [];
	// Staggered: n8n's start is CPU-heavy, and the machine is shared.
	await Promise.all(
		configs.map(async (cfg, i) => {
			await sleep(i * 20000);
			results[i] = await runConfig(cfg, { work, encryptionKey, step, verbose });
		}),
	);
	for (const r of results.filter(Boolean)) console.log(`# ${r.config}: kills: ${r.events.join('; ')}${r.catchUpSince ? `; catch-up since ${r.catchUpSince}` : ''}`);
	printTable(results.filter(Boolean));
	return results;
}

function printTable(rows) {
	console.log('# crash counts (lost and duplicated alerts; every alert should have exactly one ticket)');
	console.log('# | n8n | alerts | kills at the poll boundary | kills inside an execution (before, after the ticket) | lost without retry | duplicated without retry | crashed executions retried | lost after retry | duplicated after retry | executions a killed worker left without their alerts | lost after the catch-up | duplicated after the catch-up |');
	for (const r of rows) {
		const ids = (list) => (list?.length ? ` (${list.join(', ')})` : '');
		const catchUp = r.queue
			? `${r.stalled.length}${r.stalled.length ? ` (retried: ${r.stalled.map((x) => `${x.id} → ${x.retry ?? 'not retried'}`).join(', ')})` : ''} | ${r.lostCatchUp ?? '?'}${r.catchUp ? ` (catch-up: ${r.catchUp.alerts} alerts, ${r.catchUp.created} created, ${r.catchUp.found} found)` : ''} | ${r.dupCatchUp ?? '?'}`
			: '– | – | –';
		console.log(`# | ${r.config} | ${r.alerts} | ${r.boundaryKills} | ${r.kills - r.boundaryKills} | ${r.lostBefore}${ids(r.lostBeforeIds)} | ${r.dupBefore} | ${r.retried} of ${r.crashed} | ${r.lost}${ids(r.lostIds)} | ${r.dup} | ${catchUp} |`);
	}
}
