import {
  fstatSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendOpenedFile } from './send-file.js';

// Larger than one read, so the file is streamed from its descriptor.
const BIG = Buffer.alloc(600 * 1024);
for (let i = 0; i < BIG.length; i++) BIG[i] = (i * 7 + (i >> 10)) & 0xff;
const SMALL = Buffer.from('small file, sent in one read');

let dir: string;
let server: Server;
let url: string;
/** This process's open descriptors of the test files (Linux: /proc/self/fd). */
function openTestFiles(): string[] {
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      return target.startsWith(dir) ? [target] : [];
    } catch {
      return [];
    }
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'broadsheet-send-file-'));
  writeFileSync(join(dir, 'big.bin'), BIG);
  writeFileSync(join(dir, 'small.bin'), SMALL);
  const app = express();
  // The same file as bytes kept in memory (small cache files are served so).
  app.get('/bytes/:name', async (req, res) => {
    const path = join(dir, req.params.name);
    res.setHeader('ETag', '"v1"');
    const bytes = readFileSync(path);
    await sendOpenedFile(req, res, { path, key: 'k', bytes, stats: statSync(path) });
  });
  app.get('/:name', async (req, res) => {
    const path = join(dir, req.params.name);
    const fd = openSync(path, 'r');
    res.setHeader('ETag', '"v1"');
    await sendOpenedFile(req, res, { path, key: 'k', fd, stats: fstatSync(fd) });
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => {
    server.close(resolve);
    server.closeAllConnections();
  });
  rmSync(dir, { recursive: true, force: true });
});

/** Waits until the route has closed every test file it opened (or gives up after a second). */
async function allClosed(): Promise<string[]> {
  for (let i = 0; i < 50 && openTestFiles().length > 0; i++)
    await new Promise((r) => setTimeout(r, 20));
  return openTestFiles();
}

describe('sendOpenedFile', () => {
  it.each([
    ['a large file, whole', 'big.bin', {}, 200, BIG],
    [
      'a large file, a range across read chunks',
      'big.bin',
      { range: 'bytes=70000-400000' },
      206,
      BIG.subarray(70000, 400001),
    ],
    [
      'a large file, the last bytes',
      'big.bin',
      { range: 'bytes=-5' },
      206,
      BIG.subarray(BIG.length - 5),
    ],
    ['a small file, whole', 'small.bin', {}, 200, SMALL],
    ['a small file, a range', 'small.bin', { range: 'bytes=6-9' }, 206, SMALL.subarray(6, 10)],
    [
      'a stale If-Range, whole file',
      'small.bin',
      { range: 'bytes=6-9', 'if-range': '"v0"' },
      200,
      SMALL,
    ],
  ])('sends %s and closes the file', async (_name, file, headers, status, expected) => {
    for (const path of [`/${file}`, `/bytes/${file}`]) {
      const res = await fetch(`${url}${path}`, { headers });
      expect(res.status, path).toBe(status);
      expect(res.headers.get('accept-ranges')).toBe('bytes');
      expect(Number(res.headers.get('content-length'))).toBe(expected.length);
      expect(Buffer.compare(Buffer.from(await res.arrayBuffer()), expected), path).toBe(0);
    }
    expect(await allClosed()).toEqual([]);
  });

  it.each([
    ['an unsatisfiable range', { range: 'bytes=99999999-' }, 416],
    ['a failed If-Match', { 'if-match': '"v0"' }, 412],
  ])('refuses %s without a body from the file, and closes it', async (_name, headers, status) => {
    const res = await fetch(`${url}/big.bin`, { headers });
    expect(res.status).toBe(status);
    if (status === 416) expect(res.headers.get('content-range')).toBe(`bytes */${BIG.length}`);
    await res.arrayBuffer();
    expect(await allClosed()).toEqual([]);
  });

  it('answers HEAD with the length and no body', async () => {
    const res = await fetch(`${url}/big.bin`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('content-length'))).toBe(BIG.length);
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  it('closes the file when the client hangs up mid-download', async () => {
    const controller = new AbortController();
    const res = await fetch(`${url}/big.bin`, { signal: controller.signal });
    const reader = res.body?.getReader();
    await reader?.read();
    controller.abort();
    expect(await allClosed()).toEqual([]);
  });
});
