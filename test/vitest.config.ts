import { defineConfig } from 'vitest/config';

// End-to-end tests start real servers, browsers and validators; on a shared two-core machine
// they take far longer than the 5 s default. No test here asserts timing.
export default defineConfig({
  test: {
    testTimeout: 180_000,
    hookTimeout: 180_000,
    include: ['**/*.e2e.test.ts'],
    exclude: ['**/node_modules/**', 'test-results/**'],
  },
});
