import { defineConfig } from 'vitest/config';

// Renders run real validators (epubcheck-ts, Java EPUBCheck, Ace, qpdf, pdf.js); on a shared
// two-core machine one can take far more than the 5 s default. No test here asserts timing.
export default defineConfig({
  test: { testTimeout: 120_000, hookTimeout: 120_000 },
});
