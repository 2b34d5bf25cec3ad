/** The Atom 1.0 feed (RFC 4287) of the latest articles, with EPUB and PDF as enclosures. */
import type { SiteContext } from '../reader/site.js';
import { url } from '../reader/site.js';
import { MEDIA_TYPES, paths } from '../reader/urls.js';
import { addPublicationEntry, atomFeed, serialise, type AtomLink } from '../opds/atom-xml.js';
import type { CatalogPublication } from '../opds/publication.js';
import { catalogId } from '../opds/publication.js';

export interface AtomFeedInput {
  site: SiteContext;
  /** Newest change among the entries (RFC 3339); required by Atom even for an empty feed. */
  updated: string;
  publications: readonly CatalogPublication[];
}

export function atomArticlesFeed({ site, updated, publications }: AtomFeedInput): string {
  return atomDocument({
    site,
    id: catalogId('article', 'feed'),
    title: `${site.name}: latest articles`,
    updated,
    publications,
    links: [
      { rel: 'self', href: url(site, paths.atom()), type: MEDIA_TYPES.atom },
      { rel: 'alternate', href: url(site, paths.home()), type: 'text/html' },
      { rel: 'alternate', href: url(site, paths.jsonFeed()), type: MEDIA_TYPES.jsonFeed },
      { rel: 'alternate', href: url(site, paths.rss()), type: MEDIA_TYPES.rss },
    ],
  });
}

/** A publication's issues, newest first, each with its EPUB and PDF as enclosures. */
export function atomIssuesFeed(
  input: AtomFeedInput & { publication: { id: string; title: string } },
): string {
  const { site, publication } = input;
  return atomDocument({
    site,
    id: catalogId('edition', `publication:${publication.id}`),
    title: `${site.name}: ${publication.title}`,
    updated: input.updated,
    publications: input.publications,
    links: [
      {
        rel: 'self',
        href: url(site, paths.publicationAtom(publication.id)),
        type: MEDIA_TYPES.atom,
      },
      { rel: 'alternate', href: url(site, paths.publication(publication.id)), type: 'text/html' },
      {
        rel: 'alternate',
        href: url(site, paths.opdsPublication(publication.id)),
        type: MEDIA_TYPES.opdsAcquisition,
      },
    ],
  });
}

function atomDocument(
  input: AtomFeedInput & { id: string; title: string; links: AtomLink[] },
): string {
  const { site } = input;
  const feed = atomFeed({
    id: input.id,
    title: input.title,
    updated: input.updated,
    author: { name: site.name, uri: site.baseUrl },
    links: input.links,
    namespaces: ['media'],
  });
  // Generator identifies the software, as RFC 4287 §4.2.4 suggests.
  feed.ele('generator', { uri: url(site, paths.home()) }).txt('Broadsheet');
  const abs = (p: string) => url(site, p);
  for (const pub of input.publications)
    addPublicationEntry(feed, pub, {
      abs,
      downloadRel: 'enclosure',
      opds: false,
      content: true,
      thumbnail: true,
    });
  return serialise(feed);
}
