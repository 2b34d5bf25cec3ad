/** Atom 1.0 (RFC 4287) building blocks shared by the OPDS 1.2 catalog and the Atom feed. */
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { dropUnprintable } from '@broadsheet/render/display';
import { create } from 'xmlbuilder2';
import type { CatalogPublication } from './publication.js';
import { dateTime } from './publication.js';

export const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  dc: 'http://purl.org/dc/terms/',
  opds: 'http://opds-spec.org/2010/catalog',
  opensearch: 'http://a9.com/-/spec/opensearch/1.1/',
  thr: 'http://purl.org/syndication/thread/1.0',
  media: 'http://search.yahoo.com/mrss/',
} as const;

export const REL = {
  acquisition: 'http://opds-spec.org/acquisition',
  openAccess: 'http://opds-spec.org/acquisition/open-access',
  image: 'http://opds-spec.org/image',
  thumbnail: 'http://opds-spec.org/image/thumbnail',
  sortNew: 'http://opds-spec.org/sort/new',
  facet: 'http://opds-spec.org/facet',
} as const;

export interface AtomLink {
  rel: string;
  href: string;
  type?: string | undefined;
  title?: string | undefined;
  length?: number | undefined;
  hreflang?: string | undefined;
}

export interface AtomFeedHead {
  id: string;
  title: string;
  subtitle?: string | undefined;
  updated: string;
  author: { name: string; uri?: string | undefined };
  links: AtomLink[];
  /** Extra namespaces declared on `<feed>` (`dc`, `opds`, `opensearch`). */
  namespaces?: readonly (keyof typeof NS)[];
  language?: string | undefined;
}

/** A `<feed>` with its head filled in; the caller appends entries and serialises it. */
export function atomFeed(head: AtomFeedHead): XMLBuilder {
  const attrs: Record<string, string> = {};
  for (const prefix of head.namespaces ?? [])
    if (prefix !== 'atom') attrs[`xmlns:${prefix}`] = NS[prefix];
  if (head.language) attrs['xml:lang'] = head.language;
  const feed = create({ version: '1.0', encoding: 'UTF-8' }).ele(NS.atom, 'feed', attrs);
  feed.ele('id').txt(head.id);
  feed.ele('title').txt(head.title);
  if (head.subtitle) feed.ele('subtitle').txt(head.subtitle);
  feed.ele('updated').txt(head.updated);
  const author = feed.ele('author');
  author.ele('name').txt(head.author.name);
  if (head.author.uri) author.ele('uri').txt(head.author.uri);
  for (const link of head.links) addLink(feed, link);
  return feed;
}

export function addLink(parent: XMLBuilder, link: AtomLink): void {
  const attrs: Record<string, string> = { rel: link.rel, href: link.href };
  if (link.type) attrs.type = link.type;
  if (link.title) attrs.title = link.title;
  if (link.hreflang) attrs.hreflang = link.hreflang;
  if (link.length !== undefined) attrs.length = String(link.length);
  parent.ele('link', attrs);
}

export interface EntryStyle {
  /** Turns a site-relative path into the absolute URL clients see. */
  abs: (path: string) => string;
  /** Link rel for each download: OPDS acquisition links, or Atom enclosures in a plain feed. */
  downloadRel: string;
  /** Add OPDS/Dublin Core metadata (dc:language, dc:issued, dc:publisher, cover links). */
  opds: boolean;
  /** Include the full text as `<content type="text">` (plain feeds; catalogs stay light). */
  content: boolean;
  /**
   * Plain feeds: a Media RSS `<media:thumbnail>` (the article's photo, else its cover), the
   * picture feed readers show beside an Atom entry (Atom itself has no per-entry image).
   * The feed must declare the `media` namespace.
   */
  thumbnail?: boolean;
}

/** One `<entry>` describing an article or edition. */
export function addPublicationEntry(
  feed: XMLBuilder,
  pub: CatalogPublication,
  style: EntryStyle,
): void {
  const entry = feed.ele('entry');
  entry.ele('title').txt(pub.title);
  entry.ele('id').txt(pub.id);
  entry.ele('updated').txt(pub.updated);
  if (pub.issued) entry.ele('published').txt(dateTime(pub.issued));
  for (const a of pub.authors) {
    const author = entry.ele('author');
    author.ele('name').txt(a.name);
    if (a.url) author.ele('uri').txt(a.url);
  }
  if (style.opds) {
    entry.ele('dc:language').txt(pub.language);
    if (pub.issued) entry.ele('dc:issued').txt(pub.issued);
    if (pub.publisher) entry.ele('dc:publisher').txt(pub.publisher);
  }
  for (const c of pub.categories) entry.ele('category', { term: c, label: c });
  if (pub.summary) entry.ele('summary', { type: 'text' }).txt(pub.summary);
  if (style.content && pub.content) entry.ele('content', { type: 'text' }).txt(pub.content);
  addLink(entry, {
    rel: 'alternate',
    type: 'text/html',
    href: style.abs(pub.page),
    hreflang: pub.language,
  });
  if (style.opds) {
    addLink(entry, { rel: REL.image, type: pub.image.type, href: style.abs(pub.image.href) });
    addLink(entry, {
      rel: REL.thumbnail,
      type: pub.image.type,
      href: style.abs(pub.image.thumbnail),
    });
  }
  if (style.thumbnail) {
    const picture = pub.photo ?? pub.image;
    const attrs: Record<string, string> = { url: style.abs(picture.href) };
    if (picture.width !== undefined && picture.height !== undefined)
      Object.assign(attrs, { width: String(picture.width), height: String(picture.height) });
    entry.ele('media:thumbnail', attrs);
  }
  for (const acq of pub.acquisitions) {
    addLink(entry, {
      rel: style.downloadRel,
      type: acq.type,
      href: style.abs(acq.href),
      title: acq.format.toUpperCase(),
      length: acq.bytes,
    });
  }
}

/**
 * Serialises a built feed; pretty-printed because catalogs are read by people debugging clients.
 * xmlbuilder2 writes text and attribute values as they are, so the characters XML 1.0 forbids
 * are dropped here, from the whole document, by the renderers' one escaper: rows stored raw by
 * versions before the model dropped controls (an author URL or an edition title with U+0001)
 * can then never make a feed malformed. None of those characters is ever part of the markup.
 */
export const serialise = (feed: XMLBuilder): string =>
  dropUnprintable(feed.end({ prettyPrint: true }));
