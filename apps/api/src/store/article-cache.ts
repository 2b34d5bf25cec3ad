import type { StoredArticle } from './types.js';

/** Characters of article JSON the read cache may hold (a few thousand typical articles). */
const CACHE_MAX_CHARS = 32 * 1024 * 1024;

/**
 * Articles read by slug, most recently used last, for the hottest read (GET one article).
 * An entry is the row as the database holds it only while every write that can change it
 * drops it: the store drops the slugs it writes, and `invalidate` is the one hook through
 * which writes made elsewhere (another replica, another process) must arrive.
 *
 * `epoch` guards asynchronous stores: a read that started before an invalidation may return
 * the old row after it, so a read caches its row only if no invalidation happened meanwhile.
 */
export class ArticleCache {
  private readonly entries = new Map<string, StoredArticle>();
  private chars = 0;
  private generation = 0;
  private enabled = true;

  /** Changes on every invalidation; pass it back to `setIfCurrent`. */
  get epoch(): number {
    return this.generation;
  }

  /**
   * While off, nothing is served or kept: the writes made elsewhere cannot be heard (the
   * replica's change listener is reconnecting), so a cached row may be stale.
   */
  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.invalidate();
  }

  get(slug: string): StoredArticle | undefined {
    if (!this.enabled) return undefined;
    const hit = this.entries.get(slug);
    if (hit !== undefined) {
      this.entries.delete(slug);
      this.entries.set(slug, hit);
    }
    return hit;
  }

  set(slug: string, stored: StoredArticle): void {
    this.remove(slug);
    if (!this.enabled) return;
    const size = stored.json?.length ?? 0;
    if (size > CACHE_MAX_CHARS / 8) return;
    this.entries.set(slug, stored);
    this.chars += size;
    for (const [oldest, entry] of this.entries) {
      if (this.chars <= CACHE_MAX_CHARS) break;
      this.entries.delete(oldest);
      this.chars -= entry.json?.length ?? 0;
    }
  }

  /** Caches a row read when the cache was at `epoch`, unless something was invalidated since. */
  setIfCurrent(slug: string, stored: StoredArticle, epoch: number): void {
    if (epoch === this.generation) this.set(slug, stored);
  }

  /** Forgets the given slugs, or every entry when `slugs` is undefined. */
  invalidate(slugs?: Iterable<string>): void {
    this.generation += 1;
    if (slugs === undefined) {
      this.entries.clear();
      this.chars = 0;
      return;
    }
    for (const slug of slugs) this.remove(slug);
  }

  private remove(slug: string): void {
    const old = this.entries.get(slug);
    if (old === undefined) return;
    this.entries.delete(slug);
    this.chars -= old.json?.length ?? 0;
  }
}
