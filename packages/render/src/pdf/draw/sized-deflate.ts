import { deflateSync } from 'node:zlib';

/** The parts of a pdfkit 0.20.2 PDFReference this module touches (the version is pinned exactly). */
interface ReferenceInternals {
  document: object;
  compress: boolean;
  buffer: Uint8Array[];
  finalize: (this: ReferenceInternals) => unknown;
}

/** zlib's header for a 32 KiB window at the default level: what pdfkit's streams start with. */
const DEFAULT_HEADER = [0x78, 0x9c] as const;

/**
 * Deflates one PDF stream to exactly the bytes of zlib's defaults (what pdfkit writes), with a
 * window no larger than the stream needs. zlib allocates its window and match chains per call
 * (~200 KB at the default 32 KiB window), and a stream shorter than the window minus zlib's
 * lookahead (262 bytes) is read into the window whole, so a smaller window finds the same
 * matches: only the header's window size differs, and the default header stays valid for it
 * (it states an upper bound). The memory level stays at its default: a smaller hash table would
 * change the matches found.
 */
export function deflateStream(data: Uint8Array): Buffer {
  const windowBits = Math.min(15, Math.max(9, Math.ceil(Math.log2(data.length + 262))));
  const out = deflateSync(data, { windowBits });
  out[0] = DEFAULT_HEADER[0];
  out[1] = DEFAULT_HEADER[1];
  return out;
}

const ours = new WeakSet<object>();
const PATCHED = Symbol('broadsheet.sizedDeflate');

/**
 * Makes the compressed streams of this pdfkit document go through `deflateStream`. pdfkit's
 * stream class is not exported, so its prototype is reached through the catalog reference and
 * patched once; documents not passed here (a pdfkit document elsewhere in the same process)
 * keep pdfkit's own compression.
 */
export function deflateStreamsSized(doc: object): void {
  ours.add(doc);
  const root = (doc as { _root?: unknown })._root;
  if (typeof root !== 'object' || root === null) throw new Error('pdfkit document has no catalog');
  const proto = Object.getPrototypeOf(root) as ReferenceInternals & { [PATCHED]?: true };
  if (proto[PATCHED]) return;
  const finalize = proto.finalize;
  proto.finalize = function (this: ReferenceInternals) {
    if (this.compress && this.buffer.length > 0 && ours.has(this.document)) {
      // pdfkit has already marked the stream FlateDecode; it now writes these bytes as they are.
      this.buffer = [deflateStream(Buffer.concat(this.buffer))];
      this.compress = false;
    }
    return finalize.call(this);
  };
  proto[PATCHED] = true;
}
