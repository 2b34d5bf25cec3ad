import { readFile, stat } from 'node:fs/promises';
import type { Logger } from 'pino';
import { asciiFileName } from '../downloads/filename.js';
import { downloadInput } from '../downloads/download-input.js';
import { resolveEdition } from '../editions/resolve.js';
import {
  RenderFailedError,
  RenderQueueFullError,
  RenderStorageError,
  type RenderService,
} from '../render/types.js';
import type { Delivery, DeliveryOutcome, Store } from '../store/types.js';
import { createMailer, MailError, type Mailer, type MailSettings } from './mailer.js';
import { MAIL_NOT_CONFIGURED, mailText, tooLargeWithoutLink } from './messages.js';

/** Waits after the 1st, 2nd, 3rd and 4th failed attempt; the 5th failure is final. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** How long a claimed delivery stays with its sender: a render plus a send, with room to spare. */
const LEASE_MS = 10 * 60_000;
/** Deliveries one run claims: bounded, so that shutdown never waits long. */
const BATCH = 20;

export interface DeliverySenderDeps {
  store: Store;
  renderer: RenderService;
  logger: Logger;
  /** Unset: mail is not configured, and every due delivery fails saying so. */
  mail?: MailSettings | undefined;
  /** BROADSHEET_PUBLIC_URL: the edition's download link in the mail. */
  publicUrl?: string | undefined;
  now?: (() => Date) | undefined;
  /** The SMTP client (tests and the default: nodemailer over `mail.smtpUrl`). */
  mailer?: Mailer | undefined;
}

export interface DeliveryRun {
  sent: number;
  retried: number;
  failed: number;
}

/** A failure worth another attempt, unless attempts are used up. */
class RetryableError extends Error {}

/**
 * Sends what is due: claims due deliveries (a lease, so one replica sends each), renders the
 * edition's EPUB as its download does, mails it, and records the outcome; a failed attempt is
 * tried again after RETRY_DELAYS_MS, a 5xx answer or the last attempt fails for good.
 */
export function createDeliverySender(deps: DeliverySenderDeps): {
  sendDue(): Promise<DeliveryRun>;
  close(): void;
} {
  const now = deps.now ?? (() => new Date());
  const mailer = deps.mailer ?? (deps.mail ? createMailer(deps.mail) : undefined);

  async function attempt(delivery: Delivery): Promise<DeliveryOutcome> {
    if (deps.mail === undefined || mailer === undefined)
      return { status: 'failed', error: MAIL_NOT_CONFIGURED };
    const resolved = await resolveEdition(deps.store, delivery.editionId);
    if (!resolved)
      return { status: 'failed', error: `the edition "${delivery.editionId}" no longer exists` };
    const { edition } = resolved;
    let path: string;
    try {
      const input = await downloadInput(deps.store.media, edition, 'epub', {}, false);
      path = (await deps.renderer.file('epub', input, {})).path;
    } catch (err) {
      if (err instanceof RenderFailedError && err.reason === 'threw')
        return { status: 'failed', error: `rendering the EPUB failed: ${err.message}` };
      if (
        err instanceof RenderFailedError ||
        err instanceof RenderQueueFullError ||
        err instanceof RenderStorageError
      )
        throw new RetryableError(`rendering the EPUB failed: ${err.message}`);
      throw err;
    }
    const size = (await stat(path)).size;
    const link =
      deps.publicUrl === undefined
        ? undefined
        : `${deps.publicUrl}/v1/editions/${encodeURIComponent(edition.id)}.epub`;
    const attached = size <= deps.mail.maxBytes;
    if (!attached && link === undefined)
      return { status: 'failed', error: tooLargeWithoutLink(size, deps.mail.maxBytes) };
    try {
      const messageId = await mailer.send({
        to: delivery.recipient,
        subject: edition.title,
        text: mailText({
          title: edition.title,
          link,
          attached,
          size,
          maxBytes: deps.mail.maxBytes,
        }),
        ...(attached && {
          attachment: {
            filename: asciiFileName(edition.id, 'epub', `edition-${edition.date}`),
            content: await readFile(path),
            contentType: 'application/epub+zip',
          },
        }),
      });
      return { status: 'sent', messageId, at: now().toISOString() };
    } catch (err) {
      if (err instanceof MailError && err.permanent)
        return { status: 'failed', error: `the mail server refused it: ${err.message}` };
      throw new RetryableError(err instanceof Error ? err.message : String(err));
    }
  }

  function retry(delivery: Delivery, error: string): DeliveryOutcome {
    const delay = RETRY_DELAYS_MS[delivery.attempts - 1];
    if (delay === undefined)
      return { status: 'failed', error: `gave up after ${delivery.attempts} attempts: ${error}` };
    return { status: 'pending', error, retryAt: new Date(now().getTime() + delay).toISOString() };
  }

  return {
    async sendDue() {
      const run: DeliveryRun = { sent: 0, retried: 0, failed: 0 };
      const due = await deps.store.deliveries.claimDue(now(), BATCH, LEASE_MS);
      for (const delivery of due) {
        let outcome: DeliveryOutcome;
        try {
          outcome = await attempt(delivery);
        } catch (err) {
          // Anything unforeseen (the database, the disk) is retried like a refused connection.
          if (!(err instanceof RetryableError))
            deps.logger.error({ err, deliveryId: delivery.id }, 'a delivery attempt failed');
          outcome = retry(delivery, err instanceof Error ? err.message : String(err));
        }
        await deps.store.deliveries.settle(delivery, outcome);
        const level = outcome.status === 'sent' ? 'info' : 'warn';
        deps.logger[level](
          {
            deliveryId: delivery.id,
            editionId: delivery.editionId,
            attempt: delivery.attempts,
            status: outcome.status,
            ...(outcome.status !== 'sent' && { reason: outcome.error }),
          },
          `delivery ${outcome.status}`,
        );
        if (outcome.status === 'sent') run.sent++;
        else if (outcome.status === 'failed') run.failed++;
        else run.retried++;
      }
      return run;
    },
    close: () => mailer?.close(),
  };
}
