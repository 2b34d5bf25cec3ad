import { afterEach, describe, expect, it } from 'vitest';
import {
  startTestServer,
  type TestServer,
  type TestServerOptions,
} from '../test-support/server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function hsts(options: TestServerOptions, headers: Record<string, string> = {}) {
  server = await startTestServer(options);
  const res = await fetch(`${server.url}/health`, { headers });
  expect(res.status).toBe(200);
  // The other security headers are there either way.
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  return res.headers.get('strict-transport-security');
}

describe('Strict-Transport-Security only when the request came over HTTPS', () => {
  it('is not sent over plain HTTP', async () => {
    expect(await hsts({})).toBeNull();
  });

  it('is sent when a trusted proxy says the client used HTTPS', async () => {
    expect(await hsts({ trustProxy: 1 }, { 'x-forwarded-proto': 'https' })).toMatch(/^max-age=\d+/);
  });

  it.each<[string, TestServerOptions, Record<string, string>]>([
    ['an untrusted X-Forwarded-Proto', {}, { 'x-forwarded-proto': 'https' }],
    ['a trusted proxy that saw plain HTTP', { trustProxy: 1 }, { 'x-forwarded-proto': 'http' }],
    [
      'a proxy not in the trusted list',
      { trustProxy: ['10.0.0.1'] },
      { 'x-forwarded-proto': 'https' },
    ],
  ])('is not sent for %s', async (_what, options, headers) => {
    expect(await hsts(options, headers)).toBeNull();
  });
});
