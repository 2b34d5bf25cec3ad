/** Why a delivery could not even be tried: shown as its `lastError`. */
export const MAIL_NOT_CONFIGURED =
  'mail is not configured on this server: set BROADSHEET_SMTP_URL and BROADSHEET_MAIL_FROM, then send the edition again (POST /v1/editions/{id}/deliveries)';

const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;

export function tooLargeWithoutLink(size: number, maxBytes: number): string {
  return `the EPUB is ${mb(size)}, above BROADSHEET_MAIL_MAX_BYTES (${mb(maxBytes)}), and BROADSHEET_PUBLIC_URL is not set, so no download link can be mailed instead`;
}

/** The text of a mailed issue. */
export function mailText(options: {
  title: string;
  link: string | undefined;
  attached: boolean;
  size: number;
  maxBytes: number;
}): string {
  const lines = [options.title, ''];
  if (options.attached) lines.push('The EPUB of this edition is attached.');
  else
    lines.push(
      `The EPUB of this edition (${mb(options.size)}) is larger than this server mails (${mb(options.maxBytes)}), so it is not attached.`,
    );
  if (options.link !== undefined) lines.push('', `Download it: ${options.link}`);
  return `${lines.join('\n')}\n`;
}
