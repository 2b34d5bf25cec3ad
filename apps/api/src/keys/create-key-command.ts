import { defaultArticle } from '@broadsheet/content';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { EnvError, parseEnv } from '../env.js';
import { openStore, StoreOpenError } from '../store/open.js';
import { SCOPES, type Scope } from '../store/types.js';
import { createKey } from './create.js';

const USAGE = `usage: node dist/create-key.js --name NAME [--scopes admin|articles:write,editions:write,feeds:write]

Creates an API key in the database the environment names (BROADSHEET_DATABASE_URL, else the
SQLite database in BROADSHEET_DATA_DIR) without starting the server, and prints it once on
standard output. Default scope: admin.`;

export interface CommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** `create-key`: exit 0 with the key on stdout, 2 on bad arguments or settings, 1 on a failure. */
export async function runCreateKey(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: CommandIo,
): Promise<number> {
  let name: string;
  let scopes: Scope[];
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        name: { type: 'string' },
        scopes: { type: 'string', default: 'admin' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
    if (values.help) {
      io.out(`${USAGE}\n`);
      return 0;
    }
    name = values.name?.trim() ?? '';
    if (name === '' || name.length > 200) throw new Error('--name must be 1 to 200 characters');
    const asked = values.scopes.split(',').map((s) => s.trim());
    const unknown = asked.filter((s) => !(SCOPES as readonly string[]).includes(s));
    if (unknown.length > 0 || asked.length === 0)
      throw new Error(
        `--scopes: unknown scope ${JSON.stringify(unknown[0] ?? '')}; use ${SCOPES.join(', ')}`,
      );
    scopes = [...new Set(asked)] as Scope[];
  } catch (err) {
    io.err(`create-key: ${err instanceof Error ? err.message : String(err)}\n\n${USAGE}\n`);
    return 2;
  }
  let settings;
  try {
    settings = parseEnv(env);
  } catch (err) {
    if (err instanceof EnvError) {
      io.err(`create-key: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  let store;
  try {
    store = await openStore({
      databaseUrl: settings.BROADSHEET_DATABASE_URL,
      poolSize: 1,
      statementTimeoutMs: settings.BROADSHEET_DATABASE_STATEMENT_TIMEOUT_MS,
      dataDir: resolve(settings.BROADSHEET_DATA_DIR),
      logger: pino({ level: 'silent' }),
      // The same first-start content as the server, so creating a key first changes nothing.
      seed: () => [defaultArticle()],
    });
  } catch (err) {
    if (err instanceof StoreOpenError) {
      io.err(`create-key: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  try {
    const created = await createKey(store.keys, name, scopes);
    io.out(`${created.key}\n`);
    io.err(
      `created key ${created.id} "${created.name}" (${created.scopes.join(', ')}); it is shown only now\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
