import { bestSrcsetCandidate, parseSrcset } from './srcset.js';
import { isTrackerUrl, resolveHttpUrl } from './urls.js';

export interface FoundImage {
  src: string;
  alt: string;
  width?: number;
  height?: number;
}

// Attributes lazy-loading scripts read the real address from, most specific first.
const LAZY_SRC_ATTRS = [
  'data-src',
  'data-lazy-src',
  'data-original',
  'data-hi-res-src',
  'data-full-src',
  'data-url',
  'data-lazy',
];
const LAZY_SRCSET_ATTRS = ['data-srcset', 'data-lazy-srcset'];

function dimension(el: Element, name: 'width' | 'height'): number | undefined {
  const attr = el.getAttribute(name);
  const fromAttr =
    attr !== null && /^\s*\d+\s*(px)?\s*$/i.test(attr) ? Number.parseInt(attr, 10) : undefined;
  if (fromAttr !== undefined) return fromAttr;
  const style = el.getAttribute('style') ?? '';
  const m = new RegExp(`(?:^|;)\\s*${name}\\s*:\\s*(\\d+)px`, 'i').exec(style);
  return m ? Number.parseInt(m[1] ?? '', 10) : undefined;
}

/** True for images nobody is meant to see: 1x1 beacons, hidden images, tracker hosts. */
export function isTrackingPixel(img: Element, src: string | undefined): boolean {
  const w = dimension(img, 'width');
  const h = dimension(img, 'height');
  if ((w !== undefined && w <= 2) || (h !== undefined && h <= 2)) return true;
  const style = img.getAttribute('style') ?? '';
  if (/display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  return src !== undefined && isTrackerUrl(src);
}

function fromSrcset(value: string | null, base: string | undefined): string | undefined {
  if (!value) return undefined;
  const best = bestSrcsetCandidate(parseSrcset(value).filter((c) => resolveHttpUrl(c.url, base)));
  return best ? resolveHttpUrl(best.url, base) : undefined;
}

// A data: URI short enough to be a blurred placeholder or an empty GIF, not the picture.
function isPlaceholderData(value: string): boolean {
  return /^data:/i.test(value) && value.length < 2_000;
}

/** A data:image/...;base64 URI the model accepts and that is big enough to be a real picture. */
function embeddedData(value: string | null): string | undefined {
  if (!value || isPlaceholderData(value)) return undefined;
  return /^data:image\/(png|jpe?g|gif|webp);base64,[a-z0-9+/=\s]+$/i.test(value)
    ? value
    : undefined;
}

/** Resolves the real address of one `<img>`, `<source>` or element with lazy attributes. */
function sourceOf(el: Element, base: string | undefined): string | undefined {
  for (const attr of LAZY_SRCSET_ATTRS) {
    const found = fromSrcset(el.getAttribute(attr), base);
    if (found) return found;
  }
  for (const attr of LAZY_SRC_ATTRS) {
    const value = el.getAttribute(attr);
    if (value && !isPlaceholderData(value)) {
      const found = resolveHttpUrl(value, base);
      if (found) return found;
    }
  }
  const fromSet = fromSrcset(el.getAttribute('srcset'), base);
  if (fromSet) return fromSet;
  const src = el.getAttribute('src');
  return resolveHttpUrl(src, base) ?? embeddedData(src);
}

/**
 * The picture an `<img>` or `<picture>` element shows once its lazy loader has run, as an
 * absolute http(s) URL (or an embedded data:image URI), or undefined for tracking pixels and
 * placeholders. In a `<picture>` the `<img>` fallback wins, because it is the format every
 * reader supports (JPEG or PNG, where `<source>`s are often WebP or AVIF).
 */
export function findImage(el: Element, base: string | undefined): FoundImage | undefined {
  const tag = el.tagName.toLowerCase();
  const picture =
    tag === 'picture'
      ? el
      : el.parentElement?.tagName.toLowerCase() === 'picture'
        ? el.parentElement
        : null;
  const img = tag === 'img' ? el : (picture ?? el).querySelector('img');
  let src = img ? sourceOf(img, base) : undefined;
  if (!src && picture) {
    for (const source of Array.from(picture.querySelectorAll('source'))) {
      src = sourceOf(source, base);
      if (src) break;
    }
  }
  if (!src && tag !== 'img' && tag !== 'picture') src = sourceOf(el, base);
  if (!src) return undefined;
  if (img && isTrackingPixel(img, src)) return undefined;
  if (!img && isTrackerUrl(src)) return undefined;
  const found: FoundImage = { src, alt: img?.getAttribute('alt')?.trim() ?? '' };
  const w = img ? dimension(img, 'width') : undefined;
  const h = img ? dimension(img, 'height') : undefined;
  if (w !== undefined && w > 0) found.width = w;
  if (h !== undefined && h > 0) found.height = h;
  return found;
}
