/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1) of the latest articles, EPUB and PDF as attachments. */
import type { SiteContext } from '../reader/site.js';
import { url } from '../reader/site.js';
import { paths } from '../reader/urls.js';
import type { CatalogPublication } from '../opds/publication.js';

export interface JsonFeedAttachment {
  url: string;
  mime_type: string;
  title?: string;
  size_in_bytes?: number;
}

export interface JsonFeedItem {
  id: string;
  url: string;
  title: string;
  content_text: string;
  summary?: string;
  /** The article's photo, else its generated cover. */
  image: string;
  date_published?: string;
  date_modified: string;
  authors?: { name: string; url?: string }[];
  tags?: string[];
  language: string;
  attachments: JsonFeedAttachment[];
}

export interface JsonFeed {
  version: 'https://jsonfeed.org/version/1.1';
  title: string;
  home_page_url: string;
  feed_url: string;
  description: string;
  language: string;
  authors: { name: string; url: string }[];
  items: JsonFeedItem[];
}

export function jsonArticlesFeed(
  site: SiteContext,
  publications: readonly CatalogPublication[],
): JsonFeed {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: `${site.name}: latest articles`,
    home_page_url: url(site, paths.home()),
    feed_url: url(site, paths.jsonFeed()),
    description: `The latest articles from ${site.name}, each as EPUB and PDF.`,
    language: 'en',
    authors: [{ name: site.name, url: url(site, paths.home()) }],
    items: publications.map((pub) => {
      const item: JsonFeedItem = {
        id: pub.id,
        url: url(site, pub.page),
        title: pub.title,
        content_text: pub.content ?? pub.summary ?? pub.title,
        image: url(site, (pub.photo ?? pub.image).href),
        date_modified: pub.updated,
        language: pub.language,
        attachments: pub.acquisitions.map((a) => {
          const attachment: JsonFeedAttachment = {
            url: url(site, a.href),
            mime_type: a.type,
            title: a.format.toUpperCase(),
          };
          if (a.bytes !== undefined) attachment.size_in_bytes = a.bytes;
          return attachment;
        }),
      };
      if (pub.summary) item.summary = pub.summary;
      if (pub.issued)
        item.date_published = pub.issued.length === 10 ? `${pub.issued}T00:00:00Z` : pub.issued;
      if (pub.authors.length > 0)
        item.authors = pub.authors.map((a) =>
          a.url ? { name: a.name, url: a.url } : { name: a.name },
        );
      if (pub.categories.length > 0) item.tags = pub.categories;
      return item;
    }),
  };
}
