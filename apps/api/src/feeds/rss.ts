/**
 * The RSS 2.0 feed (https://www.rssboard.org/rss-specification) of the latest articles, for
 * the readers and podcatcher-style tools that take nothing else. Dates are RFC 822 (the
 * publisher's wall time and offset, @broadsheet/render/display); text goes through the XML
 * builder, which escapes it, after the display module dropped what XML cannot carry.
 */
import { rfc822Date } from '@broadsheet/render/display';
import { create } from 'xmlbuilder2';
import { NS, serialise } from '../opds/atom-xml.js';
import type { CatalogPublication } from '../opds/publication.js';
import type { SiteContext } from '../reader/site.js';
import { url } from '../reader/site.js';
import { MEDIA_TYPES, paths } from '../reader/urls.js';

export interface RssFeedInput {
  site: SiteContext;
  /** Newest change among the items (RFC 3339): the channel's lastBuildDate. */
  updated: string;
  publications: readonly CatalogPublication[];
}

const DC_ELEMENTS = 'http://purl.org/dc/elements/1.1/';

export function rssArticlesFeed({ site, updated, publications }: RssFeedInput): string {
  const abs = (p: string) => url(site, p);
  const rss = create({ version: '1.0', encoding: 'UTF-8' }).ele('rss', {
    version: '2.0',
    'xmlns:atom': NS.atom,
    'xmlns:dc': DC_ELEMENTS,
    'xmlns:media': NS.media,
  });
  const channel = rss.ele('channel');
  channel.ele('title').txt(`${site.name}: latest articles`);
  channel.ele('link').txt(abs(paths.home()));
  channel.ele('description').txt(`The latest articles from ${site.name}, each as EPUB and PDF.`);
  // The RSS Advisory Board's profile: a feed names its own URL, as Atom's rel="self" does.
  channel.ele('atom:link', { href: abs(paths.rss()), rel: 'self', type: MEDIA_TYPES.rss });
  channel.ele('atom:link', { href: abs(paths.atom()), rel: 'alternate', type: MEDIA_TYPES.atom });
  channel.ele('atom:link', {
    href: abs(paths.jsonFeed()),
    rel: 'alternate',
    type: MEDIA_TYPES.jsonFeed,
  });
  const built = rfc822Date(updated);
  if (built) channel.ele('lastBuildDate').txt(built);
  channel.ele('generator').txt('Broadsheet');
  channel.ele('docs').txt('https://www.rssboard.org/rss-specification');
  // Readers poll on their own schedule; this says how often news changes, in minutes.
  channel.ele('ttl').txt('15');

  for (const pub of publications) {
    const item = channel.ele('item');
    item.ele('title').txt(pub.title);
    item.ele('link').txt(abs(pub.page));
    item.ele('description').txt(pub.content ?? pub.summary ?? pub.title);
    // RSS <author> must be an e-mail address; Dublin Core's creator takes a name.
    for (const a of pub.authors) item.ele('dc:creator').txt(a.name);
    for (const c of pub.categories) item.ele('category').txt(c);
    // The uuid stays the same when the article moves; it is not a URL to open.
    item.ele('guid', { isPermaLink: 'false' }).txt(pub.id);
    const date = rfc822Date(pub.issued ?? pub.updated);
    if (date) item.ele('pubDate').txt(date);
    item.ele('dc:language').txt(pub.language);
    // RSS allows one enclosure per item: the EPUB, which readers can hand to an e-reader.
    // Its length is required; 0 says "unknown" (the RSS Board's advice) before the first render.
    const epub = pub.acquisitions.find((a) => a.format === 'epub');
    if (epub)
      item.ele('enclosure', {
        url: abs(epub.href),
        length: String(epub.bytes ?? 0),
        type: epub.type,
      });
    const picture = pub.photo ?? pub.image;
    const thumb: Record<string, string> = { url: abs(picture.href) };
    if (picture.width !== undefined && picture.height !== undefined)
      Object.assign(thumb, { width: String(picture.width), height: String(picture.height) });
    item.ele('media:thumbnail', thumb);
  }
  return serialise(rss);
}
