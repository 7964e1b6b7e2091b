/**
 * Runs before each test file, before any module is loaded. n8n-core reads these when its
 * InstanceSettings are first built: it writes `$N8N_USER_FOLDER/.n8n/config` (falling back to
 * $HOME) and wants an encryption key. The folder comes from test/global-setup.js.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

process.env.N8N_USER_FOLDER =
	process.env.SYNQLY_TEST_USER_FOLDER || fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-synqly-test-'));
process.env.N8N_ENCRYPTION_KEY = 'n8n-nodes-synqly-test-encryption-key';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
