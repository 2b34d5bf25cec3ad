import { describe, expect, it } from 'vitest';
import { guardedFetch, privateKind } from './private-hosts.js';

describe('privateKind', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.20.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'shared (carrier-grade NAT)'],
    ['0.0.0.0', 'unspecified'],
    ['::1', 'loopback'],
    ['fd00::1', 'unique local (private)'],
    ['fe80::1', 'link-local'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['93.184.215.14', undefined],
    ['2606:2800:21f:cb07:6820:80da:af6b:8b2c', undefined],
  ])('%s is %s', (address, kind) => {
    expect(privateKind(address)).toBe(kind);
  });
});

describe('guardedFetch', () => {
  const refuse = (url: string, reason: string) => new Error(`${url}: ${reason}`);
  const ok = () => Promise.resolve(new Response('fine'));

  it.each([
    [
      'a name resolving to a private address',
      'http://intranet.example/',
      ['10.0.0.5'],
      /intranet\.example \(10\.0\.0\.5\) is a private address/,
    ],
    ['an IP literal', 'http://[::1]:8080/', [], /::1 is a loopback address/],
  ])('refuses %s', async (_, url, addresses, message) => {
    const fetch = guardedFetch(refuse, ok, () => Promise.resolve(addresses));
    await expect(fetch(url)).rejects.toThrow(message);
  });

  it('lets a public address through', async () => {
    const fetch = guardedFetch(refuse, ok, () => Promise.resolve(['93.184.215.14']));
    expect(await (await fetch('https://example.com/')).text()).toBe('fine');
  });
});
