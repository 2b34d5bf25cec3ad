import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import {
  afterAll,
  afterEach,
  beforeAll,
  describe,
  expect,
  it,
  type MockInstance,
  vi,
} from 'vitest';
import { parseAllowHosts } from './allow-hosts.js';
import { createSafeFetchFunction, type Resolve, safeFetch, SafeFetchError } from './safe-fetch.js';

// A 1×1 PNG: its bytes say image/png whatever the server's header claims.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

type Handler = (req: IncomingMessage, res: ServerResponse, port: number) => void;

async function serve(
  handler: Handler,
): Promise<{ server: Server; port: number; connections: () => number }> {
  let count = 0;
  const server = createServer((req, res) =>
    handler(req, res, (server.address() as AddressInfo).port),
  );
  server.on('connection', () => (count += 1));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port, connections: () => count };
}

async function failure(work: Promise<unknown>): Promise<SafeFetchError> {
  const e: unknown = await work.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SafeFetchError);
  return e as SafeFetchError;
}

const answering =
  (...addresses: string[]): Resolve =>
  () =>
    Promise.resolve(addresses);

describe('refused addresses', () => {
  let connect: MockInstance<net.Socket['connect']>;
  beforeAll(() => {
    // Observe every socket connect in this process: a refused address must never get one.
    connect = vi.spyOn(net.Socket.prototype, 'connect');
  });
  afterEach(() => connect.mockClear());
  afterAll(() => connect.mockRestore());

  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.251', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.10', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fc00::1', 'unique local'],
    ['fd12:3456::1', 'unique local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:10.0.0.1', 'private'],
    ['::127.0.0.1', 'loopback'],
    ['::a9fe:a9fe', 'IPv4-compatible'],
    ['64:ff9b::a9fe:a9fe', 'NAT64'],
    ['2002:a9fe:a9fe::1', '6to4'],
    ['2001:db8::1', 'reserved'],
  ])('a host resolving to %s is refused (%s) before any connect', async (address, word) => {
    const resolve = vi.fn(answering(address));
    const e = await failure(safeFetch('http://victim.example/a.png', { resolve }));
    expect(e.code).toBe('refused-address');
    expect(e.message).toContain(word);
    expect(resolve).toHaveBeenCalledWith('victim.example');
    expect(connect).not.toHaveBeenCalled();
  });

  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://127.1/',
    'http://0x7f000001/',
    'http://2130706433/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'https://10.0.0.1:8443/x',
    'http://[fe80::1]/',
  ])('the address literal in %s is refused without resolving or connecting', async (url) => {
    const resolve = vi.fn(answering('93.184.216.34'));
    const e = await failure(safeFetch(url, { resolve }));
    expect(e.code).toBe('refused-address');
    expect(resolve).not.toHaveBeenCalled();
    expect(connect).not.toHaveBeenCalled();
  });

  it('one private address among public ones refuses the host', async () => {
    const e = await failure(
      safeFetch('http://mixed.example/', { resolve: answering('93.184.216.34', '10.0.0.7') }),
    );
    expect(e.code).toBe('refused-address');
    expect(e.message).toContain('10.0.0.7');
    expect(connect).not.toHaveBeenCalled();
  });

  it.each(['file:///etc/passwd', 'ftp://example.com/x', 'gopher://x/', 'not a url', 'data:,x'])(
    '%s is not http(s) and is refused',
    async (url) => {
      const e = await failure(safeFetch(url));
      expect(e.code).toBe('invalid-url');
      expect(connect).not.toHaveBeenCalled();
    },
  );
});

