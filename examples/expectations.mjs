// Checks of the example workflows that examples/<name>.expect.json cannot express: one branch of
// an IF node (expect.json's "nodes" counts the items of all outputs together), values carried from
// one node's output into a later request, and what the sandbox holds after the run.
// Loaded by scripts/e2e-expect.mjs; each function throws (assert) to fail.
// ctx = { target, run, status, error, items(nodeName), output, requests, sandbox, assert }.

/** The items of one output of a node (0 = true, 1 = false for an IF), as JSON. */
function branch(run, nodeName, output) {
	const runs = run?.data?.resultData?.runData?.[nodeName];
	if (!runs?.length) return undefined;
	return (runs[runs.length - 1].data?.main?.[output] ?? []).map((item) => item.json);
}

/** `GET /__sandbox/state`: management objects and per-integration counts of connector writes. */
async function sandboxState(sandbox) {
	const res = await fetch(`${sandbox.url}/__sandbox/state`);
	if (!res.ok) throw new Error(`GET /__sandbox/state → ${res.status}`);
	return res.json();
}

const find = (requests, method, path) => requests.filter((r) => r.method === method && r.path === path);

export default {
	'provision-tenant': async ({ items, requests, sandbox, assert }) => {
		const [account] = items('Create or update account');
		const [integration] = items('Create or update SIEM integration');
		assert.equal(integration.account_id, account.id, 'the integration belongs to the account just created');
		// The Connector's locators came from the previous node by expression: the mint must name them.
		const mints = find(requests, 'POST', `/v1/tokens/${account.id}/${integration.id}`);
		assert.equal(mints.length, 1, `one mint for ${account.id}/${integration.id}`);
		// The event went out with an integration token that is neither saved credential's.
		const [post] = find(requests, 'POST', '/v1/siem/events');
		const token = post.headers.authorization.replace(/^Bearer /, '');
		assert.notEqual(token, sandbox.orgToken, 'events are not posted with the organization token');
		assert.notEqual(token, sandbox.integrationToken, 'events are not posted with the demo SIEM token');
		const state = await sandboxState(sandbox);
		assert.equal(state.accounts.filter((a) => a.name === 'acme-e2e').length, 1, 'exactly one acme-e2e account');
		assert.equal(state.integrations.filter((i) => i.name === 'acme-e2e-siem').length, 1, 'exactly one acme-e2e-siem integration');
		assert.equal(state.connector['acme-e2e-siem']?.posted?.siem_post_events, 1, 'the new integration received the event');
		assert.equal(state.connector['acme-siem']?.posted?.siem_post_events ?? 0, 0, 'the demo SIEM received nothing');
	},

	'fan-out-accounts': async ({ run, assert }) => {
		const kept = branch(run, 'SIEM integrations only', 0);
		const dropped = branch(run, 'SIEM integrations only', 1);
		assert.deepEqual(kept.map((i) => i.name), ['acme-siem'], 'true branch: the SIEM integration');
		assert.deepEqual(dropped.map((i) => i.name), ['acme-tickets'], 'false branch: the ticketing integration');
	},

	'siem-post-events': async ({ requests, sandbox, assert }) => {
		const posts = find(requests, 'POST', '/v1/siem/events');
		const uids = posts.flatMap((r) => r.body.map((e) => e.metadata.uid));
		assert.equal(uids.length, 250, '250 events in all requests together');
		assert.equal(new Set(uids).size, 250, 'no event sent twice');
		assert.deepEqual(uids, Array.from({ length: 250 }, (_, i) => `n8n-login-${i + 1}`), 'events in input order');
		const state = await sandboxState(sandbox);
		assert.equal(state.connector['acme-siem'].posted.siem_post_events, 250, 'the SIEM holds the 250 events');
	},

	'ticket-on-finding': async ({ run, items, sandbox, assert }) => {
		const open = branch(run, 'Unresolved alert found?', 0);
		const skipped = branch(run, 'Unresolved alert found?', 1);
		assert.equal(open.length, 4, 'four unresolved alerts go on');
		assert.ok(open.every((a) => a.status !== 'Resolved'), 'no resolved alert on the true branch');
		assert.deepEqual(skipped.map((a) => a.status), ['Resolved'], 'the resolved alert is dropped');
		// Each ticket carries its alert's title, and exists in the ticketing integration afterwards.
		const tickets = items('Open a ticket');
		assert.deepEqual(
			tickets.map((t) => t.summary),
			open.map((a) => `SIEM alert: ${a.finding_info.title}`),
			'ticket summaries are the alert titles',
		);
		for (const ticket of tickets) {
			const res = await fetch(`${sandbox.url}/v1/ticketing/tickets/${encodeURIComponent(ticket.id)}`, {
				headers: { authorization: 'Bearer synqly-sandbox-integration-token-acme-tickets' },
			});
			assert.equal(res.status, 200, `ticket ${ticket.id} exists in acme-tickets`);
		}
		const state = await sandboxState(sandbox);
		assert.equal(state.connector['acme-siem']?.tickets ?? 0, 0, 'no ticket landed in the SIEM integration');
	},

	'mint-integration-tokens': async ({ items, sandbox, assert }) => {
		const tokens = items('Token per integration');
		// Each minted token must work for its own integration's Connector API.
		for (const t of tokens) {
			const path = t.category === 'siem' ? '/v1/siem/alerts?limit=1' : '/v1/ticketing/tickets?limit=1';
			const res = await fetch(`${sandbox.url}${path}`, { headers: { authorization: `Bearer ${t.token}` } });
			assert.equal(res.status, 200, `the token minted for ${t.integration} works on ${path}`);
		}
		assert.notEqual(tokens[0].token, tokens[1].token, 'one token per integration');
	},
};
