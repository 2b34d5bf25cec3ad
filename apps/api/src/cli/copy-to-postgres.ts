#!/usr/bin/env node
/** `node apps/api/dist/cli/copy-to-postgres.js --from FILE --to URL`: see copy-to-postgres-command.ts. */
import { runCopyToPostgres } from './copy-to-postgres-command.js';

runCopyToPostgres(process.argv.slice(2), process).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(
      `copy-to-postgres: failed: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exitCode = 1;
  },
);
