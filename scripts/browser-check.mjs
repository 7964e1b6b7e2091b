#!/usr/bin/env node
// The editor as a person sees it, in Debian's Chromium driven by playwright-core: log in, find the
// Synqly nodes in the node panel (names, descriptions, aliases; under triggers and actions), see
// which credential n8n pre-picks for a new Synqly Connector, read each node's Docs link and each
// credential's docs link (a page of docs/, no #anchor), open Synqly Management and read its Resource/Operation lists,
// run one step in the editor, find a not-yet-run node's output fields in the schema view (from the
// shipped __schema__ files; no /schemas/ request may answer 404), see the editor get a not-yet-run
// trigger's output schema (`/schemas/<type>/1.0.0.json`), open the Connector form
// (screenshots/connector-form.png, for docs/synqly-connector.md), press the triggers' "Fetch Test Event" and
// "Execute step" (listening for a test event) against the sandbox, run a step with a Base URL ending
// in /v1 (the message names the Base URL and the fix), retest each sandbox credential,
// and take canvas screenshots of the examples (screenshots/examples/<name>.png, for the README and docs/).
// On n8n 1.x only the Connector form (screenshots/connector-form-n8n1.png) with its pre-picked
// credential, the docs links and the trigger buttons.
//
//   node scripts/browser-check.mjs                       # own sandbox + n8n 2.41.1, then the checks
//   node scripts/browser-check.mjs --n8n 1.123.81        # own sandbox + n8n 1.123.81
//   node scripts/browser-check.mjs --url http://127.0.0.1:5678 [--n8n 1.123.81] [--email E --password P]
// Also run by `npm run test:e2e` (target "browser").
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
	CREDENTIALS,
	DOCS_BASE,
	N8nRest,
	PRE_PICKED,
	OWNER,
	REPO,
	ensureApt,
	loadExamples,
	log,
	readPackageJson,
	startInstance,
	startSandbox,
	stopAll,
} from './n8n-env.mjs';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = join(REPO, 'screenshots');
const playwright = createRequire(join(REPO, 'package.json'))('playwright-core');

/** What each credential's test reads (both are the nodes' `testedBy` functions, nodes/shared/editor/credentialTest.ts). */
const CREDENTIAL_TEST_PATHS = { synqlyOrganizationApi: '/v1/organization', synqlyIntegrationApi: '/v1/integration-webhooks' };

/** Display names of the package's nodes and credentials, read from the built classes. */
function packageDisplayNames() {
	const pkg = readPackageJson();
	const req = createRequire(join(REPO, 'package.json'));
	const names = (files) =>
		files.flatMap((file) =>
			Object.values(req(join(REPO, file)))
				.filter((C) => typeof C === 'function')
				.map((C) => {
					const inst = new C();
					return {
						name: inst.description?.name ?? inst.name,
						displayName: inst.description?.displayName ?? inst.displayName,
						description: inst.description?.description,
						testPath: CREDENTIAL_TEST_PATHS[inst.name],
					};
				}),
		);
	return { nodes: names(pkg.n8n.nodes), credentials: names(pkg.n8n.credentials) };
}

/**
 * A trigger that has not run, before a node that is not one of n8n's core nodes: opening that node
 * makes the editor ask for the trigger's output schema. A trigger has no Resource or Operation, so
 * the URL is `/schemas/<nodeType>/1.0.0.json` (n8n serves `__schema__/v1.0.0.json` beside the
 * node); it must answer 200 with the record fields. n8n 2.x lists no fields of a trigger in the
 * schema view itself ("Trigger nodes do not have schema previews" in its editor), so the answer is
 * what is checked.
 */
async function checkTriggerSchema({ ui, page, baseUrl, owner, trigger, connector }) {
	await ui(`${trigger.displayName} that has not run: the next node's input gets the trigger's output schema`, 'trigger-schema.png', async () => {
		const pkg = readPackageJson().name;
		const wanted = `/schemas/${pkg}.${trigger.name}/1.0.0.json`;
		const rest = new N8nRest(baseUrl);
		await rest.ownerLogin(owner);
		const { data } = await rest.request('POST', '/workflows', {
			name: 'Trigger schema check',
			nodes: [
				{ id: 't1', name: 'New SIEM alerts', type: `${pkg}.${trigger.name}`, typeVersion: 1, position: [0, 0], parameters: { source: 'siem:queryAlerts:time' } },
				{ id: 't2', name: 'Next', type: `${pkg}.${connector.name}`, typeVersion: 1, position: [250, 0], parameters: { resource: 'siem', operation: 'queryAlerts' } },
			],
			connections: { 'New SIEM alerts': { main: [[{ node: 'Next', type: 'main', index: 0 }]] } },
			settings: {},
		});
		const answered = page.waitForResponse((r) => new URL(r.url()).pathname === wanted);
		await page.goto(`${baseUrl}/workflow/${data.id}`);
		await page.getByTestId('canvas-node').filter({ hasText: 'Next' }).first().dblclick();
		await page.getByTestId('ndv-input-panel').waitFor();
		const answer = await answered;
		if (answer.status() !== 200) throw new Error(`${wanted} answered ${answer.status()}`);
		// Fields of a SIEM alert (OCSF Detection Finding), in the schema that covers every Source.
		const fields = Object.keys((await answer.json()).properties ?? {});
		const missing = ['time', 'severity_id', 'finding_info'].filter((f) => !fields.includes(f));
		if (missing.length) throw new Error(`${wanted} lacks ${missing.join(', ')}`);
	});
}

function localReporter() {
	const counts = { passed: 0, failed: 0 };
	const check = (name, failures, ms) => {
		const time = ms === undefined ? '' : ` (${(ms / 1000).toFixed(1)} s)`;
		if (!failures.length) counts.passed++;
		else counts.failed++;
		console.log(`${failures.length ? 'FAIL' : 'ok  '}  ${name}${time}`);
		for (const f of failures) console.log(String(f).replace(/^/gm, '      '));
		return !failures.length;
	};
	const step = async (name, fn) => {
		const t = Date.now();
		try {
			const v = await fn();
			check(name, [], Date.now() - t);
			return v ?? true;
		} catch (e) {
			check(name, [e.message], Date.now() - t);
			return undefined;
		}
	};
	return { check, step, counts };
}

