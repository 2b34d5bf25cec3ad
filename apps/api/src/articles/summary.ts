import { articleDownloadPath, articlePath } from '../http/links.js';
import type { ArticleListItem } from '../store/types.js';
import type { ArticleSummary } from './schemas.js';
import { storedReadingTime, storedWordCount } from './word-count.js';

/** The list representation of a stored article. */
export function toSummary(item: ArticleListItem): ArticleSummary {
  const a = item.article;
  const summary: ArticleSummary = {
    id: a.id,
    slug: a.slug,
    headline: a.headline,
    tags: a.tags,
    language: a.language,
    authors: a.authors.map((au) => au.name),
    wordCount: storedWordCount(item),
    readingTimeMinutes: storedReadingTime(item),
    modifiedAt: item.modifiedAt,
    links: {
      self: articlePath(a.slug),
      epub: articleDownloadPath(a.slug, 'epub'),
      pdf: articleDownloadPath(a.slug, 'pdf'),
    },
  };
  if (a.kicker !== undefined) summary.kicker = a.kicker;
  if (a.standfirst !== undefined) summary.standfirst = a.standfirst;
  if (a.section !== undefined) summary.section = a.section;
  if (a.publishedAt !== undefined) summary.publishedAt = a.publishedAt;
  if (a.updatedAt !== undefined) summary.updatedAt = a.updatedAt;
  if (item.snippet !== undefined) summary.snippet = item.snippet;
  return summary;
}
