import type { Article, Edition } from '@broadsheet/model';
import { rendition, renditionKey, type RenditionOptions } from '@broadsheet/media';
import type { MediaStore } from '../store/types.js';
import { MEDIA_PATH } from './ingest.js';

/**
 * Renditions made for books, by media id and option set: an edition downloaded again (or in
 * the other format's cache miss) does not resize its pictures again. Bounded by bytes; the
 * oldest entries go first.
 */
export class RenditionCache {
  readonly #entries = new Map<string, Promise<string | undefined>>();
  #bytes = 0;
  readonly #sizes = new Map<string, number>();
  constructor(readonly maxBytes = 256 * 1024 * 1024) {}

  /** The rendition as a data: URI, or undefined when the media is not (or no longer) stored. */
  get(store: MediaStore, id: string, options: RenditionOptions): Promise<string | undefined> {
    const key = `${id} ${renditionKey(options)}`;
    let entry = this.#entries.get(key);
    if (entry === undefined) {
      entry = this.#make(store, id, options, key);
      this.#entries.set(key, entry);
      // A failure is not kept: the next render tries again.
      entry.catch(() => this.#entries.delete(key));
    }
    return entry;
  }

  async #make(
    store: MediaStore,
    id: string,
    options: RenditionOptions,
    key: string,
  ): Promise<string | undefined> {
    const media = await store.get(id);
    if (media === undefined) {
      this.#entries.delete(key);
      return undefined;
    }
    const type = media.type === 'image/png' ? 'image/png' : 'image/jpeg';
    const out = await rendition(media.data, type, options);
    const uri = `data:${out.type};base64,${out.bytes.toString('base64')}`;
    this.#sizes.set(key, uri.length);
    this.#bytes += uri.length;
    for (const [old, size] of this.#sizes) {
      if (this.#bytes <= this.maxBytes || old === key) break;
      this.#sizes.delete(old);
      this.#entries.delete(old);
      this.#bytes -= size;
    }
    return uri;
  }

  stats(): { entries: number; bytes: number } {
    return { entries: this.#sizes.size, bytes: this.#bytes };
  }
}

const caches = new WeakMap<MediaStore, RenditionCache>();

/** The rendition cache of a store (one per app: tests with their own store get their own). */
export function renditionCacheOf(store: MediaStore): RenditionCache {
  let cache = caches.get(store);
  if (cache === undefined) {
    cache = new RenditionCache();
    caches.set(store, cache);
  }
  return cache;
}

function mentionsMedia(input: Article | Edition): boolean {
  const articles = 'sections' in input ? input.sections.flatMap((s) => s.articles) : [input];
  return articles.some(
    (a) =>
      (a.image?.src !== undefined && MEDIA_PATH.test(a.image.src)) ||
      a.body.some(
        (b) => b.type === 'figure' && b.image.src !== undefined && MEDIA_PATH.test(b.image.src),
      ),
  );
}

/**
 * The input with each media URL replaced by its rendition's bytes (a data: URI), so the pure
 * renderers embed the picture without any network access. Unknown media ids stay URLs (the
 * renderers leave such pictures out). Inputs without media come back as they are.
 */
export async function resolveMedia(
  input: Article | Edition,
  store: MediaStore,
  options: RenditionOptions,
): Promise<Article | Edition> {
  if (!mentionsMedia(input)) return input;
  const cache = renditionCacheOf(store);
  const swap = async (src: string | undefined): Promise<string | undefined> => {
    if (src === undefined) return src;
    const id = MEDIA_PATH.exec(src)?.[1];
    if (id === undefined) return src;
    return (await cache.get(store, id, options)) ?? src;
  };
  const article = async (a: Article): Promise<Article> => {
    const body = await Promise.all(
      a.body.map(async (b) =>
        b.type === 'figure' && b.image.src !== undefined
          ? { ...b, image: { ...b.image, src: await swap(b.image.src) } }
          : b,
      ),
    );
    return {
      ...a,
      ...(a.image !== undefined && { image: { ...a.image, src: await swap(a.image.src) } }),
      body,
    };
  };
  if ('sections' in input) {
    const sections = await Promise.all(
      input.sections.map(async (s) => ({
        ...s,
        articles: await Promise.all(s.articles.map(article)),
      })),
    );
    return { ...input, sections };
  }
  return article(input);
}
