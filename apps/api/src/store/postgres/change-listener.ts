import pg from 'pg';
import { describeDatabaseError } from './errors.js';
import { ARTICLE_CHANGES_CHANNEL } from './migrations.js';

export interface ChangeListenerOptions {
  url: string;
  /** Articles written elsewhere (slugs), or every article (undefined): forget them. */
  onChange(slugs?: readonly string[]): void;
  /**
   * True once LISTEN is in place (after a reconnect too: the caller drops everything cached,
   * since notifications sent while nobody listened are lost); false when the connection is lost.
   */
  onListening(listening: boolean): void;
  onError?: (message: string) => void;
  connectTimeoutMs?: number;
  /** First delay before reconnecting; doubled up to `maxBackoffMs`. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

/** application_name of the listening connection (operators and tests can find it by this). */
export const LISTENER_APPLICATION_NAME = 'broadsheet-api-listener';

/**
 * One dedicated connection per replica LISTENing for article writes (NOTIFY sent by a trigger
 * in the writing transaction). Not a pool client: LISTEN belongs to a session, and a pooled
 * session would be handed to requests. On loss it reconnects with exponential backoff.
 */
export class ChangeListener {
  private client: pg.Client | undefined;
  private stopped = false;
  private backoffMs: number;
  private timer: NodeJS.Timeout | undefined;
  /** Notifications received (tests read it to know a write has been heard). */
  received = 0;
  /** Connections made (the first one included). */
  connections = 0;

  constructor(private readonly options: ChangeListenerOptions) {
    this.backoffMs = options.minBackoffMs ?? 100;
  }

  /** True while LISTEN is in place on a live connection. */
  get listening(): boolean {
    return this.client !== undefined;
  }

  /** Connects and listens; resolves true once listening, false if the first try failed (retries go on). */
  async start(): Promise<boolean> {
    return this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<boolean> {
    const client = new pg.Client({
      connectionString: this.options.url,
      connectionTimeoutMillis: this.options.connectTimeoutMs ?? 5_000,
      keepAlive: true,
      application_name: LISTENER_APPLICATION_NAME,
    });
    let lost = false;
    const onLost = (err?: unknown) => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = undefined;
      client.removeAllListeners('notification');
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      this.options.onListening(false);
      if (err !== undefined) this.options.onError?.(describeDatabaseError(err));
      this.schedule();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (message) => {
      if (message.channel !== ARTICLE_CHANGES_CHANNEL) return;
      this.received += 1;
      const slug = message.payload ?? '';
      this.options.onChange(slug === '' ? undefined : [slug]);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${ARTICLE_CHANGES_CHANNEL}`);
    } catch (err) {
      onLost(err);
      return false;
    }
    if (lost) return false;
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return false;
    }
    this.client = client;
    this.connections += 1;
    this.backoffMs = this.options.minBackoffMs ?? 100;
    this.options.onListening(true);
    return true;
  }

  private schedule(): void {
    if (this.stopped || this.timer) return;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.options.maxBackoffMs ?? 5_000);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.connect();
    }, delay);
    this.timer.unref();
  }
}
