/** The charset a page declares: Content-Type parameter, else a <meta> in its first 1024 bytes. */
function declaredCharset(contentType: string, bytes: Uint8Array): string | undefined {
  const fromHeader = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType)?.[1];
  if (fromHeader) return fromHeader;
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1];
}

// windows-1252 at 0x80-0x9F (undefined slots stay C1 controls, as the WHATWG table has them).
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * Node 20's TextDecoder reads "windows-1252" (and "latin1", which the Encoding standard maps
 * to it) as ISO-8859-1, turning curly quotes into control characters; decode it by table.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes)
    out += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
  return out;
}

/** Decodes an HTML body the way a browser picks the encoding (BOM, header, meta), UTF-8 by default. */
export function decodeHtml(bytes: Uint8Array, contentType = ''): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes);
  const label = declaredCharset(contentType, bytes) ?? 'utf-8';
  try {
    const decoder = new TextDecoder(label);
    return decoder.encoding === 'windows-1252' ? decodeWindows1252(bytes) : decoder.decode(bytes);
  } catch {
    // An unknown label: read as UTF-8 rather than fail, as browsers do.
    return new TextDecoder('utf-8').decode(bytes);
  }
}
