import { defineConfig } from 'vitest/config';

// jsdom parses, renders and validators are slow on a shared two-core machine; no test here
// asserts timing, so give them room rather than fail on a busy moment.
export default defineConfig({
  test: { testTimeout: 60_000, hookTimeout: 60_000 },
});
