import type { RestoreCounts, Store } from '../store/types.js';

export interface CopySummary {
  articles: RestoreCounts;
  editions: RestoreCounts;
  /** Pictures are never updated: an id is the sha256 of the bytes. */
  media: RestoreCounts;
  /** API keys, revoked ones too: updated when a use or a revocation is newer on one side. */
  keys: RestoreCounts;
  /** Feed subscriptions with their poll state, and the items each recorded. */
  feeds: RestoreCounts;
  feedItems: RestoreCounts;
  /** Scheduled editions with their schedule state, and the issues each made. */
  publications: RestoreCounts;
  issues: RestoreCounts;
}

export interface CopyProgress {
  kind: 'articles' | 'editions' | 'pictures' | 'keys' | 'feeds' | 'publications';
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
 * Copies every article, then every curated edition, every stored picture, every API key (hash
 * and stamps kept, so clients' keys keep working), every feed subscription with its items (so
 * polling goes on where it was, without importing an item twice) and every publication with its
 * issues (so no slot is issued twice) of `source` into
 * `target` through the Store interface, so both sides apply their own normalisation and
 * indexing. Articles go in pages of `batchSize` (the source's own list order and cursors), each
 * page one transaction on the target; stamps are kept, and records the target already holds
 * unchanged are not written, so a second run copies only what changed. Pictures go one at a
 * time (each may be megabytes), under the same content-addressed id, so the articles' picture
 * URLs keep working; the target dates them at the copy, which only restarts prune's grace period
 * for a picture no article uses. Nothing is deleted from the target.
 */
export async function copyStore(
  source: Store,
  target: Store,
  options: { batchSize: number; onProgress?: (progress: CopyProgress) => void },
): Promise<CopySummary> {
  const summary: CopySummary = {
    articles: none(),
    editions: none(),
    media: none(),
    keys: none(),
    feeds: none(),
    feedItems: none(),
    publications: none(),
    issues: none(),
  };
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

  done = 0;
  let after: string | undefined;
  for (;;) {
    const ids = await source.media.ids({ after, limit: options.batchSize });
    if (ids.length === 0) break;
    const batch = none();
    for (const id of ids) {
      const picture = await source.media.get(id);
      // Pruned by the running server since the page was read.
      if (!picture) continue;
      const { created } = await target.media.put(picture);
      if (created) batch.created += 1;
      else batch.unchanged += 1;
    }
    summary.media = add(summary.media, batch);
    done += ids.length;
    options.onProgress?.({ kind: 'pictures', done, batch });
    after = ids.at(-1);
  }

  // Keys are few (one per client): read at once, written in batches.
  const keys = await source.keys.records();
  for (let i = 0; i < keys.length; i += options.batchSize) {
    const slice = keys.slice(i, i + options.batchSize);
    const batch = await target.keys.restore(slice);
    summary.keys = add(summary.keys, batch);
    options.onProgress?.({ kind: 'keys', done: i + slice.length, batch });
  }

  // Feeds a page at a time, each page's items after it (their rows refer to the feed).
  done = 0;
  cursor = undefined;
  do {
    const page = await source.feeds.list({
      limit: options.batchSize,
      ...(cursor !== undefined && { cursor }),
    });
    const batch = await target.feeds.restore(page.items);
    summary.feeds = add(summary.feeds, batch);
    for (const feed of page.items) {
      const items = await source.feeds.items(feed.id);
      for (let i = 0; i < items.length; i += options.batchSize)
        summary.feedItems = add(
          summary.feedItems,
          await target.feeds.restoreItems(items.slice(i, i + options.batchSize)),
        );
    }
    done += page.items.length;
    if (page.items.length > 0) options.onProgress?.({ kind: 'feeds', done, batch });
    cursor = page.nextCursor;
  } while (cursor !== undefined);

  // Publications last: their feed lists refer to feeds, their issues to curated editions.
  const publications = await source.publications.list();
  for (let i = 0; i < publications.length; i += options.batchSize) {
    const slice = publications.slice(i, i + options.batchSize);
    const batch = await target.publications.restore(slice);
    summary.publications = add(summary.publications, batch);
    for (const publication of slice) {
      const issues = await source.publications.issueRecords(publication.id);
      for (let j = 0; j < issues.length; j += options.batchSize)
        summary.issues = add(
          summary.issues,
          await target.publications.restoreIssues(issues.slice(j, j + options.batchSize)),
        );
    }
    options.onProgress?.({ kind: 'publications', done: i + slice.length, batch });
  }
  return summary;
}
