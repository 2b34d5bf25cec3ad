/**
 * Query parameters whose values are credentials: `token`, `key`, `access_token`, `api_key`,
 * `apikey`, `api-key`, `id_token`, `password`, `client_secret`... (the name, or its last part
 * after `_` or `-`). Over-matching (`sort_key`) only hides a value from the log.
 */
const CREDENTIAL_NAME = /(?:^|[_-])(?:token|key|apikey|password|passwd|secret)$/i;
/** Cheap test first: most URLs have no query, or none of these words (nor an escape) in it. */
const MAY_HOLD_CREDENTIAL = /token|key|pass|secret|%/i;

export const REDACTED = 'REDACTED';

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/**
 * The URL with the value of every credential-like query parameter replaced by `REDACTED`,
 * everything else byte for byte: for problem `instance`s and log lines, which must never
 * repeat a token a client put in the URL.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q === -1 || !MAY_HOLD_CREDENTIAL.test(url.slice(q + 1))) return url;
  const hash = url.indexOf('#', q);
  const end = hash === -1 ? url.length : hash;
  const query = url
    .slice(q + 1, end)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq === -1 ? pair : pair.slice(0, eq);
      return CREDENTIAL_NAME.test(decodeName(name)) && eq !== -1 ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
  return `${url.slice(0, q + 1)}${query}${url.slice(end)}`;
}
