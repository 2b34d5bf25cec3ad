import { defineConfig } from 'vitest/config';

// Servers here are real (127.0.0.1); the slow-drip case waits out a short deadline.
export default defineConfig({
  test: { testTimeout: 30_000, hookTimeout: 30_000 },
});
