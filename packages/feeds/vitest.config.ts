import { defineConfig } from 'vitest/config';

// fetchFeed's tests talk to a real server on 127.0.0.1; the linearity test measures CPU time.
export default defineConfig({
  test: { testTimeout: 60_000, hookTimeout: 30_000 },
});
