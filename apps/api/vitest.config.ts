import { probePostgres, postgresRequired } from '@broadsheet/testing';
import { defineConfig } from 'vitest/config';

/**
 * Router suites that run a second time on the PostgreSQL store (the store contract itself runs
 * on both backends inside src/store/store-contract.test.ts).
 */
const POSTGRES_SUITES = [
  'src/articles/router.test.ts',
  'src/articles/list.test.ts',
  'src/articles/ninjs.test.ts',
  'src/facets/router.test.ts',
  'src/editions/router.test.ts',
  'src/reader/router.test.ts',
  'src/media/router.test.ts',
  'src/publications/router.test.ts',
  'src/publications/listings.test.ts',
];

const postgres = await probePostgres();
if (!postgres.available && !postgresRequired()) {
  process.stderr.write(
    `\n*** PostgreSQL suites NOT RUN (project "postgres": ${POSTGRES_SUITES.join(', ')})\n*** ${postgres.reason}\n*** (with CI=true this is a failure)\n\n`,
  );
}

// Tests render real EPUB/PDF files in worker threads and validate them; on a shared 2-core
// machine that takes seconds, so the 5 s default would fail tests that are not wrong.
const timeouts = { testTimeout: 120_000, hookTimeout: 60_000 };

export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: 'default', ...timeouts } },
      // In CI a PostgreSQL that does not answer makes these fail rather than vanish.
      ...(postgres.available || postgresRequired()
        ? [
            {
              extends: true,
              test: {
                name: 'postgres',
                include: POSTGRES_SUITES,
                env: { BROADSHEET_TEST_STORE: 'postgres' },
                ...timeouts,
              },
            },
          ]
        : []),
    ],
  },
});
