/** One `host[:port]` entry of BROADSHEET_FETCH_ALLOW_HOSTS. */
export interface AllowedHost {
  readonly host: string;
  /** Undefined: any port. */
  readonly port: number | undefined;
}

/**
 * Parses `host[:port],…` (IPv6 hosts in brackets: `[::1]:8080`). Throws a RangeError naming
 * the bad entry, so a typo in a setting stops the process at start instead of silently
 * allowing nothing.
 */
export function parseAllowHosts(raw: string | undefined): AllowedHost[] {
  if (raw === undefined || raw.trim() === '') return [];
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      let url: URL;
      try {
        url = new URL(`http://${entry}/`);
      } catch {
        throw new RangeError(`"${entry}" is not host[:port]`);
      }
      if (url.username || url.password || url.pathname !== '/' || /[/?#@]/.test(entry))
        throw new RangeError(`"${entry}" is not host[:port]`);
      return {
        host: unbracket(url.hostname),
        port: url.port === '' ? undefined : Number(url.port),
      };
    });
}

export function unbracket(host: string): string {
  return host.replace(/^\[|\]$/g, '').toLowerCase();
}

export function effectivePort(url: URL): number {
  if (url.port !== '') return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

/** Whether the URL's host and port are on the allow list. */
export function isAllowed(allow: readonly AllowedHost[], url: URL): boolean {
  const host = unbracket(url.hostname);
  const port = effectivePort(url);
  return allow.some((a) => a.host === host && (a.port === undefined || a.port === port));
}
