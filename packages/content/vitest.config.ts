import { defineConfig } from 'vitest/config';

// The machine running the suite may be shared and busy; no test here asserts timing.
export default defineConfig({
  test: { testTimeout: 30_000 },
});
