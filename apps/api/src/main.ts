import { startServer } from './server.js';
import { StoreOpenError } from './store/open.js';

startServer().catch((err: unknown) => {
  if (err instanceof StoreOpenError) {
    // An unreachable database or one from a newer server: the operator's to fix, like a bad setting.
    process.stderr.write(`broadsheet-api: cannot start: ${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(
    `broadsheet-api: failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
