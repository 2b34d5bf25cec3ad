import { fileTypeFromBuffer } from 'file-type';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The media type the bytes themselves show (magic numbers, via file-type), never what a
 * server claimed. Text formats have no magic number: a leading `<?xml`, an HTML tag or a JSON
 * opener in valid UTF-8 is recognised; other valid UTF-8 is text/plain and anything else
 * application/octet-stream. SVG stays application/xml, so image pipelines refuse it.
 */
export async function sniffType(bytes: Uint8Array): Promise<string> {
  const found = await fileTypeFromBuffer(bytes);
  if (found !== undefined) return found.mime;
  let text: string;
  try {
    text = UTF8.decode(bytes.subarray(0, Math.min(bytes.byteLength, 4096)));
  } catch {
    // A multi-byte character cut at 4096 bytes is not a reason to call it binary.
    if (bytes.byteLength <= 4096) return 'application/octet-stream';
    try {
      text = UTF8.decode(bytes.subarray(0, 4093)).slice(0, -1);
    } catch {
      return 'application/octet-stream';
    }
  }
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (/^<\?xml/i.test(head)) return 'application/xml';
  if (/^<(!doctype\s+html|html|head|body)\b/i.test(head)) return 'text/html';
  if (/^[[{]/.test(head)) return 'application/json';
  if (/^</.test(head)) return 'text/html';
  return 'text/plain';
}
