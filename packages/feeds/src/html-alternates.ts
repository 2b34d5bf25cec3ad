import { Parser } from 'htmlparser2';

const FEED_TYPES = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/feed+json',
]);

/** Whether a body that is no feed opens like an HTML page. */
export function looksLikeHtml(text: string, contentType = ''): boolean {
  if (/^\s*(text\/html|application\/xhtml\+xml)\b/i.test(contentType)) return true;
  return /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b/i.test(
    text.slice(0, 4096),
  );
}

/**
 * The feed URLs an HTML page announces (`<link rel="alternate" type="application/rss+xml" href>`
 * and the Atom and JSON Feed types), absolute against the page's `<base href>` or its URL,
 * in page order, without repeats. One streaming pass: linear in the page.
 */
export function htmlAlternates(html: string, pageUrl: string): string[] {
  let base = pageUrl;
  const found: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'base' && attrs.href !== undefined) {
          base = absolute(attrs.href, pageUrl) ?? base;
          return;
        }
        if (name !== 'link' || attrs.href === undefined) return;
        const rel = (attrs.rel ?? '').toLowerCase().split(/\s+/);
        const type = (attrs.type ?? '').toLowerCase().split(';')[0]?.trim() ?? '';
        if (!rel.includes('alternate') || !FEED_TYPES.has(type)) return;
        const url = absolute(attrs.href, base);
        if (url !== undefined && !found.includes(url)) found.push(url);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return found;
}

/** An absolute http(s) URL, or undefined for anything else (javascript:, garbage). */
export function absolute(href: string, base: string | undefined): string | undefined {
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
