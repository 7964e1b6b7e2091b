#!/usr/bin/env node
// The editor as a person sees it, in Debian's Chromium driven by playwright-core: log in, find the
// Synqly nodes in the node panel, open Synqly Management and read its Resource/Operation lists,
// run one step in the editor, find a not-yet-run node's output fields in the schema view (from the
// shipped __schema__ files; no /schemas/ request may answer 404), see the editor get a not-yet-run
// trigger's output schema (`/schemas/<type>/1.0.0.json`), open the Connector form
// (screenshots/connector-form.png, for the README), retest each sandbox credential, and take canvas
// screenshots of the examples (screenshots/examples/<name>.png, for the README).
//
//   node scripts/browser-check.mjs                       # own sandbox + n8n 2.41.1, then the checks
//   node scripts/browser-check.mjs --url http://127.0.0.1:5678 [--email E --password P]
// Also run by `npm run test:e2e` (target "browser").
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
	CREDENTIALS,
	N8nRest,
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
						testPath: inst.test?.request?.url,
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

export async function runBrowserCheck({ baseUrl, owner = OWNER, examples = [], sandbox, credentials = sandbox ? [CREDENTIALS.organization, CREDENTIALS.integration] : [], check, step } = {}) {
	if (!check || !step) ({ check, step } = localReporter());
	if (!existsSync(CHROMIUM)) ensureApt(['chromium']);
	const { chromium, selectors } = playwright;
	selectors.setTestIdAttribute('data-test-id');
	mkdirSync(join(SCREENSHOTS, 'examples'), { recursive: true });
	// Failure screenshots of an earlier run would read as this run's.
	for (const f of readdirSync(SCREENSHOTS)) if (f.startsWith('failure-')) rmSync(join(SCREENSHOTS, f));
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
	const { nodes, credentials: credentialTypes } = packageDisplayNames();

	/** A step that keeps a screenshot: always on success when `shot` is given, and on failure. */
	const ui = (name, shot, fn) =>
		step(`browser: ${name}`, async () => {
			try {
				const value = await fn();
				if (shot) await page.screenshot({ path: join(SCREENSHOTS, shot) });
				return value;
			} catch (e) {
				const file = join(SCREENSHOTS, `failure-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
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
		await page.getByTestId('node-creator-item-name').filter({ hasText: action }).click();
		await page.getByTestId('ndv').waitFor();
	};

	try {
		const loggedIn = await ui('log in to the editor', 'login.png', async () => {
			await page.goto(`${baseUrl}/signin`);
			await page.locator('input[name="emailOrLdapLoginId"]').fill(owner.email);
			await page.locator('input[name="password"]').fill(owner.password);
			await page.getByTestId('form-submit-button').click();
			await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
			await page.getByTestId('main-sidebar-settings').waitFor();
		});
		if (!loggedIn) return;

		// The node panel folds "X Trigger" into X's entry when X is a node (Synqly Connector Trigger), and
		// shows another trigger without its " Trigger" suffix (Synqly Trigger is "Synqly").
		const names = nodes.map((n) => n.displayName);
		const expected = names
			.filter((name) => !(name.endsWith(' Trigger') && names.includes(name.slice(0, -' Trigger'.length))))
			.map((name) => name.replace(/ Trigger$/, ''));
		await ui(`node panel search "Synqly" lists ${expected.join(', ')}`, 'node-panel.png', async () => {
			await openNewCanvas();
			await page.getByTestId('canvas-plus-button').click();
			await page.getByTestId('node-creator-search-bar').fill('Synqly');
			const items = page.getByTestId('node-creator-item-name');
			const missing = [];
			for (const name of expected) {
				const exact = new RegExp(`^\\s*${name}\\s*$`);
				const ok = await items.filter({ hasText: exact }).first().waitFor({ timeout: 15000 }).then(() => true, () => false);
				if (!ok) missing.push(name);
			}
			if (missing.length) throw new Error(`missing ${missing.join(', ')}; found ${(await items.allInnerTexts()).join(', ')}`);
		});

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

		const connector = nodes.find((n) => n.name === 'synqlyConnector');
		const connectorTrigger = nodes.find((n) => n.name === 'synqlyConnectorTrigger');
		if (connector && connectorTrigger) await checkTriggerSchema({ ui, page, baseUrl, owner, trigger: connectorTrigger, connector });

		if (connector) {
			// The README shows this form (docs/images/connector-form.png): one credential picker listing both types.
			await ui('Synqly Connector form: SIEM › Get many SIEM alerts, no Authentication field, one picker for both credential types', 'connector-form.png', async () => {
				// Opened from a saved workflow (Manual Trigger → Connector): on an empty canvas n8n's panel
				// offers the Connector's trigger first, now that Synqly Connector Trigger sits in its entry.
				const rest = new N8nRest(baseUrl);
				await rest.ownerLogin(owner);
				const nodeType = `${readPackageJson().name}.${connector.name}`;
				const { data } = await rest.request('POST', '/workflows', {
					name: 'Connector form check',
					nodes: [
						{ id: 'c1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
						{ id: 'c2', name: 'Get many SIEM alerts', type: nodeType, typeVersion: 1, position: [250, 0], parameters: { resource: 'siem', operation: 'queryAlerts' } },
					],
					connections: { Start: { main: [[{ node: 'Get many SIEM alerts', type: 'main', index: 0 }]] } },
					settings: {},
				});
				await page.goto(`${baseUrl}/workflow/${data.id}`);
				await page.getByTestId('canvas-node').filter({ hasText: 'Get many SIEM alerts' }).first().dblclick();
				const ndv = page.getByTestId('ndv');
				await ndv.getByTestId('parameter-input-limit').waitFor();
				if (await ndv.getByTestId('parameter-input-authentication').isVisible().catch(() => false)) {
					throw new Error('the form shows an Authentication field');
				}
				// The one picker offers credentials of both types (the sandbox's of each).
				if (credentials.length) {
					const offered = await optionsOf('node-credentials-select');
					const missing = credentials.filter((c) => !offered.some((o) => o.includes(c.name)));
					if (missing.length) throw new Error(`credential picker lacks ${missing.map((c) => c.name).join(', ')}; offers ${offered.join(', ')}`);
				}
			});
		}

		/** Opens a credential's dialog; returns the dialog and its Retry button. */
		const openCredential = async (cred, typeName) => {
			await page.goto(`${baseUrl}/home/credentials`);
			await page.getByTestId('resources-list-item').filter({ hasText: cred.name }).getByTestId('card-content').click();
			const dialog = page.getByTestId('editCredential-modal');
			await dialog.getByText(typeName).first().waitFor();
			const retry = dialog.getByRole('button', { name: 'Retry' });
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

async function cli() {
	const args = process.argv.slice(2);
	const flag = (name) => {
		const i = args.indexOf(name);
		return i >= 0 ? args[i + 1] : undefined;
	};
	const reporter = localReporter();
	const url = flag('--url');
	try {
		if (url) {
			await runBrowserCheck({
				baseUrl: url.replace(/\/$/, ''),
				owner: { ...OWNER, email: flag('--email') ?? OWNER.email, password: flag('--password') ?? OWNER.password },
				examples: loadExamples(),
				credentials: [CREDENTIALS.organization, CREDENTIALS.integration],
				...reporter,
			});
		} else {
			const sandbox = await startSandbox();
			const home = mkdtempSync(join(tmpdir(), 'synqly-browser-'));
			const examples = loadExamples();
			try {
				const { baseUrl } = await startInstance({ version: '2.41.1', home, sandbox, examples, encryptionKey: 'synqly-browser-check-key' });
				await runBrowserCheck({ baseUrl, examples, sandbox, ...reporter });
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
