import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { loadTables, withTables } from '../scripts/readme';

describe('README operations tables', () => {
	it('match the operation tables (run `npm run docs` after changing a row)', async () => {
		const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
		const sections = await loadTables();
		expect(Object.keys(sections)).toContain('management');
		expect(withTables(readme, sections)).toBe(readme);
	});
});