export async function runBrowserCheck({ baseUrl, version = '2.41.1', owner = OWNER, examples = [], sandbox, credentials = sandbox ? [CREDENTIALS.organization, CREDENTIALS.integration, CREDENTIALS.ticketing] : [], check, step } = {}) {
	if (!check || !step) ({ check, step } = localReporter());
	if (!existsSync(CHROMIUM)) ensureApt(['chromium']);
	const { chromium, selectors } = playwright;
	selectors.setTestIdAttribute('data-test-id');
	mkdirSync(join(SCREENSHOTS, 'examples'), { recursive: true });
	// A pass on n8n 1.x names its steps and files apart, so they do not replace the 2.x pass's.
	const n8n1 = version.startsWith('1.');
	const label = n8n1 ? `browser ${version}` : 'browser';
	const failurePrefix = n8n1 ? 'failure-n8n1-' : 'failure-';
	// Failure screenshots of an earlier run would read as this run's.
	for (const f of readdirSync(SCREENSHOTS)) if (f.startsWith(failurePrefix)) rmSync(join(SCREENSHOTS, f));
	const profile = mkdtempSync(join(tmpdir(), 'synqly-chromium-'));
	const ctx = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		viewport: { width: 1400, height: 900 },
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	// The editor loads hundreds of modules; on 2 cores a first paint can take half a minute.
	ctx.setDefaultTimeout(60000);
	const page = ctx.pages()[0] ?? (await ctx.newPage());
	// Leaving a changed workflow asks "Leave site?": leave (a check never saves on its way out).
	page.on('dialog', (dialog) => (dialog.type() === 'beforeunload' ? dialog.accept() : dialog.dismiss()));
	const { nodes, credentials: credentialTypes } = packageDisplayNames();

	/** A step that keeps a screenshot: always on success when `shot` is given, and on failure. */
	const ui = (name, shot, fn) =>
		step(`${label}: ${name}`, async () => {
			try {
				const value = await fn();
				if (shot) await page.screenshot({ path: join(SCREENSHOTS, n8n1 ? shot.replace(/\.png$/, '-n8n1.png') : shot) });
				return value;
			} catch (e) {
				const file = join(SCREENSHOTS, `${failurePrefix}${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
				await page.screenshot({ path: file }).catch(() => {});
				throw new Error(`${e.message.split('\n')[0]}\nscreenshot: ${file}`);
			}
		});

	const optionsOf = async (testId) => {
		await page.getByTestId(testId).click();
		const options = page.locator('.el-select-dropdown__item:visible');
		await options.first().waitFor();
		const texts = (await options.allInnerTexts()).map((t) => t.split('\n')[0].trim());
		await page.keyboard.press('Escape');
		// A closing list stays visible for a moment; the next dropdown must not read its items.
		await options.first().waitFor({ state: 'hidden' });
		return texts;
	};

	// Every output schema the editor asks for (`/schemas/<nodeType>/<version>/<resource>/<operation>.json`).
	const schemaAnswers = [];
	page.on('response', (r) => {
		if (new URL(r.url()).pathname.startsWith('/schemas/')) schemaAnswers.push({ url: r.url(), status: r.status() });
	});

	const openNewCanvas = async () => {
		await page.goto(`${baseUrl}/workflow/new`);
		await page.getByTestId('canvas-plus-button').waitFor();
	};

	/** A new canvas with one node, picked as a user does: node panel, search, the node, one of its actions. */
	const addNode = async (displayName, action) => {
		await openNewCanvas();
		await page.getByTestId('canvas-plus-button').click();
		await page.getByTestId('node-creator-search-bar').fill('Synqly');
		await page.getByTestId('node-creator-item-name').filter({ hasText: displayName }).first().click();
		// A node with triggers opens on an empty canvas with its triggers shown and "Actions (n)" folded.
		const target = page.getByTestId('node-creator-item-name').filter({ hasText: action });
		const actions = page.getByTestId('node-creator').getByText(/^\s*Actions \(\d+\)\s*$/).first();
		await target.or(actions).first().waitFor();
		if (!(await target.isVisible().catch(() => false))) await actions.click();
		await target.click();
		await page.getByTestId('ndv').waitFor();
	};

	try {
		const loggedIn = await ui('log in to the editor', 'login.png', async () => {
			await page.goto(`${baseUrl}/signin`);
			await page.locator('input[name="emailOrLdapLoginId"]').fill(owner.email);
			await page.locator('input[name="password"]').fill(owner.password);
			await page.getByTestId('form-submit-button').click();
			await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
			// 2.x's sidebar has a settings entry with a test id; 1.x's has its user menu.
			await page.getByTestId('main-sidebar-settings').or(page.getByTestId('main-sidebar-user-menu')).first().waitFor();
		});
		if (!loggedIn) return;
		const b = { page, baseUrl, version, owner, sandbox, examples, credentials, nodes, credentialTypes, ui };
		// On 1.x: what docs/synqly-connector.md says of 1.x (the Connector form) and the trigger buttons of issue 15.
		if (n8n1) {
			await connectorFormCheck(b);
			await docsLinksCheck(b);
			await triggerTestEventChecks(b);
			return;
		}

		// The node panel folds "X Trigger" into X's entry when X is a node (n8n-editor-ui's
		// generateMergedNodesAndActions: the trigger's name without "Trigger"), and shows that entry with
		// the trigger's description in both panels; a trigger that folds into nothing would be listed
		// alone as "Synqly". Every Synqly trigger folds, so both panels list the action nodes only.
		const names = nodes.map((n) => n.displayName);
		const expected = names.filter((name) => !(name.endsWith(' Trigger') && names.includes(name.slice(0, -' Trigger'.length))));
		const descriptionOf = (displayName) => nodes.find((n) => n.displayName === `${displayName} Trigger`)?.description ?? nodes.find((n) => n.displayName === displayName)?.description;
		/** The node panel's entries for `search`: [name, description] each. */
		const panelEntries = async (search) => {
			await page.getByTestId('node-creator-search-bar').fill(search);
			await page.getByTestId('node-creator-item-name').first().waitFor({ timeout: 15000 }).catch(() => {});
			await page.waitForTimeout(1000);
			// Each entry's name, and the description beside it (the nearest enclosing element that has one).
			return await page.getByTestId('node-creator').evaluate((root) =>
				[...root.querySelectorAll('[data-test-id="node-creator-item-name"]')].map((nameEl) => {
					let el = nameEl.parentElement;
					while (el && el !== root && !el.querySelector('[data-test-id="node-creator-item-description"]')) el = el.parentElement;
					const description = el && el !== root ? el.querySelector('[data-test-id="node-creator-item-description"]')?.textContent ?? '' : '';
					return [nameEl.textContent.replace(/\s+/g, ' ').trim(), description.replace(/\s+/g, ' ').trim()];
				}),
			);
		};
		/** The Synqly entries of a panel, each with the description its trigger gives it; problems otherwise. */
		const expectSynqlyEntries = (panel, search, entries, wanted) => {
			const synqly = entries.filter(([name]) => /^Synqly\b/.test(name));
			log(`${panel}, search "${search}": ${synqly.map(([name, description]) => `${name} — ${description}`).join(' | ') || '(no Synqly entry)'}`);
			const problems = [];
			for (const name of wanted) {
				const entry = synqly.find(([n]) => n === name);
				if (!entry) problems.push(`${panel} "${search}": no "${name}" (found ${synqly.map(([n]) => n).join(', ') || 'none'})`);
				else if (entry[1] !== descriptionOf(name)) problems.push(`${panel} "${search}": "${name}" reads "${entry[1]}", not "${descriptionOf(name)}"`);
			}
			const stray = synqly.filter(([n]) => !expected.includes(n));
			if (stray.length) problems.push(`${panel} "${search}": entries that are no node of the package: ${stray.map(([n]) => n).join(', ')}`);
			return problems;
		};
		const searches = [
			['Synqly', expected],
			['SIEM', ['Synqly Connector']],
			['ticket', ['Synqly Connector']],
		];
		await ui(`node panel, triggers: searches ${searches.map(([q]) => `"${q}"`).join(', ')} list ${expected.join(', ')} with descriptions for actions and triggers`, 'node-panel.png', async () => {
			await openNewCanvas();
			await page.getByTestId('canvas-plus-button').click();
			const problems = [];
			for (const [search, wanted] of searches.slice(1)) problems.push(...expectSynqlyEntries('triggers', search, await panelEntries(search), wanted));
			// The screenshot (docs/images/node-panel-after.png) shows the "Synqly" search.
			problems.push(...expectSynqlyEntries('triggers', 'Synqly', await panelEntries('Synqly'), expected));
			await page.screenshot({ path: join(REPO, 'docs', 'images', 'node-panel-after.png') });
			// Synqly Management's entry has its trigger now (it said "No Synqly Management Triggers available").
			const managementName = expected.find((n) => n === 'Synqly Management');
			if (managementName) {
				await page.getByTestId('node-creator-item-name').filter({ hasText: new RegExp(`^\\s*${managementName}\\s*$`) }).first().click();
				const panel = page.getByTestId('node-creator');
				await panel.getByText(/^\s*On account create\s*$/).first().waitFor({ timeout: 15000 }).catch(() => {});
				const text = await panel.innerText();
				if (/No Synqly Management Triggers available/i.test(text)) problems.push('Synqly Management still says "No Synqly Management Triggers available"');
				const triggers = text.split('\n').map((t) => t.trim()).filter((t) => /^On /.test(t));
				log(`triggers of Synqly Management: ${triggers.join(' | ')}`);
				if (triggers.length === 0) problems.push('Synqly Management lists no trigger');
				await page.screenshot({ path: join(SCREENSHOTS, 'node-panel-management-triggers.png') });
			}
			if (problems.length) throw new Error(problems.join('; '));
		});
		await ui('node panel, "What happens next?": the Synqly entries read the same after a trigger', 'node-panel-actions.png', async () => {
			const rest = new N8nRest(baseUrl);
			await rest.ownerLogin(owner);
			const { data } = await rest.request('POST', '/workflows', {
				name: 'Node panel check',
				nodes: [{ id: 'p1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }],
				connections: {},
				settings: {},
			});
			await page.goto(`${baseUrl}/workflow/${data.id}`);
			await page.getByTestId('canvas-node').first().waitFor();
			await page.getByTestId('canvas-handle-plus').first().click();
			await page.getByTestId('node-creator-search-bar').waitFor();
			const problems = [];
			for (const [search, wanted] of searches) problems.push(...expectSynqlyEntries('actions', search, await panelEntries(search), wanted));
			await panelEntries('Synqly');
			if (problems.length) throw new Error(problems.join('; '));
		});

		// issue 23: n8n pre-picked the SIEM integration's credential for a new Ticketing › Create a ticket.
		const newConnector = nodes.find((n) => n.name === 'synqlyConnector');
		if (newConnector && sandbox) {
			const actions = [
				['Ticketing', 'Create a ticket'],
				['SIEM', 'Get many SIEM alerts'],
			];
			await ui(`a Synqly Connector added from the node panel (${actions.map(([r, a]) => `${r} › ${a}`).join(', ')}) gets n8n's pre-pick, the most recently updated Synqly credential; of the sandbox's that is "${PRE_PICKED.name}"`, 'connector-pre-pick.png', async () => {
				const problems = [];
				for (const [resource, action] of actions) {
					await addNode(newConnector.displayName, new RegExp(`^\\s*${action}\\s*$`));
					const picked = await pickedCredential(page.getByTestId('ndv').getByTestId('node-credentials-select').first());
					problems.push(...(await prePickProblems(b, `a new Synqly Connector, ${resource}`, picked)));
				}
				if (problems.length) throw new Error(problems.join('; '));
			});
		}
		await docsLinksCheck(b);

		const management = nodes.find((n) => n.name === 'synqlyManagement');
		if (management) {
			await ui('Synqly Management: Resource lists Account, Operation lists Create', 'synqly-management-node.png', async () => {
				await addNode(management.displayName, /^Get many accounts$/);
				const resources = await optionsOf('parameter-input-resource');
				const operations = await optionsOf('parameter-input-operation');
				const problems = [];
				if (!resources.includes('Account')) problems.push(`Resource options: ${resources.join(', ')}`);
				if (!operations.includes('Create') || !operations.includes('Get Many')) problems.push(`Operation options: ${operations.join(', ')}`);
				if (problems.length) throw new Error(problems.join('; '));
				log(`${resources.length} resources; account operations: ${operations.join(', ')}`);
			});
			if (sandbox) {
				await ui('Execute step (Account › Get Many) shows the sandbox accounts', 'synqly-management-execute-step.png', async () => {
					await sandbox.reset();
					await page.getByTestId('node-execute-button').click();
					// The demo seed's account ids start with acc_; the panel renders them in a table cell.
					await page.getByTestId('output-panel').getByText(/^acc_/).first().waitFor();
					const calls = (await sandbox.requests()).filter((r) => r.method === 'GET' && r.path === '/v1/accounts');
					if (!calls.length) throw new Error('the sandbox saw no GET /v1/accounts');
				});
			}
		}

		if (management) {
			await ui('a Synqly node that has not run: the next node\'s input schema view shows its output fields', 'schema-preview.png', async () => {
				// Manual Trigger → Synqly Management (Account › Get Many), never executed → No Operation.
				const nodeType = `${readPackageJson().name}.${management.name}`;
				const workflow = {
					name: 'Schema preview check',
					nodes: [
						{ id: 'a1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
						{
							id: 'a2',
							name: 'Accounts',
							type: nodeType,
							typeVersion: 1,
							position: [250, 0],
							parameters: { resource: 'account', operation: 'getAll' },
							credentials: { [CREDENTIALS.organization.type]: { id: CREDENTIALS.organization.id, name: CREDENTIALS.organization.name } },
						},
						{ id: 'a3', name: 'Next', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [500, 0], parameters: {} },
					],
					connections: {
						Start: { main: [[{ node: 'Accounts', type: 'main', index: 0 }]] },
						Accounts: { main: [[{ node: 'Next', type: 'main', index: 0 }]] },
					},
					settings: {},
				};
				// Created over REST with its own login (the page's cookie is bound to the browser's id).
				const rest = new N8nRest(baseUrl);
				await rest.ownerLogin(owner);
				const created = await rest.request('POST', '/workflows', workflow);
				const { data } = created;
				await page.goto(`${baseUrl}/workflow/${data.id}`);
				await page.getByTestId('canvas-node').filter({ hasText: 'Next' }).first().dblclick();
				const input = page.getByTestId('ndv-input-panel');
				await input.waitFor();
				const schemaMode = input.getByTestId('radio-button-schema');
				if (await schemaMode.isVisible().catch(() => false)) await schemaMode.click();
				// Fields of an Account (account/getAll.json), shown although Accounts never ran.
				for (const field of ['fullname', 'organization_id']) await input.getByText(field, { exact: true }).first().waitFor();
				const wanted = `/schemas/${nodeType}/1.0.0/account/getAll.json`;
				if (!schemaAnswers.some((a) => a.url.endsWith(wanted) && a.status === 200)) {
					throw new Error(`no 200 for ${wanted}; schema requests: ${JSON.stringify(schemaAnswers)}`);
				}
			});
		}

		if (management && sandbox) {
			// issue 23: with …/v1 as Base URL a run said "could not find account" (it sent to /v1/v1/…).
			await ui('a credential whose Base URL ends in /v1: Execute step names the Base URL and the fix, and sends nothing', 'base-url-v1.png', async () => {
				const rest = new N8nRest(baseUrl);
				await rest.ownerLogin(owner);
				const wrongBaseUrl = `${sandbox.url}/v1`;
				const credential = await rest.request('POST', '/credentials', {
					name: 'Synqly Organization (Base URL ending in /v1)',
					type: CREDENTIALS.organization.type,
					data: { accessToken: sandbox.orgToken, baseUrl: wrongBaseUrl },
				});
				const nodeType = `${readPackageJson().name}.${management.name}`;
				const { data } = await rest.request('POST', '/workflows', {
					name: 'Base URL ending in /v1',
					nodes: [
						{ id: 'v1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
						{
							id: 'v2',
							name: 'Get account',
							type: nodeType,
							typeVersion: 1,
							position: [250, 0],
							parameters: { resource: 'account', operation: 'get', accountId: { __rl: true, mode: 'id', value: 'acme' } },
							credentials: { [CREDENTIALS.organization.type]: { id: credential.data.id, name: credential.data.name } },
						},
					],
					connections: { Start: { main: [[{ node: 'Get account', type: 'main', index: 0 }]] } },
					settings: {},
				});
				try {
					await sandbox.reset();
					await page.goto(`${baseUrl}/workflow/${data.id}`);
					await page.getByTestId('canvas-node').filter({ hasText: 'Get account' }).first().dblclick();
					await page.getByTestId('node-execute-button').click();
					const output = page.getByTestId('output-panel');
					await output.getByText(`"${wrongBaseUrl}" ends in /v1`, { exact: false }).first().waitFor();
					await output.getByText(`use "${sandbox.url}" instead`, { exact: false }).first().waitFor();
					const sent = (await sandbox.requests()).filter((r) => r.path.startsWith('/v1/'));
					if (sent.length) throw new Error(`sent ${sent.map((r) => `${r.method} ${r.path}`).join(', ')}`);
					log(`Base URL ${wrongBaseUrl}: "${(await output.innerText()).split('\n').find((l) => l.includes('ends in /v1'))?.trim()}"`);
				} finally {
					// Now the most recently updated credential, it would be n8n's pre-pick for the Connector form check.
					await rest.request('DELETE', `/credentials/${credential.data.id}`);
				}
			});
		}

		const connector = nodes.find((n) => n.name === 'synqlyConnector');
		const connectorTrigger = nodes.find((n) => n.name === 'synqlyConnectorTrigger');
		if (connector && connectorTrigger) await checkTriggerSchema({ ui, page, baseUrl, owner, trigger: connectorTrigger, connector });

		await connectorFormCheck(b);
		await triggerTestEventChecks(b);

		/** Opens a credential's dialog; returns the dialog and its Retry button. */
		const openCredential = async (cred, typeName) => {
			await page.goto(`${baseUrl}/home/credentials`);
			await page.getByTestId('resources-list-item').filter({ hasText: cred.name }).getByTestId('card-content').click();
			const dialog = page.getByTestId('editCredential-modal');
			await dialog.getByText(typeName).first().waitFor();
			// The dialog tests a saved credential when it opens; its button reads "Retrying" until that
			// test is answered. A fault set before then would be taken by that test, not by Retry.
			const retry = dialog.getByRole('button', { name: 'Retry', exact: true });
			await retry.waitFor();
			return { dialog, retry };
		};

		// Wrong set-ups the sandbox fakes for one request: real n8n must fail the test with the
		// credential's own message (its rules read the body type and the Problem status).
		const wrongSetups = [
			{ what: 'an HTML page (200)', fault: { status: 200, contentType: 'text/html', body: '<!DOCTYPE html><html><body>Welcome</body></html>' }, words: "not as Synqly's API does" },
			{ what: "Synqly's 404 Problem", fault: { status: 404 }, words: 'No Synqly API at this Base URL (HTTP 404' },
		];

		for (const cred of credentials) {
			const type = credentialTypes.find((c) => c.name === cred.type);
			const typeName = type?.displayName ?? cred.type;
			await ui(`credential "${cred.name}" (${typeName}): Retry says "Connection tested successfully"`, `credential-${cred.type}.png`, async () => {
				const { dialog, retry } = await openCredential(cred, typeName);
				const before = sandbox ? (await sandbox.requests()).length : 0;
				await retry.click();
				// The old result stays on screen while the button reads "Retrying"; wait for the new one.
				await dialog.getByRole('button', { name: 'Retry', exact: true }).waitFor();
				await dialog.getByTestId('credentials-config-container-test-success').getByText('Connection tested successfully').waitFor();
				if (sandbox) {
					const fresh = (await sandbox.requests()).slice(before);
					const auth = fresh.filter((r) => r.headers?.authorization?.startsWith('Bearer '));
					if (!auth.length) throw new Error('the retry sent no authenticated request to the sandbox');
				}
				await page.keyboard.press('Escape');
			});
			if (!sandbox || !type?.testPath) continue;
			for (const setup of wrongSetups) {
				await ui(`credential "${cred.name}": a Base URL answering ${setup.what} fails the test, saying "${setup.words}"`, undefined, async () => {
					const { dialog, retry } = await openCredential(cred, typeName);
					const res = await fetch(`${sandbox.url}/__sandbox/fault`, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify({ ...setup.fault, method: 'GET', path: type.testPath, times: 1 }),
					});
					if (!res.ok) throw new Error(`POST /__sandbox/fault → ${res.status}`);
					await retry.click();
					await dialog.getByText('Couldn’t connect with these settings').waitFor();
					const more = dialog.getByText('More details');
					if (await more.isVisible()) await more.click();
					await dialog.getByText(setup.words, { exact: false }).first().waitFor();
					await page.keyboard.press('Escape');
				});
			}
		}

		await step('browser: no /schemas/ request of the editor answered 404', async () => {
			const missing = schemaAnswers.filter((a) => a.status === 404);
			if (missing.length) throw new Error(missing.map((a) => a.url).join('\n'));
			if (!schemaAnswers.length) throw new Error('the editor asked for no output schema');
		});

		for (const ex of examples) {
			await ui(`canvas screenshot of example "${ex.name}"`, undefined, async () => {
				await page.goto(`${baseUrl}/workflow/${ex.workflow.id}`);
				await page.getByTestId('canvas-node').first().waitFor();
				await page.getByTestId('zoom-to-fit').click();
				await page.waitForTimeout(600);
				const file = join(SCREENSHOTS, 'examples', `${ex.name}.png`);
				await page.screenshot({ path: file });
				return file;
			});
		}
	} finally {
		await ctx.close().catch(() => {});
		rmSync(profile, { recursive: true, force: true });
	}
}

/** Polls `fn` until it returns a truthy value; fails with `what` after `timeoutMs`. */
async function until(what, fn, timeoutMs = 30000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await fn();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`${what}: not after ${timeoutMs / 1000} s`);
		await new Promise((r) => setTimeout(r, 300));
	}
}

/** Saves a workflow over REST (its own login: the page's cookie is bound to the browser's id); resolves with its id. */
async function saveWorkflow({ baseUrl, owner }, workflow) {
	const rest = new N8nRest(baseUrl);
	await rest.ownerLogin(owner);
	// 1.x stores `active` as given and has no default for it.
	const { data } = await rest.request('POST', '/workflows', { active: false, ...workflow });
	return data.id;
}

/** Opens a saved workflow and the node panel (NDV) of one of its nodes. */
async function openNode({ page, baseUrl }, workflowId, nodeName) {
	await page.goto(`${baseUrl}/workflow/${workflowId}`);
	await page.getByTestId('canvas-node').filter({ hasText: nodeName }).first().dblclick();
	const ndv = page.getByTestId('ndv');
	await ndv.waitFor();
	return ndv;
}

/**
 * The labels of the form's top-level fields, in screen order: each field's `label.n8n-input-label`
 * (the credential picker's label and the fields inside a collection are left out). A required
 * field's label ends in "*"; it is dropped.
 */
async function formLabels(ndv) {
	return await ndv
		.getByTestId('node-parameters')
		.locator('label.n8n-input-label')
		.evaluateAll((labels) =>
			labels
				.filter((label) => {
					const item = label.closest('[data-test-id="parameter-item"]');
					return item && !item.parentElement.closest('[data-test-id="parameter-item"]') && !label.closest('[data-test-id="credentials-label"]') && label.checkVisibility();
				})
				.map((label) => label.innerText.split('\n')[0].replace(/\*\s*$/, '').trim()),
		);
}

/** Switches a run-data panel to its JSON view, where nested fields read as text. */
async function jsonView(panel) {
	const json = panel.getByTestId('radio-button-json');
	await json.waitFor();
	await json.click();
}

/**
 * The problems of a docs link as n8n rendered it (`href`), which must open `page` (a file of this
 * repository, under DOCS_BASE) and no section of it: n8n appends `?utm_source=…` to a node's codex
 * URL (`query`), so a `#section` before it would swallow the query and match no section; a
 * credential's URL it opens as given. Nothing is loaded (no network here): the file must exist.
 */
function docsLinkProblems(what, href, page, { query }) {
	if (!href) return [`${what}: no docs link`];
	let url;
	try {
		url = new URL(href);
	} catch {
		return [`${what}: "${href}" is no URL`];
	}
	const problems = [];
	// An anchor before n8n's query takes the query in: "#section?utm_source=…" names no section.
	if (url.hash) problems.push(`${what}: ${href} has a #anchor${query && !url.search ? ` before n8n's query ("${url.hash}" names no section: the page opens at its top)` : ''}`);
	if (query && url.searchParams.get('utm_source') !== 'n8n_app') problems.push(`${what}: ${href} does not end in n8n's ?utm_source=… query`);
	const wanted = `${DOCS_BASE}${page}`;
	if (`${url.origin}${url.pathname}` !== wanted) problems.push(`${what}: ${href} is not ${wanted}`);
	if (!existsSync(join(REPO, page))) problems.push(`${what}: ${page} is not a file of this repository`);
	return problems;
}

/** A node's page in docs/: its display name in lower case, words joined by "-" ("Synqly Connector Trigger" → docs/synqly-connector-trigger.md). */
const nodeDocsPage = (displayName) => `docs/${displayName.toLowerCase().replace(/\s+/g, '-')}.md`;

/**
 * The docs links n8n renders, on 2.x and 1.x alike: each Synqly node's "Docs" link in its panel
 * (NDV; n8n builds it from the codex's primaryDocumentation plus `?utm_source=…`) opens the node's
 * page in docs/, and each credential type's link in the credential dialog ("Read our docs" on 2.x,
 * "Open docs" on 1.x; as given) opens docs/credentials.md, none with a #anchor.
 */
async function docsLinksCheck(b) {
	const { page, nodes, credentials, credentialTypes, ui, baseUrl } = b;
	await ui(`docs links: each Synqly node's Docs link opens its page in docs/ (n8n's ?utm_source=… intact) and each credential's docs link docs/credentials.md, no #anchor; the pages exist`, undefined, async () => {
		const pkg = readPackageJson().name;
		const nodeName = (i) => `Docs link ${i + 1}`;
		const id = await saveWorkflow(b, {
			name: 'Docs links check',
			nodes: nodes.map((n, i) => ({ id: `d${i}`, name: nodeName(i), type: `${pkg}.${n.name}`, typeVersion: 1, position: [i * 250, 0], parameters: {} })),
			connections: {},
			settings: {},
		});
		const problems = [];
		await page.goto(`${baseUrl}/workflow/${id}`);
		for (const [i, node] of nodes.entries()) {
			await page.getByTestId('canvas-node').filter({ hasText: nodeName(i) }).first().dblclick();
			const ndv = page.getByTestId('ndv');
			await ndv.waitFor();
			// 2.41.1: a "Docs" link in the panel's header; 1.123.81: the "Docs" tab (test id tab-docs) beside Parameters and Settings.
			const link = ndv.locator('[data-test-id="tab-docs"] a[href], a[data-test-id="tab-docs"][href]').or(ndv.getByRole('link', { name: /^\s*Docs\s*$/ })).first();
			await link.waitFor();
			const href = (await link.getAttribute('href')) ?? '';
			log(`n8n ${b.version}: ${node.displayName}'s Docs link: ${href}`);
			problems.push(...docsLinkProblems(`${node.displayName}'s Docs link`, href, nodeDocsPage(node.displayName), { query: true }));
			await page.keyboard.press('Escape');
			await ndv.waitFor({ state: 'hidden', timeout: 10000 }).catch(() => page.goto(`${baseUrl}/workflow/${id}`));
		}
		// One credential of each type the package has; its dialog opened by URL (/home/credentials/<id>).
		for (const type of credentialTypes) {
			const cred = credentials.find((c) => c.type === type.name);
			if (!cred) {
				problems.push(`no credential of ${type.displayName} to open`);
				continue;
			}
			await page.goto(`${baseUrl}/home/credentials/${cred.id}`);
			const dialog = page.getByTestId('editCredential-modal');
			await dialog.getByText(type.displayName).first().waitFor();
			// 2.x: "Read our docs" (or "… or read the docs" beside its AI assistant); 1.x: "Open docs".
			const link = dialog.getByRole('link', { name: /^\s*(Read our docs|Open docs|docs)\s*$/i }).first();
			const href = (await link.waitFor({ timeout: 15000 }).then(() => link.getAttribute('href')).catch(() => '')) ?? '';
			log(`n8n ${b.version}: ${type.displayName}'s dialog's docs link: ${href}`);
			problems.push(...docsLinkProblems(`${type.displayName}'s dialog`, href, 'docs/credentials.md', { query: false }));
			await page.keyboard.press('Escape');
		}
		if (problems.length) throw new Error(problems.join('; '));
	});
}

/**
 * n8n's pre-pick: a node without a credential gets the most recently updated credential of the
 * types it can use (both, for the Connector). The sandbox credentials are imported so that it is
 * PRE_PICKED (scripts/n8n-env.mjs). `picked` is the picker's text; the problems otherwise. With more
 * Synqly credentials than the sandbox's (the e2e's 2.41.1 target adds one before this check), the
 * newest of them is n8n's pick, and PRE_PICKED must still be the newest of the sandbox's.
 */
async function prePickProblems({ baseUrl, owner, credentials }, where, picked) {
	const rest = new N8nRest(baseUrl);
	await rest.ownerLogin(owner);
	const types = [CREDENTIALS.organization.type, CREDENTIALS.integration.type];
	const listed = (await rest.request('GET', '/credentials')).data.filter((c) => types.includes(c.type));
	const newest = (list) => list.reduce((a, c) => (a && a.updatedAt > c.updatedAt ? a : c), undefined);
	const sandboxOnes = listed.filter((c) => credentials.some((s) => s.id === c.id));
	const problems = [];
	const newestSandbox = newest(sandboxOnes);
	if (newestSandbox?.id !== PRE_PICKED.id) problems.push(`of the sandbox credentials, "${newestSandbox?.name}" is the most recently updated, not "${PRE_PICKED.name}" (${sandboxOnes.map((c) => `${c.name} ${c.updatedAt}`).join(', ')})`);
	const expected = newest(listed);
	if (expected && picked !== expected.name) problems.push(`${where}: n8n pre-picked "${picked}", not "${expected.name}", the most recently updated Synqly credential`);
	log(`${where}: n8n pre-picked "${picked}"${expected?.id === PRE_PICKED.id ? '' : ` (newer than the sandbox's: ${listed.filter((c) => c.updatedAt > (sandboxOnes.find((s) => s.id === PRE_PICKED.id)?.updatedAt ?? '')).map((c) => c.name).join(', ')})`}`);
	return problems;
}

/** The credential a picker shows once n8n has filled it in ('' if none within 15 s). */
async function pickedCredential(picker) {
	const value = () => picker.locator('input').inputValue().catch(() => '');
	return (await until('a credential in the picker', value, 15000).catch(() => '')) || '';
}

/** The credential picker's label as each major version of n8n words it (the rest of the form is the same). */
const CREDENTIAL_LABEL = { 1: 'Credential to connect with', 2: 'Credential' };
/** docs/synqly-connector.md's order of the Connector's fields ("The form"), for SIEM › Get Many Alerts. */
const CONNECTOR_FIELDS = ['Resource', 'Operation', 'Return All', 'Limit', 'Filters', 'Sort', 'Simplify', 'Options', 'Request Options'];
/** What an organization credential adds in front of them. */
const ORGANIZATION_FIELDS = ['Account', 'Integration'];

/**
 * The Synqly Connector form docs/synqly-connector.md describes, on 2.x and 1.x alike:
 * no Authentication field, one credential picker offering the credentials of both types, the
 * fields in the documented order with an integration credential, and Account and Integration in
 * front of them with an organization credential. Screenshot of the parameters panel with the
 * integration credential: screenshots/connector-form.png (connector-form-n8n1.png on 1.x).
 */
async function connectorFormCheck(b) {
	const { page, version, credentials, nodes, credentialTypes, ui } = b;
	const connector = nodes.find((n) => n.name === 'synqlyConnector');
	if (!connector) return;
	const n8n1 = version.startsWith('1.');
	const pickerLabel = CREDENTIAL_LABEL[version.split('.')[0]];
	const shot = join(SCREENSHOTS, n8n1 ? 'connector-form-n8n1.png' : 'connector-form.png');
	await ui(`Synqly Connector form: no Authentication field, one picker "${pickerLabel}" for both credential types, fields in the documented order; an organization credential adds Account and Integration`, undefined, async () => {
		// Opened from a saved workflow (Manual Trigger → Connector): on an empty canvas n8n's panel
		// offers the Connector's trigger first, now that Synqly Connector Trigger sits in its entry.
		const nodeType = `${readPackageJson().name}.${connector.name}`;
		const id = await saveWorkflow(b, {
			name: 'Connector form check',
			nodes: [
				{ id: 'c1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{ id: 'c2', name: 'Get many SIEM alerts', type: nodeType, typeVersion: 1, position: [250, 0], parameters: { resource: 'siem', operation: 'queryAlerts' } },
			],
			connections: { Start: { main: [[{ node: 'Get many SIEM alerts', type: 'main', index: 0 }]] } },
			settings: {},
		});
		const ndv = await openNode(b, id, 'Get many SIEM alerts');
		await ndv.getByTestId('parameter-input-resource').waitFor();
		const problems = [];
		if (await ndv.getByTestId('parameter-input-authentication').isVisible().catch(() => false)) problems.push('the form shows an Authentication field');
		const pickers = ndv.getByTestId('node-credentials-select');
		if ((await pickers.count()) !== 1) problems.push(`${await pickers.count()} credential pickers`);
		const shownLabel = (await ndv.getByTestId('credentials-label').first().innerText()).split('\n')[0].trim();
		if (shownLabel !== pickerLabel) problems.push(`the credential picker is labelled "${shownLabel}", not "${pickerLabel}"`);
		// n8n picks a credential for a node that has none: the most recently updated one (prePickProblems).
		const preselected = await pickedCredential(pickers.first());
		log(`n8n ${version}: credential picker "${shownLabel}" opened with "${preselected}" picked; fields ${(await formLabels(ndv)).join(', ')}`);
		problems.push(...(await prePickProblems(b, `n8n ${version}, a saved Synqly Connector without a credential`, preselected)));
		/** Picks a credential in the one picker; resolves with the offered options ("<name> | <type>"). */
		const pick = async (name) => {
			await pickers.first().click();
			const items = page.locator('.el-select-dropdown__item:visible');
			await items.first().waitFor();
			const offered = (await items.allInnerTexts()).map((t) => t.replace(/\s*\n\s*/g, ' | ').trim());
			await items.filter({ hasText: name }).first().click();
			await items.first().waitFor({ state: 'hidden' });
			return offered;
		};
		const typeName = (c) => credentialTypes.find((t) => t.name === c.type)?.displayName ?? c.type;
		const integration = credentials.find((c) => c.type === CREDENTIALS.integration.type);
		const organization = credentials.find((c) => c.type === CREDENTIALS.organization.type);
		/** The form redraws after a pick: its fields are read until they match, for up to 10 s. */
		const expectFields = async (credential, wanted) => {
			let labels = [];
			const match = await until('fields', async () => (labels = await formLabels(ndv)).join('|') === wanted.join('|'), 10000).catch(() => false);
			if (!match) problems.push(`with ${credential.name}: fields ${labels.join(', ')}; docs/synqly-connector.md says ${wanted.join(', ')}`);
		};
		if (integration) {
			const offered = await pick(integration.name);
			const missing = credentials.filter((c) => !offered.some((o) => o.includes(c.name) && o.includes(typeName(c))));
			if (missing.length) problems.push(`the picker lacks ${missing.map((c) => `${c.name} (${typeName(c)})`).join(', ')}; offers ${offered.join('; ')}`);
			await expectFields(integration, CONNECTOR_FIELDS);
			// Cropped to the parameters panel down to its last field, in a window tall enough for the
			// whole form (1.x's panel scrolls at 900 px); no focus ring on the picker.
			const viewport = page.viewportSize();
			await page.setViewportSize({ width: viewport.width, height: 1300 });
			await page.evaluate(() => document.activeElement?.blur());
			await page.waitForTimeout(500);
			const panel = await ndv.getByTestId('node-parameters').boundingBox();
			const bottom = await ndv.getByTestId('parameter-item').evaluateAll((items) => Math.max(...items.filter((el) => el.checkVisibility()).map((el) => el.getBoundingClientRect().bottom)));
			await page.screenshot({ path: shot, clip: { x: panel.x, y: panel.y, width: panel.width, height: Math.min(panel.height, bottom - panel.y + 16) } });
			await page.setViewportSize(viewport);
		}
		if (organization) {
			await pick(organization.name);
			await expectFields(organization, [...ORGANIZATION_FIELDS, ...CONNECTOR_FIELDS]);
		}
		if (problems.length) throw new Error(problems.join('; '));
	});
}

/**
 * The trigger buttons in the editor against the sandbox (issue 15): the Connector Trigger's
 * "Fetch Test Event" and the Synqly Management Trigger's listening for a test event, each in the example
 * workflow that uses it. Needs the sandbox (not with --url).
 */
async function triggerTestEventChecks(b) {
	if (!b.sandbox) return;
	await fetchTestEventCheck(b);
	await listenForTestEventCheck(b);
}

/** Adds records to a sandbox integration's data set (POST /__sandbox/records). */
async function addRecords(sandbox, integration, set, records) {
	const res = await fetch(`${sandbox.url}/__sandbox/records`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ integration, set, records }),
	});
	if (!res.ok) throw new Error(`POST /__sandbox/records → ${res.status}: ${await res.text()}`);
}

/**
 * "Fetch Test Event" on the Connector Trigger of examples/new-siem-alert-to-ticket.json: the
 * output panel shows the newest alert (docs/synqly-connector-trigger.md: "returns the newest record"), not the one
 * a second before it, with its fields.
 */
async function fetchTestEventCheck(b) {
	const { sandbox, examples, ui } = b;
	const ex = examples.find((e) => e.name === 'new-siem-alert-to-ticket');
	await ui('Synqly Connector Trigger: "Fetch Test Event" in "new SIEM alert → ticket" shows the newest SIEM alert and its fields', 'connector-trigger-fetch-test-event.png', async () => {
		if (!ex?.expect?.trigger) throw new Error('examples/new-siem-alert-to-ticket.json (with its expect.json "trigger") is missing');
		const { node, integration, set } = ex.expect.trigger;
		await sandbox.reset();
		// An hour ahead of now: newer than every alert of the sandbox's seed.
		const time = Date.now() + 3600_000;
		const alert = (uid, at, title) => ({ class_name: 'Detection Finding', severity_id: 4, severity: 'High', time: at, finding_info: { uid, title, desc: 'Added by the browser check' } });
		const newest = alert(`browser-newest-${time}`, time, 'Browser check: the newest alert');
		const older = alert(`browser-older-${time}`, time - 1000, 'Browser check: a second older');
		// The newest added first, so list order alone cannot make it come out first.
		await addRecords(sandbox, integration, set, [newest, older]);
		const ndv = await openNode(b, ex.workflow.id, node);
		const before = (await sandbox.requests()).length;
		await ndv.getByTestId('node-execute-button').filter({ hasText: /Fetch Test Event/i }).first().click();
		const output = ndv.getByTestId('output-panel');
		await jsonView(output);
		await output.getByText('"finding_info"').first().waitFor();
		const problems = [];
		for (const text of [newest.finding_info.uid, newest.finding_info.title, 'Detection Finding', '"severity_id"']) {
			if (!(await output.getByText(text).first().isVisible().catch(() => false))) problems.push(`the output panel does not show ${text}`);
		}
		if (await output.getByText(older.finding_info.uid).count()) problems.push('the output panel shows the alert a second older');
		// The example's Source is "SIEM: New Alerts".
		const polled = (await sandbox.requests()).slice(before).filter((r) => r.method === 'GET' && r.path === '/v1/siem/alerts');
		if (!polled.length) problems.push('the sandbox saw no GET /v1/siem/alerts');
		if (problems.length) throw new Error(problems.join('; '));
	});
}

/**
 * Listening for a test event ("Execute step") on the Synqly Management Trigger of examples/new-account-integrations.json:
 * n8n's test URL is registered at the sandbox (docs/synqly-management-trigger.md: "registers the test URL the same way"),
 * an account created in the sandbox makes it send a signed account_create there, the output panel
 * shows that delivery, and the registration is removed afterwards.
 */
async function listenForTestEventCheck(b) {
	const { baseUrl, sandbox, examples, ui } = b;
	const ex = examples.find((e) => e.name === 'new-account-integrations');
	await ui('Synqly Management Trigger: listening for a test event registers the test URL at Synqly, shows an account_create delivery, then removes the registration', 'trigger-listen-for-test-event.png', async () => {
		const trigger = ex?.workflow.nodes.find((n) => n.type === `${readPackageJson().name}.synqlyManagementTrigger`);
		if (!trigger) throw new Error('examples/new-account-integrations.json (with a Synqly Management Trigger) is missing');
		const testUrl = `${baseUrl}/webhook-test/${trigger.webhookId}/webhook`;
		await sandbox.reset();
		const ndv = await openNode(b, ex.workflow.id, trigger.name);
		// Its button reads "Execute step" (2.41.1 and 1.123.81): n8n listens for a test event on it.
		const button = ndv.getByTestId('node-execute-button').first();
		log(`n8n ${b.version}: the Synqly Management Trigger's button reads "${(await button.innerText()).trim()}"`);
		await button.click();
		const registered = () => sandbox.state().then((s) => s.webhooks.filter((h) => h.url === testUrl));
		await until(`a webhook for ${testUrl} at the sandbox`, async () => (await registered()).length === 1).catch(async (e) => {
			throw new Error(`${e.message}; it has ${JSON.stringify((await sandbox.state()).webhooks.map((h) => h.url))}`);
		});
		log(`n8n ${b.version}: while listening the panel says "${await ndv.getByText(/Listening for/).first().innerText().catch(() => '(nothing with "Listening for")')}"`);
		const name = 'browser-listen';
		const created = await fetch(`${sandbox.url}/v1/accounts`, {
			method: 'POST',
			headers: { authorization: `Bearer ${sandbox.orgToken}`, 'content-type': 'application/json' },
			body: JSON.stringify({ name, environment: 'prod' }),
		});
		if (!created.ok) throw new Error(`POST /v1/accounts → ${created.status}`);
		const delivery = await until('the delivery answered', async () => (await sandbox.state()).deliveries.find((d) => d.url === testUrl && (d.status || d.error)));
		if (delivery.status !== 200) throw new Error(`n8n answered the delivery ${delivery.status ?? delivery.error}`);
		const output = ndv.getByTestId('output-panel');
		await jsonView(output);
		await output.getByText(delivery.payload.nonce).first().waitFor();
		for (const text of ['account_create', name]) await output.getByText(text).first().waitFor({ timeout: 5000 });
		await until(`the webhook for ${testUrl} removed from the sandbox`, async () => (await registered()).length === 0);
	});
}

async function cli() {
	const args = process.argv.slice(2);
	const flag = (name) => {
		const i = args.indexOf(name);
		return i >= 0 ? args[i + 1] : undefined;
	};
	const reporter = localReporter();
	const url = flag('--url');
	const version = flag('--n8n') ?? '2.41.1';
	try {
		if (url) {
			await runBrowserCheck({
				baseUrl: url.replace(/\/$/, ''),
				version,
				owner: { ...OWNER, email: flag('--email') ?? OWNER.email, password: flag('--password') ?? OWNER.password },
				examples: loadExamples(),
				credentials: [CREDENTIALS.organization, CREDENTIALS.integration, CREDENTIALS.ticketing],
				...reporter,
			});
		} else {
			const sandbox = await startSandbox();
			const home = mkdtempSync(join(tmpdir(), 'synqly-browser-'));
			const examples = loadExamples();
			try {
				const { baseUrl } = await startInstance({ version, home, sandbox, examples, encryptionKey: 'synqly-browser-check-key' });
				await runBrowserCheck({ baseUrl, version, examples, sandbox, ...reporter });
			} finally {
				await stopAll();
				rmSync(home, { recursive: true, force: true });
			}
		}
	} catch (e) {
		reporter.check('browser: unexpected error', [e.stack]);
	}
	console.log(`${reporter.counts.passed} passed, ${reporter.counts.failed} failed`);
	process.exit(reporter.counts.failed || !reporter.counts.passed ? 1 : 0);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await cli();
