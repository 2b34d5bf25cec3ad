import contentDisposition from 'content-disposition';

/**
 * `attachment` with the UTF-8 name in `filename*` and an ASCII fallback in `filename`
 * (diacritics folded, other scripts dropped; `fallbackBase` when nothing is left).
 */
export function attachment(base: string, extension: string, fallbackBase: string): string {
  const ascii = base
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  const fallback = `${ascii || fallbackBase}.${extension}`;
  return contentDisposition(`${base}.${extension}`, { type: 'attachment', fallback });
}
