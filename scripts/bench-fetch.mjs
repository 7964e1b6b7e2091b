// The floor of `npm run bench`: the same requests as the nodes send, from a plain `fetch` loop in
// its own Node process (the Node 24 that runs n8n). Also the one definition of the bench's inputs,
// which scripts/bench-n8n.mjs turns into Code node source, so n8n and the loop send the same data.
//
//   node scripts/bench-fetch.mjs '{"case":"gets","url":…,"token":…,"count":1000,"inflight":8}'
//   cases: gets {count, inflight, tolerant} | keyset {limit} | cursor {path, limit} | post {count, batch}
// Prints one JSON line: {ms, requests, items, bytes}: items read (for posts: answers), their JSON size.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

/** Ids of the accounts `POST /__sandbox/seed {accounts}` creates: acc_bulk-000001… */
export function accountIds(count) {
	return Array.from({ length: count }, (_, i) => `acc_bulk-${String(i + 1).padStart(6, '0')}`);
}

/** `count` OCSF 1.3 Authentication events (self-contained: it also runs as Code node source). */
export function ocsfEvents(count) {
	const events = [];
	for (let i = 0; i < count; i++) {
		events.push({
			class_uid: 3002,
			class_name: 'Authentication',
			category_uid: 3,
			activity_id: 1,
			type_uid: 300201,
			severity_id: 1,
			time: 1732838400000 + i,
			status_id: i % 10 === 0 ? 2 : 1,
			user: { name: `user-${i % 1000}` },
			src_endpoint: { ip: `10.1.${(i >> 8) & 255}.${i & 255}` },
			metadata: { uid: `bench-${i + 1}`, product: { name: 'bench', vendor_name: 'n8n-nodes-synqly' }, version: '1.3.0' },
		});
	}
	return events;
}

async function call(url, token, init = {}) {
	const res = await fetch(url, { ...init, headers: { accept: 'application/json', authorization: `Bearer ${token}`, ...init.headers } });
	const body = await res.json();
	if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url} → ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
	return body;
}

/** Runs `tasks` with at most `inflight` at once; results in task order. */
async function pool(tasks, inflight) {
	const results = new Array(tasks.length);
	let next = 0;
	const worker = async () => {
		while (next < tasks.length) {
			const i = next++;
			results[i] = await tasks[i]();
		}
	};
	await Promise.all(Array.from({ length: Math.min(inflight, tasks.length) }, worker));
	return results;
}

const cases = {
	async gets({ url, token, count, inflight = 1, tolerant = false }) {
		const ids = accountIds(count);
		const start = performance.now();
		// tolerant: a refused request is an item failed (counted), not the end of the loop.
		const get = (id) => call(`${url}/v1/accounts/${encodeURIComponent(id)}`, token).then((b) => b.result, (e) => (tolerant ? { failed: String(e.message) } : Promise.reject(e)));
		const items = await pool(ids.map((id) => () => get(id)), inflight);
		const failed = items.filter((i) => i?.failed !== undefined).length;
		return { ms: performance.now() - start, requests: ids.length, items, failed };
	},
	async keyset({ url, token, limit }) {
		const start = performance.now();
		const items = [];
		let requests = 0;
		for (let after; ; ) {
			const qs = new URLSearchParams({ limit: String(limit), ...(after === undefined ? {} : { start_after: after }) });
			const page = (await call(`${url}/v1/accounts?${qs}`, token)).result;
			requests++;
			for (const item of page) items.push(item);
			if (page.length < limit) break;
			after = page[page.length - 1].name;
		}
		return { ms: performance.now() - start, requests, items };
	},
	async cursor({ url, token, path, limit }) {
		const start = performance.now();
		const items = [];
		let requests = 0;
		for (let cursor = ''; ; ) {
			const qs = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
			const body = await call(`${url}${path}?${qs}`, token);
			requests++;
			for (const item of body.result) items.push(item);
			if (!body.cursor || body.cursor === cursor || body.result.length === 0) break;
			cursor = body.cursor;
		}
		return { ms: performance.now() - start, requests, items };
	},
	async post({ url, token, count, batch, inflight = 1 }) {
		const events = ocsfEvents(count);
		const start = performance.now();
		const batches = [];
		for (let i = 0; i < events.length; i += batch) batches.push(events.slice(i, i + batch));
		const send = (b) => () =>
			call(`${url}/v1/siem/events`, token, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) });
		const answers = await pool(batches.map(send), inflight);
		return { ms: performance.now() - start, requests: batches.length, items: answers };
	},
};

async function main() {
	const args = JSON.parse(process.argv[2]);
	const run = cases[args.case];
	if (!run) throw new Error(`unknown case ${args.case}; use ${Object.keys(cases).join(', ')}`);
	const { ms, requests, items, failed = 0 } = await run(args);
	process.stdout.write(`${JSON.stringify({ ms, requests, items: items.length, errors: failed, bytes: Buffer.byteLength(JSON.stringify(items)) })}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	main().catch((e) => {
		console.error(e.stack ?? String(e));
		process.exit(1);
	});
}
