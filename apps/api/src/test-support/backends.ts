import { probePostgres, postgresRequired } from '@broadsheet/testing';
import { describe, it } from 'vitest';

export type BackendName = 'sqlite' | 'postgres';
export const BACKENDS: readonly BackendName[] = ['sqlite', 'postgres'];

/** Whether the test cluster answers; asked once, when a test file loads. */
export const postgresStatus = await probePostgres();

/**
 * `describe` for a suite that needs PostgreSQL. When the test cluster does not answer, the suite
 * is not run and says so loudly: outside CI as a skipped suite whose name says NOT RUN (and a
 * warning on stderr); with CI=true as a failing test, because CI must run every suite.
 */
export function describeWithPostgres(name: string, suite: () => void): void {
  if (postgresStatus.available) {
    describe(name, suite);
    return;
  }
  const { reason } = postgresStatus;
  if (postgresRequired()) {
    describe(name, () => {
      it('needs PostgreSQL, which CI must provide', () => {
        throw new Error(`${reason}; start it (see shared/PITFALLS.md)`);
      });
    });
    return;
  }
  process.stderr.write(
    `\n*** PostgreSQL suite NOT RUN: ${name}\n*** ${reason}\n*** (with CI=true this is a failure)\n\n`,
  );
  describe.skip(`${name} [NOT RUN: ${reason}]`, suite);
}

/** `describe` once per store backend, the PostgreSQL one through describeWithPostgres. */
export function describeEachBackend(name: string, suite: (backend: BackendName) => void): void {
  for (const backend of BACKENDS) {
    const title = `${name} (${backend})`;
    if (backend === 'postgres') describeWithPostgres(title, () => suite(backend));
    else describe(title, () => suite(backend));
  }
}
