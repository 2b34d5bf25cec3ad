import { type ArticleInput, LIMITS, WebUrl } from '@broadsheet/model';
import type { FeedItem } from './feed-item.js';

const clamp = (text: string, max: number) => (text.length > max ? text.slice(0, max) : text);
const webUrl = (url: string | undefined) =>
  url !== undefined && WebUrl.safeParse(url).success ? url : undefined;

/**
 * Puts the feed's word over the page's on the article import-html made: the item's title,
 * authors, dates and link (as the source URL, named after the feed) replace the page's when
 * the item has them, its categories lead the tags, and the feed's section is the section.
 */
export function withItemMetadata(
  article: ArticleInput,
  item: FeedItem,
  options: { section?: string; feedTitle?: string } = {},
): ArticleInput {
  const authors = item.authors.slice(0, LIMITS.authors).map((a) => {
    const url = webUrl(a.url);
    return { name: clamp(a.name, LIMITS.labelChars), ...(url !== undefined && { url }) };
  });
  const tags = [
    ...new Set(
      [...item.categories, ...(article.tags ?? [])].map((t) => clamp(t.trim(), LIMITS.labelChars)),
    ),
  ]
    .filter((t) => t !== '')
    .slice(0, LIMITS.tags);
  const link = webUrl(item.link);
  const sourceName = options.feedTitle ?? article.source?.name;
  const sourceUrl = link ?? article.source?.url;
  const title = item.title === undefined ? undefined : clamp(item.title, LIMITS.headlineChars);
  return {
    ...article,
    ...(title !== undefined && title !== '' && { headline: title }),
    ...(authors.length > 0 && { authors }),
    tags,
    ...(item.publishedAt !== undefined && { publishedAt: item.publishedAt }),
    ...(item.updatedAt !== undefined && { updatedAt: item.updatedAt }),
    ...(options.section !== undefined && { section: clamp(options.section, LIMITS.labelChars) }),
    ...((sourceName !== undefined || sourceUrl !== undefined) && {
      source: {
        ...(sourceUrl !== undefined && { url: sourceUrl }),
        ...(sourceName !== undefined && { name: clamp(sourceName, LIMITS.labelChars) }),
      },
    }),
  };
}
