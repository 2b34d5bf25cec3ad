import { type Article, LIMITS, parseArticle } from '@broadsheet/model';
import { FetchError } from './fetch-error.js';
import { httpGet } from './http-get.js';
import { sniffImageType } from './sniff-image.js';

export interface FetchImagesOptions {
  /** Downloads in flight at once. Default 4. */
  concurrency?: number;
  /** Deadline per image, redirects and body included. Default 15 000 ms. */
  timeoutMs?: number;
  /** Largest image kept, in bytes. Default 2 MiB; never more than a data: URI in the model can hold. */
  maxBytes?: number;
  maxRedirects?: number;
  fetch?: typeof globalThis.fetch;
  signal?: AbortSignal;
  userAgent?: string;
  /** Told about each image left as a reference, and why (for a warning line). */
  onError?: (src: string, error: FetchError) => void;
}

export const FETCH_IMAGES_DEFAULTS = {
  concurrency: 4,
  timeoutMs: 15_000,
  maxBytes: 2 * 1024 * 1024,
  maxRedirects: 5,
} as const;

// base64 grows bytes by 4/3; keep room for the "data:image/…;base64," header.
const MAX_EMBEDDABLE_BYTES = Math.floor(((LIMITS.urlChars - 64) * 3) / 4);

/** Runs `fn` over `items` with at most `limit` calls in flight; `fn` must not throw. */
async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

function webSources(article: Article): string[] {
  const srcs = [
    article.image?.src,
    article.publisher?.logo,
    ...article.body.map((b) => (b.type === 'figure' ? b.image.src : undefined)),
  ];
  return [...new Set(srcs.filter((s): s is string => s !== undefined && /^https?:\/\//i.test(s)))];
}

/**
 * Downloads the article's http(s) images (lead figure, body figures, publisher logo) and
 * returns a copy whose sources are `data:` URIs, so e-books embed them without the renderer
 * touching the network. Each response must say image/* and its bytes must be JPEG, PNG, GIF,
 * WebP or AVIF; an image that fails (timeout, size cap, wrong type, HTTP error) keeps its URL.
 */
export async function fetchImages(
  article: Article,
  options: FetchImagesOptions = {},
): Promise<Article> {
  const maxBytes = Math.min(
    options.maxBytes ?? FETCH_IMAGES_DEFAULTS.maxBytes,
    MAX_EMBEDDABLE_BYTES,
  );
  const embedded = new Map<string, string>();
  await forEachLimited(
    webSources(article),
    options.concurrency ?? FETCH_IMAGES_DEFAULTS.concurrency,
    async (src) => {
      try {
        const res = await httpGet(
          src,
          {
            timeoutMs: options.timeoutMs ?? FETCH_IMAGES_DEFAULTS.timeoutMs,
            maxBytes,
            maxRedirects: options.maxRedirects ?? FETCH_IMAGES_DEFAULTS.maxRedirects,
            accept: 'image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.9',
            ...(options.fetch ? { fetch: options.fetch } : {}),
            ...(options.signal ? { signal: options.signal } : {}),
            ...(options.userAgent ? { userAgent: options.userAgent } : {}),
          },
          (type) => type.startsWith('image/') && !type.startsWith('image/svg'),
          'a raster image (image/*)',
        );
        const type = sniffImageType(res.bytes);
        if (!type)
          throw new FetchError(
            'wrong-content-type',
            res.url,
            `says ${res.contentType} but its bytes are not JPEG, PNG, GIF, WebP or AVIF`,
          );
        embedded.set(src, `data:${type};base64,${Buffer.from(res.bytes).toString('base64')}`);
      } catch (e) {
        const error =
          e instanceof FetchError
            ? e
            : new FetchError('network', src, e instanceof Error ? e.message : String(e));
        options.onError?.(src, error);
      }
    },
  );
  if (embedded.size === 0) return article;
  const swap = (src: string | undefined) =>
    src === undefined ? undefined : (embedded.get(src) ?? src);
  const copy = structuredClone(article);
  if (copy.image?.src) copy.image.src = swap(copy.image.src) ?? copy.image.src;
  if (copy.publisher?.logo) copy.publisher.logo = swap(copy.publisher.logo) ?? copy.publisher.logo;
  for (const block of copy.body)
    if (block.type === 'figure' && block.image.src)
      block.image.src = swap(block.image.src) ?? block.image.src;
  return parseArticle(copy);
}
