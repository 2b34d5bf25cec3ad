import { createReadStream } from 'node:fs';
import { ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import express, { Router, type Response } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { internalsProblems } from '@broadsheet/testing';

/**
 * The Express internals the app leans on, pinned: compress.ts puts one writeHead on the app's
 * response prototype and counts on every answer going through it once its headers are final;
 * mount.ts reads the literal path of each router layer (router's `layer.rawPath`). A change
 * fails here naming the library, the version pinned and the internal.
 */
const EXPRESS = { library: 'express', version: '5.3.0', from: import.meta.url };
const ROUTER = { library: 'router', version: '2.3.0', from: import.meta.url };
const WHERE = `express ${EXPRESS.version}: app.response.writeHead, which http/compress.ts relies on,`;

describe('pinned internals', () => {
  it('express 5.3.0: app.response is a per-app object over http.ServerResponse.prototype', () => {
    const a = express();
    const b = express();
    expect(
      internalsProblems(EXPRESS, [
        {
          name: 'app.response.writeHead',
          usedBy: 'http/compress.ts',
          value: (a.response as Partial<Response>).writeHead,
          type: 'function',
        },
      ]).join('\n'),
    ).toBe('');
    expect(a.response, `${WHERE} is no longer an object of its own per app`).not.toBe(b.response);
    expect(
      a.response instanceof ServerResponse,
      `${WHERE} no longer inherits from http.ServerResponse.prototype`,
    ).toBe(true);
  });

  it('router 2.3.0: each layer keeps its literal path as rawPath', () => {
    const router = Router();
    router.get('/v1/things/:id', (_req, res) => res.end());
    const layer = (router.stack as unknown as Record<string, unknown>[])[0];
    expect(
      internalsProblems(ROUTER, [
        {
          name: 'Layer#rawPath',
          usedBy: 'http/mount.ts',
          value: layer?.['rawPath'],
          type: 'string',
        },
      ]).join('\n'),
    ).toBe('');
    expect(layer?.['rawPath'], `router ${ROUTER.version}: Layer#rawPath (http/mount.ts)`).toBe(
      '/v1/things/:id',
    );
  });

  describe('express 5.3.0: every way of answering goes through app.response.writeHead once', () => {
    let server: Server;
    let base: string;
    const calls = new Map<string, number>();
    beforeAll(async () => {
      const app = express();
      const proto = app.response;
      // eslint-disable-next-line @typescript-eslint/unbound-method
      const writeHead = proto.writeHead;
      proto.writeHead = function (this: Response, ...args: Parameters<Response['writeHead']>) {
        const key = this.req.path;
        calls.set(key, (calls.get(key) ?? 0) + 1);
        return writeHead.apply(this, args);
      } as Response['writeHead'];
      const file = fileURLToPath(import.meta.url);
      app.get('/send', (_req, res) => void res.send('text'));
      app.get('/json', (_req, res) => void res.json({ a: 1 }));
      app.get('/status', (_req, res) => void res.sendStatus(304));
      app.get('/end', (_req, res) => void res.status(204).end());
      app.get('/write', (_req, res) => {
        res.write('a');
        res.end('b');
      });
      app.get('/pipe', (_req, res) => void createReadStream(file).pipe(res));
      app.get('/file', (_req, res) => res.sendFile(file));
      app.get('/redirect', (_req, res) => res.redirect('/send'));
      server = app.listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it.each(['/send', '/json', '/status', '/end', '/write', '/pipe', '/file', '/redirect'])(
      '%s',
      async (path) => {
        const res = await fetch(base + path, { redirect: 'manual' });
        await res.arrayBuffer();
        expect(calls.get(path), `${WHERE} is not called once when answering with ${path}`).toBe(1);
      },
    );
  });
});
