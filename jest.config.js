/**
 * Jest runs the TypeScript sources directly (ts-jest): nodes and credentials are loaded from
 * nodes/ and credentials/, not from dist/, so `npm run build` is not needed before `npx jest`.
 */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// Transpile only (tsconfig.json + isolatedModules): types are checked by
	// `tsc -p tsconfig.test.json --noEmit` (npm run lint); type-checking each file in ts-jest
	// would make the suite several times slower.
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true } }],
	},
	globalSetup: '<rootDir>/test/global-setup.js',
	globalTeardown: '<rootDir>/test/global-teardown.js',
	// n8n-core writes its instance settings under N8N_USER_FOLDER and needs an encryption key.
	setupFiles: ['<rootDir>/test/setup-env.js'],
	// Stops n8n-core's SSH clients cleanup interval after each file, or jest never exits.
	setupFilesAfterEnv: ['<rootDir>/test/setup-after-env.ts'],
	testTimeout: 20000,
};
