import { close, createReadStream } from 'node:fs';
import { readFully } from '../render/file-bytes.js';
import type { Request, Response } from 'express';
import { HttpProblem } from '../http/problem.js';
import type { OpenedFile } from '../render/types.js';
import { parseRange } from './byte-range.js';

/** Files (or ranges) up to this size are read in one call and sent as one buffer. */
const ONE_READ_MAX = 256 * 1024;

function httpDate(value: unknown): number {
  return typeof value === 'string' ? Date.parse(value) : NaN;
}

/** Comma-separated entity tags, as `send` splits If-Match. */
function tokens(header: string): string[] {
  return header
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

/** If-Match / If-Unmodified-Since against the validators already set on `res` (RFC 9110 §13.1.1, §13.1.4). */
function preconditionFailed(req: Request, res: Response): boolean {
  const match = req.headers['if-match'];
  if (match) {
    const etag = res.getHeader('ETag');
    if (typeof etag !== 'string') return true;
    return (
      match !== '*' &&
      tokens(match).every((m) => m !== etag && m !== `W/${etag}` && `W/${m}` !== etag)
    );
  }
  const since = httpDate(req.headers['if-unmodified-since']);
  if (!Number.isNaN(since)) {
    const modified = httpDate(res.getHeader('Last-Modified'));
    return Number.isNaN(modified) || modified > since;
  }
  return false;
}

/** If-Range: the range applies only to the representation the client names. */
function rangeFresh(req: Request, res: Response): boolean {
  const ifRange = req.headers['if-range'];
  if (!ifRange) return true;
  if (ifRange.includes('"')) {
    const etag = res.getHeader('ETag');
    return typeof etag === 'string' && ifRange.includes(etag);
  }
  return httpDate(res.getHeader('Last-Modified')) <= httpDate(ifRange);
}

/**
 * Sends a verified cache file (its bytes, or an open descriptor) with the answers `send` (res.sendFile) gave: Accept-Ranges,
 * a single byte range as 206 with Content-Range (If-Range honoured; see parseRange for what
 * RFC 9110 makes of each header: several ranges apart or an invalid one get the whole file,
 * an unsatisfiable one 416), 412 on a failed If-Match or
 * If-Unmodified-Since, HEAD without a body. A descriptor is read in one call when the part
 * sent is small, streamed otherwise, and always closed. Throws HttpProblem
 * for 412/416 before anything is sent.
 */
export async function sendOpenedFile(req: Request, res: Response, file: OpenedFile): Promise<void> {
  let handedOver = false;
  try {
    const size = file.stats.size;
    res.setHeader('Accept-Ranges', 'bytes');
    if (preconditionFailed(req, res)) throw new HttpProblem(412, 'Precondition Failed');
    let start = 0;
    let length = size;
    const rangeHeader = req.headers.range;
    // If-Range is evaluated first: a stale one means the whole file, whatever the range says.
    if (rangeHeader !== undefined && rangeFresh(req, res)) {
      const range = parseRange(rangeHeader, size);
      if (range.kind === 'unsatisfiable') {
        throw new HttpProblem(416, 'Range Not Satisfiable', {
          headers: { 'Content-Range': `bytes */${size}` },
        });
      }
      // Several ranges that stay apart get the whole file (RFC 9110 lets a server ignore Range).
      const only =
        range.kind === 'ranges' && range.ranges.length === 1 ? range.ranges[0] : undefined;
      if (only !== undefined) {
        res.status(206);
        res.setHeader('Content-Range', `bytes ${only.start}-${only.end}/${size}`);
        start = only.start;
        length = only.end - only.start + 1;
      }
    }
    res.setHeader('Content-Length', length);
    if (req.method === 'HEAD' || length === 0) {
      res.end();
      return;
    }
    if (file.bytes !== undefined) {
      res.end(file.bytes.subarray(start, start + length));
      return;
    }
    if (length <= ONE_READ_MAX) {
      res.end(await readFully(file.fd, length, start));
      return;
    }
    const stream = createReadStream('', { fd: file.fd, start, end: start + length - 1 });
    handedOver = true;
    // A client that hangs up stops the read (and so closes the file); a read error midway can
    // only cut the response short, as its headers are gone.
    res.once('close', () => stream.destroy());
    stream.once('error', (err) => res.destroy(err));
    stream.pipe(res);
  } finally {
    if (!handedOver && file.fd !== undefined) close(file.fd, () => undefined);
  }
}
