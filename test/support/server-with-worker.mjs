// @ts-check
// The built API as dist/main.js starts it, but with the render worker module given as the first
// argument: how end-to-end tests make renders crash, hang or throw without any hook in the
// production server (see startServerProcess's renderWorker option).
import { startServer } from '@broadsheet/api/dist/server.js';

const renderWorkerFile = process.argv[2];
if (renderWorkerFile === undefined) {
  process.stderr.write('usage: node server-with-worker.mjs WORKER_FILE\n');
  process.exit(2);
}
startServer({ renderWorkerFile }).catch((/** @type {unknown} */ err) => {
  process.stderr.write(`server-with-worker: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
