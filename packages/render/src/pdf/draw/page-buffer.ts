/** The parts of a pdfkit 0.20.2 page this module touches (the version is pinned exactly). */
interface PageInternals {
  write(chunk: string | Uint8Array): unknown;
  end(): unknown;
  content: { write(chunk: string | Uint8Array): unknown };
}

/**
 * Makes a pdfkit page collect its content operators as strings and hand them to the content
 * stream as one chunk when the page ends. pdfkit turns every operator it is given into its own
 * Uint8Array (a few hundred per page); those outlive several young-generation collections,
 * so V8 promotes them and only a full collection frees them, which is most of what made a
 * long edition's resident memory grow. The stream's bytes are the same: pdfkit ends every
 * chunk with a newline, and the parts are joined with one.
 */
export function bufferPageContent(page: unknown): void {
  const p = page as PageInternals;
  let parts: string[] = [];
  const flush = () => {
    if (parts.length === 0) return;
    p.content.write(parts.join('\n'));
    parts = [];
  };
  p.write = (chunk) => {
    if (typeof chunk === 'string') parts.push(chunk);
    else {
      flush();
      p.content.write(chunk);
    }
    return undefined;
  };
  const end = p.end.bind(p);
  p.end = () => {
    flush();
    return end();
  };
}
