import { TextDecoder } from '@exodus/bytes/encoding.js';
import sniffHtmlEncoding from 'html-encoding-sniffer';
import { MIMEType } from 'node:util';

/** The charset parameter of a Content-Type header; undefined when absent or unparseable. */
function headerCharset(contentType: string): string | undefined {
  try {
    return new MIMEType(contentType).params.get('charset') ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Decodes an HTML body the way a browser picks the encoding: the HTML standard's sniffing
 * (BOM, then the Content-Type charset, then a <meta> in the first 1024 bytes), UTF-8 when none
 * says, and an unknown label ignored. @exodus/bytes decodes by the WHATWG tables, so
 * windows-1252 gets its curly quotes (Node 20's TextDecoder reads it as ISO-8859-1).
 */
export function decodeHtml(bytes: Uint8Array, contentType = ''): string {
  const label = headerCharset(contentType);
  const encoding = sniffHtmlEncoding(bytes, {
    ...(label !== undefined && { transportLayerEncodingLabel: label }),
    defaultEncoding: 'UTF-8',
  });
  return new TextDecoder(encoding).decode(bytes);
}
