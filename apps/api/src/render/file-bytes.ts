import { read } from 'node:fs';

/** Reads `length` bytes at `position` from an open file; fails if the file ends first. */
export function readFully(fd: number, length: number, position: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  return new Promise((resolve, reject) => {
    const next = (done: number) => {
      if (done === length) {
        resolve(buffer);
        return;
      }
      read(fd, buffer, done, length - done, position + done, (err, n) => {
        if (err) reject(err);
        else if (n === 0) reject(new Error('the file ended before its recorded size'));
        else next(done + n);
      });
    };
    next(0);
  });
}

/**
 * Bytes of small cache files as read from a verified version, by path, least recently used
 * first out. An entry is served only while a stat of the path shows that same version, so it
 * is exactly what a read of the file would give; it saves the open, read and close.
 */
export class BytesCache {
  private readonly entries = new Map<string, { version: string; bytes: Buffer }>();
  private total = 0;

  constructor(
    /** Largest file kept. */
    readonly fileMax: number,
    /** Bytes kept in all. */
    private readonly totalMax: number,
  ) {}

  get(path: string, version: string): Buffer | undefined {
    const entry = this.entries.get(path);
    if (entry === undefined) return undefined;
    this.entries.delete(path);
    if (entry.version !== version) {
      this.total -= entry.bytes.length;
      return undefined;
    }
    this.entries.set(path, entry);
    return entry.bytes;
  }

  has(path: string): boolean {
    return this.entries.has(path);
  }

  set(path: string, version: string, bytes: Buffer): void {
    this.delete(path);
    if (bytes.length > this.fileMax) return;
    this.entries.set(path, { version, bytes });
    this.total += bytes.length;
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.totalMax) break;
      this.entries.delete(oldest);
      this.total -= entry.bytes.length;
    }
  }

  delete(path: string): void {
    const entry = this.entries.get(path);
    if (entry === undefined) return;
    this.entries.delete(path);
    this.total -= entry.bytes.length;
  }
}
