const fs = require('node:fs');

module.exports = async function globalTeardown() {
	const folder = process.env.SYNQLY_TEST_USER_FOLDER;
	if (folder && folder.includes('n8n-nodes-synqly-test-')) fs.rmSync(folder, { recursive: true, force: true });
};
