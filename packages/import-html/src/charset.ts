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

export interface DecodedXml {
  readonly text: string;
  /** The WHATWG name of the encoding used, e.g. `windows-1252`. */
  readonly encoding: string;
  /** Why the encoding was chosen, or why a declared one was overruled (for warnings). */
  readonly note?: string;
}

const XML_DECLARATION_ENCODING =
  /^\s*<\?xml[^>]{0,200}?\bencoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']/;

function knownEncoding(label: string | undefined): string | undefined {
  if (label === undefined) return undefined;
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
}

function bomEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return undefined;
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decodes an XML document (a feed) or JSON: the BOM, then the XML declaration's `encoding`,
 * then the Content-Type charset, else UTF-8. The declaration wins over the header, unlike
 * RFC 7303, because a feed's header is usually a server default (`text/xml; charset=utf-8`
 * on an ISO-8859-1 file) while the declaration is written by the program that wrote the
 * bytes. Bytes that are not valid UTF-8 although UTF-8 was chosen are read as windows-1252,
 * the encoding such feeds nearly always turn out to be in (the `note` says so). Decoding is
 * by the WHATWG tables, so ISO-8859-1 is read as windows-1252, as browsers do.
 */
export function decodeXml(bytes: Uint8Array, contentType = ''): DecodedXml {
  const bom = bomEncoding(bytes);
  if (bom !== undefined) return { text: new TextDecoder(bom).decode(bytes), encoding: bom };
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 256));
  const declaredLabel = XML_DECLARATION_ENCODING.exec(head)?.[1];
  const headerLabel = headerCharset(contentType);
  const declared = knownEncoding(declaredLabel);
  const header = knownEncoding(headerLabel);
  // A declaration of UTF-16 on bytes without a BOM that read as ASCII is a lie: the
  // declaration itself was just read as single bytes.
  const chosen = declared !== undefined && !declared.startsWith('utf-16') ? declared : header;
  const encoding = chosen ?? 'utf-8';
  if (encoding === 'utf-8' && !isUtf8(bytes))
    return {
      text: new TextDecoder('windows-1252').decode(bytes),
      encoding: 'windows-1252',
      note: `the bytes are not valid UTF-8${chosen === undefined ? '' : ` although ${declaredLabel ?? headerLabel ?? 'utf-8'} was declared`}; read as windows-1252`,
    };
  const overruled =
    declared !== undefined && header !== undefined && declared !== header
      ? `the XML declaration (${declaredLabel}) overrules the Content-Type charset (${headerLabel})`
      : undefined;
  return {
    text: new TextDecoder(encoding).decode(bytes),
    encoding,
    ...(overruled !== undefined && { note: overruled }),
  };
}
