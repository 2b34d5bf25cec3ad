import { openEpub } from '@broadsheet/testing';
import { describe, expect, it } from 'vitest';
import { zipEntries, type ZipEntry } from './zip.js';

const text = (s: string) => new TextEncoder().encode(s);
const DATE = new Date('2026-11-28T23:30:58Z');

const entries: ZipEntry[] = [
  { name: 'mimetype', data: text('application/epub+zip'), compress: false },
  { name: 'OEBPS/', data: new Uint8Array(0), compress: true },
  { name: 'OEBPS/chapter.xhtml', data: text('<p>news </p>'.repeat(500)), compress: true },
  { name: 'OEBPS/empty.css', data: new Uint8Array(0), compress: true },
  {
    name: 'OEBPS/images/picture.png',
    data: new Uint8Array([137, 80, 78, 71, 1, 2, 3]),
    compress: false,
  },
  { name: 'OEBPS/čeština-漢字.xhtml', data: text('<p>Příliš žluťoučký</p>'), compress: true },
];

/** The local file headers in archive order, read from the bytes as a zip reader would. */
function localHeaders(zip: Buffer) {
  const headers = [];
  let at = 0;
  while (zip.readUInt32LE(at) === 0x04034b50) {
    const nameLength = zip.readUInt16LE(at + 26);
    const extraLength = zip.readUInt16LE(at + 28);
    const compressedSize = zip.readUInt32LE(at + 18);
    headers.push({
      flags: zip.readUInt16LE(at + 6),
      method: zip.readUInt16LE(at + 8),
      time: zip.readUInt16LE(at + 10),
      date: zip.readUInt16LE(at + 12),
      compressedSize,
      size: zip.readUInt32LE(at + 22),
      extraLength,
      name: zip.subarray(at + 30, at + 30 + nameLength).toString('utf8'),
    });
    at += 30 + nameLength + extraLength + compressedSize;
  }
  return headers;
}

describe('zipEntries', () => {
  it('round-trips every entry through an independent reader, in the order given', () => {
    const zip = zipEntries(entries, DATE);
    const book = openEpub(zip);
    for (const entry of entries.filter((e) => !e.name.endsWith('/'))) {
      expect(Buffer.from(book.bytes(entry.name)).equals(Buffer.from(entry.data))).toBe(true);
    }
    expect(localHeaders(zip).map((h) => h.name)).toEqual(entries.map((e) => e.name));
  });

  it.each([
    ['mimetype', 0],
    ['OEBPS/images/picture.png', 0],
    ['OEBPS/chapter.xhtml', 8],
  ])('stores or deflates %s as asked (method %i)', (name, method) => {
    const header = localHeaders(zipEntries(entries, DATE)).find((h) => h.name === name);
    expect(header?.method).toBe(method);
    if (method === 8) expect(header?.compressedSize).toBeLessThan(header?.size ?? 0);
  });

  it('starts with the EPUB mimetype entry stored, with sizes and no extra field', () => {
    const [first] = localHeaders(zipEntries(entries, DATE));
    expect(first).toMatchObject({ name: 'mimetype', method: 0, size: 20, extraLength: 0 });
  });

  it('flags UTF-8 only on names that are not ASCII', () => {
    const flags = localHeaders(zipEntries(entries, DATE)).map((h) => h.flags & 0x0800);
    expect(flags).toEqual([0, 0, 0, 0, 0, 0x0800]);
  });

  it('dates every entry from the UTC fields and gives the same bytes in any time zone', () => {
    const before = process.env['TZ'];
    try {
      process.env['TZ'] = 'Pacific/Kiritimati';
      const a = zipEntries(entries, DATE);
      process.env['TZ'] = 'America/Los_Angeles';
      const b = zipEntries(entries, DATE);
      expect(a.equals(b)).toBe(true);
      for (const h of localHeaders(a)) {
        expect(h.date).toBe(((2026 - 1980) << 9) | (11 << 5) | 28);
        expect(h.time).toBe((23 << 11) | (30 << 5) | 29);
      }
    } finally {
      if (before === undefined) delete process.env['TZ'];
      else process.env['TZ'] = before;
    }
  });
});
