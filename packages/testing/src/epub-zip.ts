import { strFromU8, unzipSync } from 'fflate';

/** An EPUB opened as a zip: entry names in archive order, bytes and text by name. */
export interface EpubArchive {
  names: string[];
  bytes(name: string): Uint8Array;
  text(name: string): string;
}

/** Opens an EPUB in memory so tests can read its package document and chapters. */
export function openEpub(epub: Uint8Array): EpubArchive {
  const entries = unzipSync(epub);
  const names = Object.keys(entries);
  const bytes = (name: string): Uint8Array => {
    const data = entries[name];
    if (data === undefined)
      throw new Error(`no ${name} in the EPUB (entries: ${names.join(', ')})`);
    return data;
  };
  return { names, bytes, text: (name) => strFromU8(bytes(name)) };
}
