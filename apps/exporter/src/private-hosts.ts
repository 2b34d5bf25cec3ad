import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Address ranges a URL given on the command line must not reach unless the user says so
 * (--allow-private-hosts): a page (or a redirect, or an image in it) pointing at
 * 127.0.0.1, the router or a cloud metadata address would otherwise be fetched and its
 * answer put into a book.
 */
const RANGES: readonly (readonly [string, number, 'ipv4' | 'ipv6', string])[] = [
  ['0.0.0.0', 8, 'ipv4', 'unspecified'],
  ['10.0.0.0', 8, 'ipv4', 'private'],
  ['100.64.0.0', 10, 'ipv4', 'shared (carrier-grade NAT)'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['169.254.0.0', 16, 'ipv4', 'link-local'],
  ['172.16.0.0', 12, 'ipv4', 'private'],
  ['192.0.0.0', 24, 'ipv4', 'reserved'],
  ['192.168.0.0', 16, 'ipv4', 'private'],
  ['198.18.0.0', 15, 'ipv4', 'benchmarking'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['240.0.0.0', 4, 'ipv4', 'reserved'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['::1', 128, 'ipv6', 'loopback'],
  ['fc00::', 7, 'ipv6', 'unique local (private)'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['ff00::', 8, 'ipv6', 'multicast'],
];

const lists = RANGES.map(([net, prefix, type, kind]) => {
  const list = new BlockList();
  list.addSubnet(net, prefix, type);
  return { list, type, kind };
});

/** `::ffff:127.0.0.1` (and its hex form) is an IPv4 address in disguise. */
function unmapped(address: string): string {
  const m = /^::ffff:(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (m === null) return address;
  if (m[1] !== undefined) return m[1];
  const hi = parseInt(m[2] ?? '0', 16);
  const lo = parseInt(m[3] ?? '0', 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/** What kind of non-public address this is ("loopback", "private"...), or undefined when public. */
export function privateKind(address: string): string | undefined {
  const plain = unmapped(address);
  const type = isIP(plain) === 6 ? 'ipv6' : 'ipv4';
  return lists.find((l) => l.type === type && l.list.check(plain, type))?.kind;
}

export type Resolve = (host: string) => Promise<readonly string[]>;
const systemResolve: Resolve = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * A fetch that refuses URLs whose host is, or resolves to, a non-public address. The import
 * code follows redirects by hand, so every hop passes through here. `refuse` builds the error
 * thrown (the importer's FetchError, so it is reported like any other failed fetch).
 * The check resolves the name just before the request: a DNS answer that changes in between
 * is not caught (no custom connector), which is acceptable for a command a user runs.
 */
export function guardedFetch(
  refuse: (url: string, reason: string) => Error,
  base: typeof globalThis.fetch = globalThis.fetch,
  resolve: Resolve = systemResolve,
): typeof globalThis.fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const host = url.hostname.replace(/^\[|\]$/g, '');
    let addresses: readonly string[];
    try {
      addresses = isIP(host) === 0 ? await resolve(host) : [host];
    } catch {
      // Unresolvable: let the real fetch fail with its own message.
      return base(input, init);
    }
    for (const address of addresses) {
      const kind = privateKind(address);
      if (kind !== undefined) {
        const shown = address === host ? address : `${host} (${address})`;
        throw refuse(
          url.href,
          `refused: ${shown} is a ${kind} address; add --allow-private-hosts to fetch from it`,
        );
      }
    }
    return base(input, init);
  };
}
