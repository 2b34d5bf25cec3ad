import type { RestoreCounts, Store } from '../store/types.js';

export interface CopySummary {
  articles: RestoreCounts;
  editions: RestoreCounts;
}

export interface CopyProgress {
  kind: 'articles' | 'editions';
  /** Records copied so far of this kind (this batch included). */
  done: number;
  batch: RestoreCounts;
}

const add = (a: RestoreCounts, b: RestoreCounts): RestoreCounts => ({
  created: a.created + b.created,
  updated: a.updated + b.updated,
  unchanged: a.unchanged + b.unchanged,
});

const none = (): RestoreCounts => ({ created: 0, updated: 0, unchanged: 0 });

/**
 * Copies every article, then every curated edition, of `source` into `target` through the
 * Store interface, so both sides apply their own normalisation and indexing. Articles go in
 * pages of `batchSize` (the source's own list order and cursors), each page one transaction
 * on the target; stamps are kept, and records the target already holds unchanged are not
 * written, so a second run copies only what changed. Nothing is deleted from the target.
 */
export async function copyStore(
  source: Store,
  target: Store,
  options: { batchSize: number; onProgress?: (progress: CopyProgress) => void },
): Promise<CopySummary> {
  const summary: CopySummary = { articles: none(), editions: none() };
  let done = 0;
  let cursor: string | undefined;
  do {
    const page = await source.articles.list({
      limit: options.batchSize,
      ...(cursor !== undefined && { cursor }),
    });
    const batch = await target.articles.restore(
      page.items.map(({ article, createdAt, modifiedAt }) => ({ article, createdAt, modifiedAt })),
    );
    summary.articles = add(summary.articles, batch);
    done += page.items.length;
    if (page.items.length > 0) options.onProgress?.({ kind: 'articles', done, batch });
    cursor = page.nextCursor;
  } while (cursor !== undefined);

  // Editions are small (a title and a list of slugs): read at once, written in batches.
  const editions = await source.editions.list();
  for (let i = 0; i < editions.length; i += options.batchSize) {
    const slice = editions.slice(i, i + options.batchSize);
    const batch = await target.editions.restore(slice);
    summary.editions = add(summary.editions, batch);
    options.onProgress?.({ kind: 'editions', done: i + slice.length, batch });
  }
  return summary;
}
