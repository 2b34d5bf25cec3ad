import ipaddr from 'ipaddr.js';

/** Words for ipaddr.js's range names, as a refusal message shows them. */
const RANGE_WORDS: Readonly<Record<string, string>> = {
  unspecified: 'an unspecified',
  broadcast: 'a broadcast',
  multicast: 'a multicast',
  linkLocal: 'a link-local',
  loopback: 'a loopback',
  carrierGradeNat: 'a carrier-grade NAT (shared)',
  private: 'a private',
  reserved: 'a reserved',
  uniqueLocal: 'a unique local (private)',
  ipv4Mapped: 'an IPv4-compatible IPv6',
  rfc6145: 'an IPv4-translated IPv6',
  rfc6052: 'a NAT64 (IPv4-embedding) IPv6',
  '6to4': 'a 6to4 (IPv4-embedding) IPv6',
  teredo: 'a Teredo (IPv4-embedding) IPv6',
};

/**
 * Why a fetch must not connect to `address`, or undefined when it is a public unicast
 * address. ipaddr.js keeps the IANA special-purpose tables; everything it does not call
 * plain `unicast` is refused, including the IPv6 forms that carry an IPv4 address inside
 * (mapped `::ffff:a.b.c.d` is judged by the IPv4 address it carries, so `::ffff:127.0.0.1`
 * is loopback; the deprecated compatible form `::a.b.c.d`, NAT64, 6to4 and Teredo are
 * refused outright because the address they lead to cannot be judged from here).
 */
export function refusalReason(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return `"${address}" is not an IP address`;
  let ip = ipaddr.parse(address);
  let shown = ip.toString();
  if (ip.kind() === 'ipv6') {
    // Judged by the 16-bit groups, not ipaddr's helpers: its isIPv4MappedAddress also says yes
    // to some compatible forms, and its range table calls `::a9fe:a9fe` plain unicast.
    const parts = (ip as ipaddr.IPv6).parts;
    const zeros = parts.slice(0, 5).every((p) => p === 0);
    if (zeros && parts[5] === 0xffff) {
      ip = (ip as ipaddr.IPv6).toIPv4Address();
      shown = `${address} (IPv4 ${ip.toString()})`;
    } else if (zeros && parts[5] === 0 && (parts[6] !== 0 || (parts[7] ?? 0) > 1)) {
      const [hi = 0, lo = 0] = parts.slice(6);
      const v4 = [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
      return `${shown} is an IPv4-compatible IPv6 address (deprecated form of ${v4})`;
    }
  }
  const range = ip.range();
  if (range === 'unicast') return undefined;
  return `${shown} is ${RANGE_WORDS[range] ?? `a special-purpose (${range})`} address`;
}
