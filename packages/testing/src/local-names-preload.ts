/**
 * Preloaded (`--import`, see localNamesNodeOptions) into processes tests start: Node's own
 * lookups resolve local names only (local-names.ts), whoever asks.
 */
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import { isLocalName, unknownName } from './local-names.js';

const { lookup } = dns;
const lookupPromise = dns.promises.lookup;
const local = (host: unknown): boolean => typeof host === 'string' && isLocalName(host);

Object.assign(dns, {
  lookup(host: unknown, ...rest: unknown[]): unknown {
    if (local(host)) return Reflect.apply(lookup, dns, [host, ...rest]) as unknown;
    const done = rest.at(-1);
    if (typeof done === 'function')
      process.nextTick(() => {
        Reflect.apply(done, undefined, [unknownName(String(host))]);
      });
    return {};
  },
});
Object.assign(dns.promises, {
  lookup(host: unknown, ...rest: unknown[]): unknown {
    if (local(host)) return Reflect.apply(lookupPromise, dns.promises, [host, ...rest]) as unknown;
    return Promise.reject(unknownName(String(host)));
  },
});
syncBuiltinESMExports();
