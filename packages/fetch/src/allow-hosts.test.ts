import { describe, expect, it } from 'vitest';
import { isAllowed, parseAllowHosts } from './allow-hosts.js';

describe('parseAllowHosts', () => {
  it.each([
    ['', []],
    ['127.0.0.1', [{ host: '127.0.0.1', port: undefined }]],
    [
      '127.0.0.1:8080, intranet.local',
      [
        { host: '127.0.0.1', port: 8080 },
        { host: 'intranet.local', port: undefined },
      ],
    ],
    ['[::1]:9000', [{ host: '::1', port: 9000 }]],
    ['Example.COM', [{ host: 'example.com', port: undefined }]],
  ])('%j', (raw, expected) => {
    expect(parseAllowHosts(raw)).toEqual(expected);
  });

  it.each(['http://x', 'a/b', 'user@host', 'host:port', 'host:99999'])('refuses %j', (raw) => {
    expect(() => parseAllowHosts(raw)).toThrow(RangeError);
  });

  it.each([
    ['127.0.0.1:8080', 'http://127.0.0.1:8080/x', true],
    ['127.0.0.1:8080', 'http://127.0.0.1:8081/x', false],
    ['127.0.0.1', 'http://127.0.0.1:8081/x', true],
    ['example.com:443', 'https://example.com/', true],
    ['example.com:443', 'http://example.com/', false],
    ['[::1]', 'http://[::1]:3000/', true],
  ])('%s allows %s: %s', (raw, url, expected) => {
    expect(isAllowed(parseAllowHosts(raw), new URL(url))).toBe(expected);
  });
});
