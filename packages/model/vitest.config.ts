import { defineConfig } from 'vitest/config';

// The machine running the suite may be shared and busy: property tests and the pack/install
// test get room, since no test here asserts timing.
export default defineConfig({
  test: { testTimeout: 60_000, hookTimeout: 240_000 },
});
