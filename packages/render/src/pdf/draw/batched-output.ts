/** The parts of a pdfkit 0.20.2 document this module touches (the version is pinned exactly). */
interface DocumentInternals {
  _write(data: string | Uint8Array): void;
  _offset: number;
  push(chunk: Uint8Array | null): boolean;
}

/** Text collected before it goes to the readable side as one chunk. */
const BATCH = 1 << 16;

/**
 * Makes a pdfkit document hand its output to the readable side in chunks of about 64 KiB.
 * pdfkit pushes every line of every object as its own Uint8Array (tens of thousands for an
 * edition), each converted by a JavaScript loop and then buffered by the stream. The bytes
 * and the offsets the cross-reference table records are the same: pdfkit's conversion keeps
 * the low byte of each character, as latin1 does, and every line still counts when written.
 */
export function batchOutput(doc: unknown): void {
  const d = doc as DocumentInternals;
  const push = d.push.bind(d);
  let text: string[] = [];
  let size = 0;
  const flush = () => {
    if (size === 0) return;
    push(Buffer.from(text.join(''), 'latin1'));
    text = [];
    size = 0;
  };
  d._write = (data) => {
    if (typeof data === 'string') {
      const line = `${data}\n`;
      text.push(line);
      size += line.length;
      d._offset += line.length;
      if (size >= BATCH) flush();
      return;
    }
    flush();
    push(data);
    d._offset += data.length;
  };
  // pdfkit ends the document with push(null); the last lines go out first.
  d.push = (chunk) => {
    if (chunk === null) flush();
    return push(chunk);
  };
}
