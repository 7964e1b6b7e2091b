import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { loadTables, withTables } from '../scripts/readme';

describe('README operations tables', () => {
	it('match the operation tables (run `npm run docs` after changing a row)', () => {
		const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
		const sections = loadTables();
		expect(Object.keys(sections).sort()).toEqual(['connector', 'management']);
		// Each section has its block in the README, so both tables are really compared.
		for (const api of Object.keys(sections)) {
			expect(readme).toContain(`<!-- operations:${api} -->`);
			expect(readme).toContain(`<!-- /operations:${api} -->`);
		}
		expect(withTables(readme, sections)).toBe(readme);
	});
});
