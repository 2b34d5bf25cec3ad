import { resolve } from 'node:path';
import { pino } from 'pino';
import { parseEnv } from '../env.js';
import { openStore } from '../store/open.js';

const USAGE = 'usage: node dist/prune-media.js [--older-than HOURS]';

/**
 * `node apps/api/dist/prune-media.js [--older-than HOURS]`: removes stored media that no
 * article mentions and that are older than HOURS (default 24, so a picture uploaded for an
 * article not yet written survives). Uses the server's settings (BROADSHEET_DATA_DIR or
 * BROADSHEET_DATABASE_URL). Exit 0 and one line per removed id; 2 on a bad argument.
 */
export async function runPruneMedia(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: { stdout: (s: string) => void; stderr: (s: string) => void },
  now: () => Date = () => new Date(),
): Promise<number> {
  let hours = 24;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--older-than') {
      const value = Number(argv[i + 1]);
      if (!Number.isFinite(value) || value < 0) {
        io.stderr(
          `--older-than needs a number of hours (got ${JSON.stringify(argv[i + 1] ?? '')})\n`,
        );
        return 2;
      }
      hours = value;
      i += 1;
    } else {
      io.stderr(`unknown argument ${JSON.stringify(arg)}\n${USAGE}\n`);
      return 2;
    }
  }
  const settings = parseEnv(env);
  const store = await openStore({
    databaseUrl: settings.BROADSHEET_DATABASE_URL,
    poolSize: 1,
    statementTimeoutMs: settings.BROADSHEET_DATABASE_STATEMENT_TIMEOUT_MS,
    dataDir: resolve(settings.BROADSHEET_DATA_DIR),
    logger: pino({ level: 'silent' }),
    // Pruning never seeds: a database opened only for this stays without articles.
    seed: () => [],
  });
  try {
    const removed = await store.media.prune(new Date(now().getTime() - hours * 3_600_000));
    for (const id of removed) io.stdout(`${id}\n`);
    io.stderr(`removed ${removed.length} unreferenced media older than ${hours} h\n`);
    return 0;
  } finally {
    await store.close();
  }
}
