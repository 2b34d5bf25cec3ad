import { describe, expect, it } from 'vitest';
import { decodeHtml, decodeXml } from './charset.js';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))),
  );
const QUOTED_1252 = [0x93, ...Buffer.from('quoted'), 0x94];
const NIHON_SJIS = [0x93, 0xfa, 0x96, 0x7b]; // 日本

describe('decodeHtml', () => {
  it.each([
    ['no declaration: UTF-8', bytes('<p>caf', [0xc3, 0xa9], '</p>'), '', '<p>café</p>'],
    [
      'header charset windows-1252: curly quotes',
      bytes('<p>', QUOTED_1252, '</p>'),
      'text/html; charset=windows-1252',
      '<p>“quoted”</p>',
    ],
    [
      'header latin1 is windows-1252',
      bytes('<p>', QUOTED_1252, '</p>'),
      'text/html; charset=ISO-8859-1',
      '<p>“quoted”</p>',
    ],
    [
      'quoted header parameter',
      bytes('<p>', NIHON_SJIS, '</p>'),
      'text/html; charset="Shift_JIS"',
      '<p>日本</p>',
    ],
    [
      'meta charset',
      bytes('<meta charset="shift_jis"><p>', NIHON_SJIS, '</p>'),
      'text/html',
      '<meta charset="shift_jis"><p>日本</p>',
    ],
    [
      'meta http-equiv',
      bytes(
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>',
        QUOTED_1252,
      ),
      '',
      '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>“quoted”',
    ],
    [
      'header wins over meta',
      bytes('<meta charset="shift_jis"><p>', QUOTED_1252),
      'text/html; charset=windows-1252',
      '<meta charset="shift_jis"><p>“quoted”',
    ],
    [
      'BOM wins over header, and is dropped',
      bytes([0xef, 0xbb, 0xbf], '<p>caf', [0xc3, 0xa9]),
      'text/html; charset=windows-1252',
      '<p>café',
    ],
    [
      'UTF-16LE BOM',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<p>é</p>', 'utf16le')]),
      '',
      '<p>é</p>',
    ],
    [
      'unknown label: UTF-8',
      bytes('<p>caf', [0xc3, 0xa9]),
      'text/html; charset=no-such-charset',
      '<p>café',
    ],
    ['unparseable Content-Type: sniffed', bytes('<p>caf', [0xc3, 0xa9]), ';;;', '<p>café'],
  ])('%s', (_, input, contentType, text) => {
    expect(decodeHtml(input, contentType)).toBe(text);
  });
});

const decl = (encoding: string) => `<?xml version="1.0" encoding="${encoding}"?>`;
const CAFE_LATIN1 = [0x63, 0x61, 0x66, 0xe9]; // café

describe('decodeXml', () => {
  it.each([
    [
      'no declaration, no header: UTF-8',
      bytes('<rss>caf', [0xc3, 0xa9], '</rss>'),
      '',
      'utf-8',
      '<rss>café</rss>',
    ],
    [
      'declaration ISO-8859-1',
      bytes(decl('ISO-8859-1'), '<rss>', CAFE_LATIN1, '</rss>'),
      '',
      'windows-1252',
      `${decl('ISO-8859-1')}<rss>café</rss>`,
    ],
    [
      'declaration windows-1252 with curly quotes',
      bytes(decl('windows-1252'), '<rss>', QUOTED_1252, '</rss>'),
      'application/rss+xml',
      'windows-1252',
      `${decl('windows-1252')}<rss>“quoted”</rss>`,
    ],
    [
      'declaration wins over a wrong header charset',
      bytes(decl('ISO-8859-1'), '<rss>', CAFE_LATIN1, '</rss>'),
      'application/rss+xml; charset=utf-8',
      'windows-1252',
      `${decl('ISO-8859-1')}<rss>café</rss>`,
    ],
    [
      'header charset when there is no declaration',
      bytes('<rss>', QUOTED_1252, '</rss>'),
      'text/xml; charset=windows-1252',
      'windows-1252',
      '<rss>“quoted”</rss>',
    ],
    [
      'declared UTF-8 but not UTF-8: windows-1252',
      bytes(decl('UTF-8'), '<rss>', CAFE_LATIN1, '</rss>'),
      '',
      'windows-1252',
      `${decl('UTF-8')}<rss>café</rss>`,
    ],
    [
      'BOM wins over declaration and header',
      bytes([0xef, 0xbb, 0xbf], decl('ISO-8859-1'), '<rss>caf', [0xc3, 0xa9], '</rss>'),
      'text/xml; charset=windows-1252',
      'utf-8',
      `${decl('ISO-8859-1')}<rss>café</rss>`,
    ],
    [
      'unknown declared label: header, then UTF-8',
      bytes(decl('x-klingon'), '<rss>caf', [0xc3, 0xa9], '</rss>'),
      '',
      'utf-8',
      `${decl('x-klingon')}<rss>café</rss>`,
    ],
  ])('%s', (_, input, contentType, encoding, text) => {
    const decoded = decodeXml(input, contentType);
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text).toBe(text);
  });

  it.each([
    [
      'a declared charset overruled by bad bytes',
      bytes(decl('UTF-8'), '<rss>', CAFE_LATIN1),
      /not valid UTF-8 although UTF-8 was declared/,
    ],
    [
      'a header overruled by the declaration',
      bytes(decl('ISO-8859-1'), '<rss/>'),
      /declaration \(ISO-8859-1\) overrules the Content-Type charset \(utf-8\)/,
    ],
  ])('says why when %s', (_, input, note) => {
    expect(decodeXml(input, 'text/xml; charset=utf-8').note).toMatch(note);
  });
});
