import { dropUnprintable } from './escape.js';

/**
 * A link target fit for an href: http(s) or mailto only, re-serialised by the URL parser so
 * characters a URL may not hold (`<`, `"`, spaces) are percent-encoded. Anything else: no link.
 */
export function safeHref(href: string | undefined): string | undefined {
  if (href === undefined) return undefined;
  try {
    const url = new URL(dropUnprintable(href));
    return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:'
      ? url.href
      : undefined;
  } catch {
    return undefined;
  }
}
