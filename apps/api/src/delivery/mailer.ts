import nodemailer from 'nodemailer';

/** Where and how issues are mailed (BROADSHEET_SMTP_URL, _MAIL_FROM, _MAIL_MAX_BYTES). */
export interface MailSettings {
  /** smtp:// or smtps:// URL, credentials included: a secret, never logged. */
  smtpUrl: string;
  from: string;
  /** Largest EPUB attached; a larger one is sent as a link (or the delivery fails). */
  maxBytes: number;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  attachment?: { filename: string; content: Buffer; contentType: string };
}

export interface Mailer {
  /** Resolves with the Message-ID once the server accepted the mail; throws MailError. */
  send(mail: OutgoingMail): Promise<string>;
  close(): void;
}

/**
 * The SMTP server did not take the mail. `permanent` when it answered 5xx (an unknown
 * recipient, a message too large, a sender refused): trying again would get the same answer.
 */
export class MailError extends Error {
  override readonly name = 'MailError';
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

function toMailError(err: unknown): MailError {
  const e = err as { responseCode?: unknown; response?: unknown; message?: unknown } | null;
  const code = typeof e?.responseCode === 'number' ? e.responseCode : undefined;
  const response = typeof e?.response === 'string' ? e.response : undefined;
  const message = response ?? (typeof e?.message === 'string' ? e.message : String(err));
  return new MailError(message, code !== undefined && code >= 500 && code < 600);
}

/** A mailer over nodemailer's SMTP transport: one connection per mail, bounded waits. */
export function createMailer(settings: Pick<MailSettings, 'smtpUrl' | 'from'>): Mailer {
  const transport = nodemailer.createTransport({
    url: settings.smtpUrl,
    // A server that does not answer must not hold the delivery job for minutes.
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    async send(mail) {
      try {
        const info = await transport.sendMail({
          from: settings.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          ...(mail.attachment && { attachments: [mail.attachment] }),
        });
        return info.messageId;
      } catch (err) {
        throw toMailError(err);
      }
    },
    close: () => transport.close(),
  };
}
