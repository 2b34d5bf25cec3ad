// Preloaded (NODE_OPTIONS=--import) into the server processes the end-to-end tests start: a
// name resolves only when it is localhost, and any other fails as an offline resolver answers,
// so the fixtures' .example picture hosts send no DNS query off the machine. The API's own
// tests inject a resolver instead (apps/api/src/test-support/local-names.ts); a spawned server
// has no such seam, and gets none for tests' sake.
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';

/** @param {unknown} host */
const isLocal = (host) =>
  typeof host === 'string' && (host === 'localhost' || /^[\d.]+$/.test(host) || host.includes(':'));

/** @param {unknown} host */
const unknownName = (host) =>
  Object.assign(
    new Error(`getaddrinfo ENOTFOUND ${String(host)} (tests resolve local names only)`),
    {
      code: 'ENOTFOUND',
      hostname: host,
    },
  );

const { lookup } = dns;
const lookupPromise = dns.promises.lookup;

Object.assign(dns, {
  /** @param {unknown} host @param {unknown[]} rest */
  lookup(host, ...rest) {
    if (isLocal(host)) return /** @type {unknown} */ (Reflect.apply(lookup, dns, [host, ...rest]));
    const done = rest.at(-1);
    if (typeof done === 'function')
      process.nextTick(() => {
        Reflect.apply(done, undefined, [unknownName(host)]);
      });
    return {};
  },
});
Object.assign(dns.promises, {
  /** @param {unknown} host @param {unknown[]} rest */
  lookup(host, ...rest) {
    if (isLocal(host))
      return /** @type {unknown} */ (Reflect.apply(lookupPromise, dns.promises, [host, ...rest]));
    return Promise.reject(unknownName(host));
  },
});
syncBuiltinESMExports();
