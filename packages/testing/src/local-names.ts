/**
 * Tests resolve local names only: `localhost` and IP literals, and any other name is unknown,
 * as an offline resolver answers. Fixtures name hosts under `.example` (pictures, item links);
 * with the system resolver each fetch of one sent a DNS query off the machine. In process, a
 * server takes `localNamesOnly` as its resolver; a spawned one is started with the preload
 * `localNamesNodeOptions()` names (local-names-preload.ts), since it has no such seam.
 */
import { fileURLToPath } from 'node:url';

export const isLocalName = (host: string): boolean =>
  host === 'localhost' || /^[\d.]+$/.test(host) || host.includes(':');

/** The error an unknown name gets, shaped as getaddrinfo's. */
export const unknownName = (host: string): Error =>
  Object.assign(new Error(`getaddrinfo ENOTFOUND ${host} (tests resolve local names only)`), {
    code: 'ENOTFOUND',
    hostname: host,
  });

/** A resolver (the safe fetcher's `resolve`) that knows local names only. */
export const localNamesOnly = (host: string): Promise<readonly string[]> =>
  isLocalName(host)
    ? Promise.resolve([host === 'localhost' ? '127.0.0.1' : host])
    : Promise.reject(unknownName(host));

const PRELOAD = fileURLToPath(new URL('./local-names-preload.js', import.meta.url));

/** NODE_OPTIONS for a spawned Node process: local names only, kept with the caller's. */
export function localNamesNodeOptions(current = process.env.NODE_OPTIONS): string {
  return [current, `--import=${PRELOAD}`].filter((o) => o !== undefined && o !== '').join(' ');
}
