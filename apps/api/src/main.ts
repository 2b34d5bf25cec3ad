import { startServer } from './server.js';

try {
  startServer();
} catch (err) {
  process.stderr.write(
    `broadsheet-api: failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
}
