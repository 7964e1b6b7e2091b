/** One private user folder for n8n-core for the whole run (workers inherit the variable). */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

module.exports = async function globalSetup() {
	process.env.SYNQLY_TEST_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-synqly-test-'));
};