describe('against real servers on 127.0.0.1', () => {
  const servers: Server[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  });
  async function start(handler: Handler) {
    const s = await serve(handler);
    servers.push(s.server);
    return { ...s, allowHosts: parseAllowHosts(`127.0.0.1:${s.port}`) };
  }

  it('fetches from an allowed host and sniffs the type from the bytes, not the header', async () => {
    const { port, allowHosts } = await start((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end(PNG);
    });
    const got = await safeFetch(`http://127.0.0.1:${port}/pixel`, { allowHosts });
    expect(got.type).toBe('image/png');
    expect(Buffer.from(got.bytes).equals(PNG)).toBe(true);
  });

  it('without the allow list, 127.0.0.1 is refused and the server sees no connection', async () => {
    const { port, connections } = await start((_req, res) => res.end(PNG));
    const e = await failure(safeFetch(`http://127.0.0.1:${port}/`));
    expect(e.code).toBe('refused-address');
    expect(connections()).toBe(0);
  });

  it('an allow entry for one port does not open another', async () => {
    const other = await start((_req, res) => res.end(PNG));
    const e = await failure(
      safeFetch(`http://127.0.0.1:${other.port}/`, {
        allowHosts: parseAllowHosts(`127.0.0.1:${other.port + 1}`),
      }),
    );
    expect(e.code).toBe('refused-address');
    expect(other.connections()).toBe(0);
  });

  it('DNS rebinding: a name that checks public but answers loopback at connect is refused', async () => {
    const { port, connections } = await start((_req, res) => res.end(PNG));
    let calls = 0;
    // First answer (the check) public, every later one (the connect) loopback.
    const resolve: Resolve = () => {
      calls += 1;
      return Promise.resolve([calls === 1 ? '93.184.216.34' : '127.0.0.1']);
    };
    const e = await failure(safeFetch(`http://rebind.example:${port}/`, { resolve }));
    expect(e.code).toBe('refused-address');
    expect(calls).toBe(2);
    expect(connections()).toBe(0);
  });

  it('follows up to 5 redirects, and refuses the sixth', async () => {
    const { port, allowHosts } = await start((req, res) => {
      const n = Number(req.url?.slice(1));
      if (n > 0) res.writeHead(302, { location: `/${n - 1}` }).end();
      else res.end(PNG);
    });
    const ok = await safeFetch(`http://127.0.0.1:${port}/5`, { allowHosts });
    expect(ok.redirects).toBe(5);
    expect(ok.url).toBe(`http://127.0.0.1:${port}/0`);
    const e = await failure(safeFetch(`http://127.0.0.1:${port}/6`, { allowHosts }));
    expect(e.code).toBe('too-many-redirects');
    // Asking for more than 5 does not raise the ceiling.
    const capped = await failure(
      safeFetch(`http://127.0.0.1:${port}/6`, { allowHosts, maxRedirects: 50 }),
    );
    expect(capped.code).toBe('too-many-redirects');
  });

  it('checks every redirect again: a hop to a private address is refused before connecting', async () => {
    const target = await start((_req, res) => res.end(PNG));
    const { port, allowHosts } = await start((req, res) => {
      const to =
        req.url === '/metadata'
          ? 'http://169.254.169.254/latest/meta-data/'
          : `http://127.0.0.1:${target.port}/`;
      res.writeHead(301, { location: to }).end();
    });
    const meta = await failure(safeFetch(`http://127.0.0.1:${port}/metadata`, { allowHosts }));
    expect(meta.code).toBe('refused-address');
    expect(meta.url).toBe('http://169.254.169.254/latest/meta-data/');
    const local = await failure(safeFetch(`http://127.0.0.1:${port}/other-port`, { allowHosts }));
    expect(local.code).toBe('refused-address');
    expect(target.connections()).toBe(0);
  });

  it('a redirect to a non-http scheme is refused', async () => {
    const { port, allowHosts } = await start((_req, res) => {
      res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    });
    const e = await failure(safeFetch(`http://127.0.0.1:${port}/`, { allowHosts }));
    expect(e.code).toBe('bad-redirect');
  });

  it('an endless body stops at the byte cap', async () => {
    const { port, allowHosts } = await start((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' });
      const chunk = Buffer.alloc(64 * 1024, 1);
      const pump = () => {
        while (res.write(chunk));
      };
      res.on('drain', pump);
      res.on('close', () => res.off('drain', pump));
      pump();
    });
    const e = await failure(
      safeFetch(`http://127.0.0.1:${port}/`, { allowHosts, maxBytes: 1024 * 1024 }),
    );
    expect(e.code).toBe('too-large');
    expect(e.message).toContain('1048576');
  });

  it('a declared length over the cap is refused before the body is read', async () => {
    const { port, allowHosts } = await start((_req, res) => {
      res.writeHead(200, { 'content-length': String(20 * 1024 * 1024) });
      res.write(PNG);
    });
    const e = await failure(safeFetch(`http://127.0.0.1:${port}/`, { allowHosts }));
    expect(e.code).toBe('too-large');
    expect(e.message).toContain(String(10 * 1024 * 1024));
  });

  it('a server dripping one byte a second is cut off by the total deadline', async () => {
    const timers: NodeJS.Timeout[] = [];
    const { port, allowHosts } = await start((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' });
      let i = 0;
      const t = setInterval(
        () => res.write(PNG.subarray(i % PNG.length, (i++ % PNG.length) + 1)),
        1000,
      );
      timers.push(t);
      res.on('close', () => clearInterval(t));
    });
    const began = Date.now();
    const e = await failure(
      safeFetch(`http://127.0.0.1:${port}/`, { allowHosts, timeoutMs: 1500 }),
    );
    timers.forEach(clearInterval);
    expect(e.code).toBe('timeout');
    // Each byte arrives well inside any per-read timeout: only a whole-exchange deadline ends it.
    expect(Date.now() - began).toBeLessThan(10_000);
  });

  it('an HTTP error is reported with its status', async () => {
    const { port, allowHosts } = await start((_req, res) => res.writeHead(404).end('gone'));
    const e = await failure(safeFetch(`http://127.0.0.1:${port}/`, { allowHosts }));
    expect(e.code).toBe('http-status');
    expect(e.status).toBe(404);
  });

  it('sends extra headers on every hop and returns the final response headers', async () => {
    const seen: (string | undefined)[] = [];
    const { port, allowHosts } = await start((req, res) => {
      seen.push(req.headers['if-none-match']);
      if (req.url === '/') res.writeHead(301, { location: '/feed' }).end();
      else
        res
          .writeHead(200, { etag: '"v2"', 'last-modified': 'Thu, 03 Dec 2026 08:00:00 GMT' })
          .end('<rss/>');
    });
    const got = await safeFetch(`http://127.0.0.1:${port}/`, {
      allowHosts,
      headers: { 'if-none-match': '"v1"' },
    });
    expect(seen).toEqual(['"v1"', '"v1"']);
    expect(got.headers).toMatchObject({
      etag: '"v2"',
      'last-modified': 'Thu, 03 Dec 2026 08:00:00 GMT',
    });
  });

  it.each([
    [304, [304], 'passed', undefined],
    [429, [304, 429, 503], 'passed', '120'],
    [503, [429, 503], 'passed', 'Thu, 03 Dec 2026 08:00:00 GMT'],
    [429, [304], 'thrown', undefined],
    [500, [304, 429, 503], 'thrown', undefined],
  ])('status %i with passStatuses %j is %s', async (status, passStatuses, outcome, retryAfter) => {
    const { port, allowHosts } = await start((_req, res) =>
      res.writeHead(status, retryAfter === undefined ? {} : { 'retry-after': retryAfter }).end(),
    );
    const work = safeFetch(`http://127.0.0.1:${port}/`, { allowHosts, passStatuses });
    if (outcome === 'thrown') {
      const e = await failure(work);
      expect([e.code, e.status]).toEqual(['http-status', status]);
    } else {
      const got = await work;
      expect(got.status).toBe(status);
      expect(got.headers['retry-after']).toBe(retryAfter);
    }
  });

  it('the fetch function for hand-followed redirects checks each call and never follows', async () => {
    const { port, allowHosts } = await start((req, res) => {
      if (req.url === '/') res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
      else res.end(PNG);
    });
    const guarded = createSafeFetchFunction({ allowHosts });
    const res = await guarded(`http://127.0.0.1:${port}/`);
    expect(res.status).toBe(302);
    await expect(guarded('http://169.254.169.254/')).rejects.toMatchObject({
      code: 'refused-address',
    });
    const blocked = createSafeFetchFunction({});
    await expect(blocked(`http://127.0.0.1:${port}/x`)).rejects.toMatchObject({
      code: 'refused-address',
    });
    const open = createSafeFetchFunction({ allowPrivate: true });
    expect((await open(`http://127.0.0.1:${port}/x`)).status).toBe(200);
  });
});
