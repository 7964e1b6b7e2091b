import { shutdownN8nCore } from './harness';

// Each test file has its own module registry, so its own n8n-core container and SSH manager.
afterAll(() => {
	shutdownN8nCore();
});
