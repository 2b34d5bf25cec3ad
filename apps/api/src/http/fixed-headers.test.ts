import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installedVersion } from '@broadsheet/testing';
import { recordHeaders } from './fixed-headers.js';
import { readCors } from './cors.js';
import { securityHeaders } from './header-middleware.js';

/**
 * recordHeaders runs helmet and CORS once against a stand-in response and replays what they
 * set. That holds only while, for a plain GET, they call next() at once, read nothing of the
 * request but its method, URL and headers, and touch nothing of the response but its headers:
 * internals of helmet and cors, pinned here. A change fails naming the library, the version
 * pinned and what it now does differently.
 */
const LIBRARIES = [
  { library: 'helmet', version: '8.3.0', middleware: securityHeaders },
  { library: 'cors', version: '2.8.6', middleware: () => readCors },
] as const;

const REQUEST_READS = new Set(['method', 'url', 'headers']);
const RESPONSE_READS = new Set(['statusCode', 'getHeader', 'setHeader', 'removeHeader']);

/** Runs the middleware as recordHeaders does, with every property it reads written down. */
function propertiesRead(middleware: RequestHandler): { req: string[]; res: string[] } {
  const reads = { req: new Set<string>(), res: new Set<string>() };
  const spy = <T extends object>(target: T, into: Set<string>) =>
    new Proxy(target, {
      get(t, key, receiver) {
        if (typeof key === 'string') into.add(key);
        return Reflect.get(t, key, receiver) as unknown;
      },
    });
  const headers = new Map<string, unknown>();
  const res = spy(
    {
      statusCode: 200,
      getHeader: (name: string) => headers.get(name.toLowerCase()),
      setHeader: (name: string, value: unknown) => void headers.set(name.toLowerCase(), value),
      removeHeader: (name: string) => void headers.delete(name.toLowerCase()),
    },
    reads.res,
  );
  const req = spy({ method: 'GET', url: '/', headers: {} }, reads.req);
  (middleware as unknown as (req: unknown, res: unknown, next: () => void) => void)(
    req,
    res,
    () => undefined,
  );
  return { req: [...reads.req], res: [...reads.res] };
}

describe.each(LIBRARIES)(
  'pinned internals: $library $version',
  ({ library, version, middleware }) => {
    const where = `${library} ${version}, whose headers http/fixed-headers.ts records once,`;

    it('is the version pinned', () => {
      expect(
        installedVersion(library, import.meta.url),
        `${library}: installed version differs from the ${version} pinned; check that a plain GET still only sets headers, then update the pin`,
      ).toBe(version);
    });

    it('reads only the request line and headers, and touches only response headers', () => {
      const { req, res } = propertiesRead(middleware());
      expect(
        req.filter((k) => !REQUEST_READS.has(k)),
        `${where} now reads these request properties`,
      ).toEqual([]);
      expect(
        res.filter((k) => !RESPONSE_READS.has(k)),
        `${where} now uses these response properties`,
      ).toEqual([]);
      expect(
        () => recordHeaders(middleware()),
        `${where} no longer calls next() at once`,
      ).not.toThrow();
    });

    describe('recorded headers are the headers it sets live', () => {
      let server: Server;
      let base: string;
      beforeAll(async () => {
        const app = express();
        app.disable('x-powered-by');
        app.use(middleware());
        app.get('/', (_req, res) => void res.send('x'));
        server = app.listen(0, '127.0.0.1');
        await new Promise((resolve) => server.once('listening', resolve));
        base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      });
      afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

      it('for a plain GET', async () => {
        const res = await fetch(`${base}/`);
        await res.arrayBuffer();
        const recorded = recordHeaders(middleware());
        const live = recorded.map(([name]) => [name, res.headers.get(name)]);
        expect(recorded.length, `${where} records no headers`).toBeGreaterThan(0);
        expect(live, `${where} sets different headers live than recorded`).toEqual(recorded);
      });
    });
  },
);

describe('recordHeaders', () => {
  it('refuses middleware that does not pass a plain GET straight on', () => {
    expect(() => recordHeaders((_req, _res, _next) => undefined)).toThrow(/did not pass/);
    expect(() => recordHeaders((_req, _res, next) => next(new Error('no')))).toThrow(
      /did not pass/,
    );
  });
});
