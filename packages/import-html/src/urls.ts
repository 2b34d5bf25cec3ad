/** Resolves `raw` against `base` and returns it only if it is an absolute http(s) URL. */
export function resolveHttpUrl(
  raw: string | null | undefined,
  base: string | undefined,
): string | undefined {
  const url = parseUrl(raw, base);
  return url && (url.protocol === 'http:' || url.protocol === 'https:') ? url.href : undefined;
}

/** A link target the model accepts (http, https, mailto), resolved against the page; else undefined. */
export function resolveLink(
  raw: string | null | undefined,
  base: string | undefined,
): string | undefined {
  const url = parseUrl(raw, base);
  if (!url) return undefined;
  if (url.protocol === 'mailto:') return url.href;
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
}

function parseUrl(raw: string | null | undefined, base: string | undefined): URL | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  try {
    return base === undefined ? new URL(value) : new URL(value, base);
  } catch {
    return undefined;
  }
}

// Hosts that serve analytics beacons and ad pixels, never editorial images.
const TRACKER_HOSTS = [
  'doubleclick.net',
  'google-analytics.com',
  'googletagmanager.com',
  'googlesyndication.com',
  'googleadservices.com',
  'facebook.net',
  'scorecardresearch.com',
  'quantserve.com',
  'chartbeat.net',
  'chartbeat.com',
  'omtrdc.net',
  '2o7.net',
  'demdex.net',
  'krxd.net',
  'adnxs.com',
  'taboola.com',
  'outbrain.com',
  'amazon-adsystem.com',
  'criteo.com',
  'criteo.net',
  'hotjar.com',
  'nr-data.net',
  'imrworldwide.com',
  'bat.bing.com',
  'analytics.twitter.com',
  'pixel.wp.com',
  'stats.wp.com',
  'pixel.parsely.com',
  'cdn.permutive.com',
  'sb.scorecardresearch.com',
];

const TRACKER_PATHS =
  /(?:^|\/)(?:pixel|beacon|tracking?|1x1|spacer|blank|transparent|clear)(?:\.gif|\.png|\.php|\/|$)|\/(?:tr|piwik\.php|matomo\.php)(?:\?|$)/i;

/** True for URLs of known trackers and of well-known 1x1 image names. */
export function isTrackerUrl(href: string): boolean {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase();
  if (TRACKER_HOSTS.some((h) => host === h || host.endsWith(`.${h}`))) return true;
  if (host === 'www.facebook.com' && url.pathname.startsWith('/tr')) return true;
  return TRACKER_PATHS.test(url.pathname);
}
