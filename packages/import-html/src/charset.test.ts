import { describe, expect, it } from 'vitest';
import { decodeHtml } from './charset.js';

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
