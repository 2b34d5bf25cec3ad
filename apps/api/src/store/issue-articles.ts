import { slugify } from '@broadsheet/model';

/** One feed_items row of a publication's feeds whose article is stored. */
export interface ArrivalRow {
  item_key: string;
  article_slug: string;
  first_seen_at: string;
}

/**
 * The article slugs of the next issue, newest arrival first: an item (by its key: the GUID or
 * link) seen in several of the publication's feeds counts once, at its first arrival, and only
 * when that arrival is after `cutoff` (absent for the first issue: everything so far). Rows are
 * those that arrived up to the issue's own cutoff; both backends pick with this one function.
 */
export function pickIssueArticles(
  rows: readonly ArrivalRow[],
  cutoff: string | undefined,
  maxArticles: number,
): string[] {
  const firstByItem = new Map<string, ArrivalRow>();
  for (const row of rows) {
    const seen = firstByItem.get(row.item_key);
    if (
      !seen ||
      row.first_seen_at < seen.first_seen_at ||
      (row.first_seen_at === seen.first_seen_at && row.article_slug < seen.article_slug)
    )
      firstByItem.set(row.item_key, row);
  }
  const fresh = [...firstByItem.values()]
    .filter((row) => cutoff === undefined || row.first_seen_at > cutoff)
    .sort((a, b) =>
      a.first_seen_at === b.first_seen_at
        ? a.article_slug < b.article_slug
          ? -1
          : 1
        : a.first_seen_at < b.first_seen_at
          ? 1
          : -1,
    );
  const slugs = new Set<string>();
  for (const row of fresh) {
    if (slugs.size >= maxArticles) break;
    slugs.add(row.article_slug);
  }
  return [...slugs];
}

/**
 * Ids to try, in order, for a new row named after a title (`morning-brief`, then
 * `morning-brief-2`, ...): a publication's id, and an issue's edition id
 * (`${date}-${title}`, as curated editions are named) when a day has several issues.
 */
export function* candidateIds(prefix: string, title: string): Generator<string> {
  const base = prefix + slugify(title);
  yield base;
  for (let n = 2; ; n++) yield `${base}-${n}`;
}
