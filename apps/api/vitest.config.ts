import { defineConfig } from 'vitest/config';

// Tests render real EPUB/PDF files in worker threads and validate them; on a shared 2-core
// machine that takes seconds, so the 5 s default would fail tests that are not wrong.
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
