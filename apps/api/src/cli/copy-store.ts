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
  /** Mail sent, failed or queued: one further along in the target is left as it is. */
  deliveries: RestoreCounts;
}

export interface CopyProgress {
  kind: 'articles' | 'editions' | 'pictures' | 'keys' | 'feeds' | 'publications' | 'deliveries';
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

/** Every page of a cursor-paged list, in the list's own order. */
async function* pages<T>(
  list: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string }>,
): AsyncGenerator<T[]> {
  let cursor: string | undefined;
  do {
    const page = await list(cursor);
    yield page.items;
    cursor = page.nextCursor;
  } while (cursor !== undefined);
}

/** Every page of a keyset-paged list (each page after the last key of the one before), until one is empty. */
async function* keysetPages<T>(
  list: (after: string | undefined) => Promise<T[]>,
  keyOf: (item: T) => string,
): AsyncGenerator<T[]> {
  let after: string | undefined;
  for (let page = await list(after); page.length > 0; page = await list(after)) {
    yield page;
    after = keyOf(page.at(-1)!);
  }
}

/**
 * Restores `records` a slice of `size` at a time (each slice one transaction on the target),
 * calling `after` with each slice's counts and how many are done; resolves to the totals.
 */
async function inBatches<T>(
  records: readonly T[],
  size: number,
  restore: (slice: readonly T[]) => Promise<RestoreCounts>,
  after?: (slice: readonly T[], batch: RestoreCounts, done: number) => Promise<void> | void,
): Promise<RestoreCounts> {
  let total = none();
  for (let i = 0; i < records.length; i += size) {
    const slice = records.slice(i, i + size);
    const batch = await restore(slice);
    total = add(total, batch);
    await after?.(slice, batch, i + slice.length);
  }
  return total;
}

/**
 * Copies every article, then every curated edition, every stored picture, every API key (hash
 * and stamps kept, so clients' keys keep working), every feed subscription with its items (so
 * polling goes on where it was, without importing an item twice) and every publication with its
 * issues (so no slot is issued twice), and every delivery (so no mail goes out twice) of `source` into
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
    deliveries: none(),
  };
  const limit = options.batchSize;
  const at = (cursor: string | undefined) => ({ limit, ...(cursor !== undefined && { cursor }) });
  let done = 0;
  for await (const items of pages((cursor) => source.articles.list(at(cursor)))) {
    const batch = await target.articles.restore(
      items.map(({ article, createdAt, modifiedAt }) => ({ article, createdAt, modifiedAt })),
    );
    summary.articles = add(summary.articles, batch);
    done += items.length;
    if (items.length > 0) options.onProgress?.({ kind: 'articles', done, batch });
  }

  // Editions are small (a title and a list of slugs): read at once, written in batches.
  summary.editions = await inBatches(
    await source.editions.list(),
    limit,
    (slice) => target.editions.restore(slice),
    (_, batch, done) => options.onProgress?.({ kind: 'editions', done, batch }),
  );

  done = 0;
  for await (const ids of keysetPages(
    (after) => source.media.ids({ after, limit }),
    (id) => id,
  )) {
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
  }

  // Keys are few (one per client): read at once, written in batches.
  summary.keys = await inBatches(
    await source.keys.records(),
    limit,
    (slice) => target.keys.restore(slice),
    (_, batch, done) => options.onProgress?.({ kind: 'keys', done, batch }),
  );

  // Feeds a page at a time, each page's items after it (their rows refer to the feed).
  done = 0;
  for await (const feeds of pages((cursor) => source.feeds.list(at(cursor)))) {
    const batch = await target.feeds.restore(feeds);
    summary.feeds = add(summary.feeds, batch);
    for (const feed of feeds)
      summary.feedItems = add(
        summary.feedItems,
        await inBatches(await source.feeds.items(feed.id), limit, (slice) =>
          target.feeds.restoreItems(slice),
        ),
      );
    done += feeds.length;
    if (feeds.length > 0) options.onProgress?.({ kind: 'feeds', done, batch });
  }

  // Publications last: their feed lists refer to feeds, their issues to curated editions.
  summary.publications = await inBatches(
    await source.publications.list(),
    limit,
    (slice) => target.publications.restore(slice),
    async (slice, batch, done) => {
      for (const publication of slice)
        summary.issues = add(
          summary.issues,
          await inBatches(await source.publications.issueRecords(publication.id), limit, (issues) =>
            target.publications.restoreIssues(issues),
          ),
        );
      options.onProgress?.({ kind: 'publications', done, batch });
    },
  );

  // Deliveries a page at a time in id order (a publication's history grows by one a recipient a
  // day). A queued one is sent by whichever server runs the queue: the target's once it starts.
  done = 0;
  for await (const deliveries of keysetPages(
    (after) => source.deliveries.records({ after, limit }),
    (d) => d.id,
  )) {
    const batch = await target.deliveries.restore(deliveries);
    summary.deliveries = add(summary.deliveries, batch);
    done += deliveries.length;
    options.onProgress?.({ kind: 'deliveries', done, batch });
  }
  return summary;
}
