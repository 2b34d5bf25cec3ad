import { ValidationError } from '@broadsheet/model';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Input files must be UTF-8: a file in another encoding would otherwise turn into
 * replacement characters in the book without anyone noticing. A leading BOM is dropped
 * (JSON.parse rejects it and editors on Windows add it).
 */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ValidationError([{ path: '', message: 'is not valid UTF-8 text' }]);
  }
}
