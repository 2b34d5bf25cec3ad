import { safeFetch, SafeFetchError } from '@broadsheet/fetch';
import type { Article } from '@broadsheet/model';
import { fetchPolicy, type ImageFetchSettings } from '../deps.js';
import { HttpProblem } from '../http/problem.js';
import { ingestImage, MEDIA_PATH, mediaPath } from '../media/ingest.js';
import type { MediaStore } from '../store/types.js';

/** A picture left as its URL, and why: listed in the write's response, never failing it. */
export interface ImageWarning {
  path: string;
  url: string;
  message: string;
}

const CONCURRENCY = 4;

/** Where each http(s) picture of the article is: the lead figure and every body figure. */
function webImages(article: Article): { path: string; src: string }[] {
  const found: { path: string; src: string }[] = [];
  const add = (path: string, src: string | undefined) => {
    // Already ours: nothing to fetch (a PUT of an article read back from this server).
    if (src !== undefined && /^https?:\/\//i.test(src) && !MEDIA_PATH.test(src))
      found.push({ path, src });
  };
  add('image.src', article.image?.src);
  article.body.forEach((block, i) => {
    if (block.type === 'figure') add(`body[${i}].image.src`, block.image.src);
  });
  return found;
}

/**
 * Downloads the article's http(s) pictures through the safe fetcher (public addresses only,
 * unless allowed; byte and time caps; type from the bytes), processes and stores each once,
 * and returns a copy whose sources are the media URLs. The importers have already chosen the
 * best `srcset` candidate as each figure's `src`. A picture that fails keeps its URL and is
 * listed in `warnings`; the write itself never fails for it.
 */
export async function fetchArticleImages(
  article: Article,
  deps: {
    media: MediaStore;
    settings: ImageFetchSettings;
    maxPixels: number;
    baseUrl: string;
    /**
     * Runs each download in turn with the caller's other requests to its host (the feed
     * poller's per-host queue); downloads start as they come when absent.
     */
    queue?: <T>(url: string, work: () => Promise<T>) => Promise<T>;
  },
): Promise<{ article: Article; warnings: ImageWarning[] }> {
  const queued = deps.queue ?? (<T>(_url: string, work: () => Promise<T>) => work());
  const images = webImages(article);
  const fetchOne = async (src: string): Promise<{ url: string } | { message: string }> => {
    try {
      const got = await queued(src, () =>
        safeFetch(src, {
          ...fetchPolicy(deps.settings),
          maxBytes: deps.settings.maxBytes,
          timeoutMs: deps.settings.timeoutMs ?? 15_000,
          accept: 'image/avif,image/webp,image/png,image/jpeg,image/*;q=0.8',
        }),
      );
      if (!got.type.startsWith('image/'))
        return { message: `the server sent ${got.type}, not an image` };
      const { media } = await ingestImage(deps.media, got.bytes, {
        maxPixels: deps.maxPixels,
        name: 'the image',
      });
      return { url: `${deps.baseUrl}${mediaPath(media.id)}` };
    } catch (e) {
      if (e instanceof SafeFetchError) return { message: e.reason };
      if (e instanceof HttpProblem) return { message: e.detail };
      throw e;
    }
  };
  // The same picture used twice is fetched once; a few downloads at a time.
  const unique = [...new Set(images.map((i) => i.src))];
  const results = new Map<string, { url: string } | { message: string }>();
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, unique.length) }, async () => {
      while (next < unique.length) {
        const src = unique[next] as string;
        next += 1;
        results.set(src, await fetchOne(src));
      }
    }),
  );
  const warnings: ImageWarning[] = [];
  const rewrite = (path: string, src: string): string => {
    const r = results.get(src);
    if (r === undefined) return src;
    if ('url' in r) return r.url;
    warnings.push({ path, url: src, message: r.message });
    return src;
  };
  const out: Article = {
    ...article,
    ...(article.image?.src !== undefined && {
      image: { ...article.image, src: rewrite('image.src', article.image.src) },
    }),
    body: article.body.map((block, i) =>
      block.type === 'figure' && block.image.src !== undefined
        ? {
            ...block,
            image: { ...block.image, src: rewrite(`body[${i}].image.src`, block.image.src) },
          }
        : block,
    ),
  };
  return { article: out, warnings };
}
