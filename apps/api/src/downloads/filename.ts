import contentDisposition from 'content-disposition';

/**
 * The file name `base.extension` in printable ASCII, as old mail and HTTP clients need it:
 * diacritics folded, other scripts dropped; `fallbackBase` when nothing is left.
 */
export function asciiFileName(base: string, extension: string, fallbackBase: string): string {
  const ascii = base
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return `${ascii || fallbackBase}.${extension}`;
}

/**
 * `attachment` with the UTF-8 name in `filename*` and the ASCII one (asciiFileName) in `filename`.
 */
export function attachment(base: string, extension: string, fallbackBase: string): string {
  return contentDisposition(`${base}.${extension}`, {
    type: 'attachment',
    fallback: asciiFileName(base, extension, fallbackBase),
  });
}
