/**
 * `npm run sandbox` / `tsx test/sandbox/cli.ts [--port N] [--seed demo|empty] [--host H] [--latency-ms N]`
 *
 * Starts the sandbox (seed 'demo' unless told otherwise) and prints ONE JSON line on stdout when
 * it is ready — `{"url":…,"orgToken":…,"integrationToken":…,"ticketingToken":…}` (the acme-siem and acme-tickets integrations' tokens) — so scripts can read it; hints go
 * to stderr. Stops on SIGINT/SIGTERM.
 */
import { SANDBOX_DEMO_TICKETS_TOKEN, SANDBOX_MEMBER, startSandbox, type SeedName } from './server';

function parseArgs(argv: string[]): { port: number; seed: SeedName; host: string; latencyMs: number } {
	const args = { port: 0, seed: 'demo' as SeedName, host: '127.0.0.1', latencyMs: 0 };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2);
		const value = inline ?? argv[i + 1];
		const takesNext = inline === undefined;
		switch (flag) {
			case '--port':
				args.port = Number(value);
				if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) throw new Error(`--port: not a port: ${value}`);
				break;
			case '--seed':
				if (value !== 'demo' && value !== 'empty') throw new Error(`--seed: use demo or empty, not ${value}`);
				args.seed = value;
				break;
			case '--host':
				args.host = value;
				break;
			case '--latency-ms':
				args.latencyMs = Number(value);
				if (!Number.isFinite(args.latencyMs) || args.latencyMs < 0) throw new Error(`--latency-ms: not a duration: ${value}`);
				break;
			case '--help':
			case '-h':
				process.stderr.write('usage: tsx test/sandbox/cli.ts [--port N] [--seed demo|empty] [--host 127.0.0.1] [--latency-ms N]\n');
				process.exit(0);
				break;
			default:
				throw new Error(`unknown argument: ${argv[i]}`);
		}
		if (takesNext) i++;
	}
	return args;
}

async function main(): Promise<void> {
	const args = parseArgs(process.argv.slice(2));
	const sandbox = await startSandbox(args);
	process.stdout.write(
		`${JSON.stringify({ url: sandbox.url, orgToken: sandbox.orgToken, integrationToken: sandbox.integrationToken, ticketingToken: sandbox.state.seededTokens.ticketing })}\n`,
	);
	const hints = [
		`Synqly sandbox listening on ${sandbox.url} (seed: ${args.seed}, added latency ${args.latencyMs} ms per request)`,
		`  Management API (organization token): curl -H 'Authorization: Bearer ${sandbox.orgToken}' ${sandbox.url}/v1/accounts`,
	];
	if (sandbox.integrationToken) {
		hints.push(
			`  Connector API, acme-siem integration:  curl -H 'Authorization: Bearer ${sandbox.integrationToken}' ${sandbox.url}/v1/siem/events`,
			`  Connector API, acme-tickets integration token: ${SANDBOX_DEMO_TICKETS_TOKEN}`,
		);
	}
	hints.push(
		`  Member logon: ${SANDBOX_MEMBER.name} / ${SANDBOX_MEMBER.secret}`,
		`  Control: GET ${sandbox.url}/__sandbox/requests, POST /__sandbox/reset, POST /__sandbox/fault, GET /__sandbox/state, GET /__sandbox/stats, POST /__sandbox/seed`,
		'  Ctrl-C to stop.',
	);
	process.stderr.write(`${hints.join('\n')}\n`);

	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		process.stderr.write(`\n${signal}: stopping the sandbox\n`);
		sandbox.close().then(
			() => process.exit(0),
			(err: unknown) => {
				process.stderr.write(`close failed: ${String(err)}\n`);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
	process.stderr.write(`synqly sandbox: ${err instanceof Error ? err.message : String(err)}\n`);
	process.exit(1);
});
