import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { DatabaseUrl } from '../env.js';
import { openPostgresStore, StoreOpenError } from '../store/postgres/index.js';
import { UnknownFeedError } from '../store/publication-types.js';
import { openSqliteStore, SqliteSourceError } from '../store/sqlite/index.js';
import {
  ConflictError,
  SchemaTooNewError,
  StoreUnavailableError,
  type RestoreCounts,
  type Store,
} from '../store/types.js';
import { copyStore, type CopySummary } from './copy-store.js';

export interface CommandIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

const NAME = 'copy-to-postgres';

const HELP_AFTER = `
Copies every article, curated edition, stored picture, API key, feed subscription, publication
and mail delivery of a Broadsheet SQLite database into a PostgreSQL database (created tables
and all if it is empty), keeping each article's and edition's created and modified times, each
picture's id (so picture URLs keep working), each key's hash (so clients keep their keys; a key
revoked on either side stays revoked), each feed's poll state and items (so polling goes on
where it was, and no item is imported twice), each publication's schedule state and issues (so
no slot is issued twice) and each delivery's state (so no mail goes out twice; mail still queued
is sent by the PostgreSQL servers once they start). Safe to run again: what is already there
unchanged is skipped, what changed in the SQLite file since is replaced (except a delivery
further along in PostgreSQL), nothing is duplicated or deleted. The SQLite file is only read,
and may be in use by a running server: stop it before starting the new ones, and copy again.

Exit status: 0 copied, 2 a bad argument or a database that cannot be used, 1 the copy stopped
part way (run it again to finish).

Example:
  node apps/api/dist/cli/copy-to-postgres.js --from data/broadsheet.db \\
    --to postgres://broadsheet@127.0.0.1:5432/broadsheet
`;

function parseBatch(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 100)
    throw new InvalidArgumentError('must be a whole number from 1 to 100');
  return n;
}

function parseUrl(value: string): string {
  if (!DatabaseUrl.safeParse(value).success)
    throw new InvalidArgumentError(
      'must be a PostgreSQL URL such as postgres://user@host:5432/dbname or postgres:///dbname?host=/var/run/postgresql',
    );
  return value;
}

function program(io: CommandIo): Command {
  return new Command(NAME)
    .description('Copy a Broadsheet SQLite database into PostgreSQL (idempotent).')
    .requiredOption('--from <file>', 'the SQLite database file, e.g. data/broadsheet.db')
    .addOption(
      new Option('--to <url>', 'the PostgreSQL URL (default: $BROADSHEET_DATABASE_URL)')
        .env('BROADSHEET_DATABASE_URL')
        .argParser(parseUrl)
        .makeOptionMandatory(),
    )
    .addOption(
      new Option('--batch <n>', 'articles per transaction, 1-100')
        .default(100)
        .argParser(parseBatch),
    )
    .option('-q, --quiet', 'no progress on stderr', false)
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', HELP_AFTER)
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride();
}

const counts = (c: RestoreCounts) =>
  `${c.created} new, ${c.updated} updated, ${c.unchanged} unchanged`;
/** A picture is never updated: its id is the hash of its bytes. */
const pictureCounts = (c: RestoreCounts) => `${c.created} new, ${c.unchanged} unchanged`;
const total = (c: RestoreCounts) => c.created + c.updated + c.unchanged;
const plural = (n: number) => (n === 1 ? '' : 's');

/** Where a URL points, for the summary: never the user or password. */
function target(url: string): string {
  const u = new URL(url);
  const host = u.searchParams.get('host') ?? (u.hostname || 'the local socket');
  return `${host}${u.port ? `:${u.port}` : ''}${decodeURIComponent(u.pathname)}`;
}

/**
 * The `copy-to-postgres` command, in-process: parses `argv` (without node and the script),
 * copies, and resolves to the exit status. Every failure is one line on stderr.
 */
export async function runCopyToPostgres(argv: readonly string[], io: CommandIo): Promise<number> {
  const fail = (code: number, sentence: string) => {
    io.stderr.write(`${NAME}: ${sentence}\n`);
    return code;
  };
  let opts: { from: string; to: string; batch: number; quiet: boolean };
  try {
    opts = program(io).parse(argv, { from: 'user' }).opts();
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    throw err;
  }

  let source: Store;
  try {
    source = openSqliteStore(opts.from, { readOnly: true });
  } catch (err) {
    if (err instanceof SqliteSourceError || err instanceof SchemaTooNewError)
      return fail(2, err.message);
    throw err;
  }
  try {
    let dest: Store;
    try {
      // Two connections: the copy writes one batch at a time.
      dest = await openPostgresStore(opts.to, { poolSize: 2, statementTimeoutMs: 600_000 });
    } catch (err) {
      if (err instanceof StoreOpenError) return fail(2, err.message);
      throw err;
    }
    let summary: CopySummary;
    try {
      summary = await copyStore(source, dest, {
        batchSize: opts.batch,
        onProgress: ({ kind, done, batch }) => {
          if (!opts.quiet)
            io.stderr.write(
              `${kind}: ${done} copied (this batch: ${kind === 'pictures' ? pictureCounts(batch) : counts(batch)})\n`,
            );
        },
      });
    } catch (err) {
      if (err instanceof ConflictError || err instanceof UnknownFeedError)
        return fail(2, `${err.message} in ${target(opts.to)}; nothing of that batch was written`);
      if (err instanceof StoreUnavailableError)
        return fail(1, `the copy stopped: ${err.message}; run it again to finish`);
      throw err;
    } finally {
      await dest.close();
    }
    const pictures = total(summary.media);
    const keys = total(summary.keys);
    const feeds = total(summary.feeds);
    const items = total(summary.feedItems);
    const publications = total(summary.publications);
    const issues = total(summary.issues);
    const deliveries = total(summary.deliveries);
    io.stdout.write(
      `copied ${total(summary.articles)} articles (${counts(summary.articles)}), ${total(summary.editions)} curated editions (${counts(summary.editions)}), ${pictures} picture${plural(pictures)} (${pictureCounts(summary.media)}), ${keys} API key${plural(keys)} (${counts(summary.keys)}), ${feeds} feed${plural(feeds)} (${counts(summary.feeds)}) with ${items} item${plural(items)} (${counts(summary.feedItems)}), ${publications} publication${plural(publications)} (${counts(summary.publications)}) with ${issues} issue${plural(issues)} (${counts(summary.issues)}) and ${deliveries} ${deliveries === 1 ? 'delivery' : 'deliveries'} (${counts(summary.deliveries)}) from ${opts.from} to ${target(opts.to)}\n`,
    );
    return 0;
  } finally {
    await source.close();
  }
}
