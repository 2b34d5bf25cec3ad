/**
 * OpenAPI paths of the feeds and OPDS catalogs: documents for feed readers and reading apps,
 * described by media type with an example each, and the revalidation every one of them offers.
 */
import { FACET_GROUPS } from '../opds/facets.js';
import { MAX_PAGE } from '../opds/paging.js';
import { CACHE_CONTROL } from '../http/revision-validators.js';
import { MEDIA_TYPES } from '../reader/urls.js';

type JsonObject = Record<string, unknown>;

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** The validators every catalog and feed answer carries, and what a poll costs. */
const validatorHeaders = {
  ETag: {
    description:
      "Validator derived from the store's change stamp and the URL (not from the body): send it back as If-None-Match.",
    schema: { type: 'string' },
  },
  'Last-Modified': {
    description: 'When articles or editions last changed (any write, deletions too).',
    schema: { type: 'string' },
  },
  'Cache-Control': {
    description: `\`${CACHE_CONTROL.catalog}\`: a shared cache may keep it a minute, then must revalidate.`,
    schema: { type: 'string' },
  },
};

const conditionalParameters: JsonObject[] = [
  {
    name: 'If-None-Match',
    in: 'header',
    required: false,
    description: 'The ETag of the copy the client holds: answered 304 when it is still current.',
    schema: { type: 'string' },
  },
  {
    name: 'If-Modified-Since',
    in: 'header',
    required: false,
    description: 'Used when If-None-Match is absent.',
    schema: { type: 'string' },
  },
];

const notModified = {
  description:
    'Not modified: nothing in the store changed since the client got its copy. No body; answered from the change stamp alone, before anything is listed.',
  headers: validatorHeaders,
};

const pageParameter: JsonObject = {
  name: 'page',
  in: 'query',
  required: false,
  description: `Page number, from 1 to ${MAX_PAGE}; each page links first, previous, next and (when the total is known) last.`,
  schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 },
};

const queryParameter: JsonObject = {
  name: 'q',
  in: 'query',
  required: false,
  description: 'Search words (at most 200 characters are read).',
  schema: { type: 'string' },
  example: 'pakistan',
};

const facetParameters: JsonObject[] = FACET_GROUPS.map(({ param, title }) => ({
  name: param,
  in: 'query',
  required: false,
  description: `${title} facet (combinable with the others; the catalog's facet links carry these). ${
    param === 'author' ? 'The name exactly as written.' : 'Compared case-insensitively.'
  }`,
  schema: { type: 'string', maxLength: 200 },
}));

interface CatalogRoute {
  operationId: string;
  summary: string;
  description: string;
  mediaType: string;
  example: string | JsonObject;
  parameters?: JsonObject[];
  notFound?: string;
}

function catalogGet(route: CatalogRoute): JsonObject {
  const isText = typeof route.example === 'string';
  const responses: JsonObject = {
    '200': {
      description: route.summary,
      headers: validatorHeaders,
      content: {
        [route.mediaType]: {
          schema: isText ? { type: 'string' } : { type: 'object' },
          example: route.example,
        },
      },
    },
    '304': notModified,
  };
  if (route.parameters?.some((p) => FACET_GROUPS.some((g) => g.param === p.name)))
    responses['400'] = problem('A query parameter is repeated or too long; `errors` names it.');
  if (route.notFound) responses['404'] = problem(route.notFound);
  // Express itself answers 400 to a malformed URL (bad percent-encoding) on any route.
  if (!('400' in responses) && !('404' in responses))
    responses['4XX'] = problem('A malformed request.');
  return {
    get: {
      operationId: route.operationId,
      summary: route.summary,
      description: route.description,
      tags: ['catalogs'],
      security: [],
      parameters: [...(route.parameters ?? []), ...conditionalParameters],
      responses,
    },
  };
}

const B = 'https://news.example.org';

const atomExample = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
  <id>urn:uuid:…</id>
  <title>Broadsheet: latest articles</title>
  <updated>2026-11-28T09:00:00Z</updated>
  <link rel="self" href="${B}/feed.atom" type="application/atom+xml"/>
  <link rel="alternate" href="${B}/feed.rss" type="application/rss+xml"/>
  <entry>…</entry>
</feed>`;

const rssExample = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Broadsheet: latest articles</title>
    <link>${B}/</link>
    <description>The latest articles from Broadsheet, each as EPUB and PDF.</description>
    <atom:link href="${B}/feed.rss" rel="self" type="application/rss+xml"/>
    <lastBuildDate>Sat, 28 Nov 2026 09:00:00 +0000</lastBuildDate>
    <item>
      <title>Pakistan, Russia look at strategic partnership</title>
      <link>${B}/articles/pakistan-russia-look-at-strategic-partnership</link>
      <dc:creator>Jane Doe</dc:creator>
      <category>World</category>
      <guid isPermaLink="false">urn:uuid:…</guid>
      <pubDate>Wed, 02 May 2018 10:00:00 +0000</pubDate>
      <enclosure url="${B}/v1/articles/pakistan-russia-look-at-strategic-partnership.epub" length="4096" type="application/epub+zip"/>
    </item>
  </channel>
</rss>`;

const opds1Example = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opds="http://opds-spec.org/2010/catalog" xmlns:thr="http://purl.org/syndication/thread/1.0">
  <title>Latest articles: Section World</title>
  <link rel="self" href="${B}/opds/articles?section=World" type="${MEDIA_TYPES.opdsAcquisition}"/>
  <link rel="last" href="${B}/opds/articles?section=World&amp;page=2" type="${MEDIA_TYPES.opdsAcquisition}"/>
  <link rel="http://opds-spec.org/facet" href="${B}/opds/articles?section=World" title="World" opds:facetGroup="Section" opds:activeFacet="true" thr:count="31"/>
  <entry>…</entry>
</feed>`;

const opds2Example: JsonObject = {
  metadata: { title: 'Latest articles', numberOfItems: 52, itemsPerPage: 25, currentPage: 1 },
  links: [
    { rel: 'self', href: `${B}/opds/v2/articles`, type: MEDIA_TYPES.opds2 },
    { rel: 'next', href: `${B}/opds/v2/articles?page=2`, type: MEDIA_TYPES.opds2 },
    { rel: 'last', href: `${B}/opds/v2/articles?page=3`, type: MEDIA_TYPES.opds2 },
  ],
  facets: [
    {
      metadata: { title: 'Section' },
      links: [
        {
          href: `${B}/opds/v2/articles`,
          type: MEDIA_TYPES.opds2,
          title: 'All sections',
          rel: 'self',
        },
        {
          href: `${B}/opds/v2/articles?section=World`,
          type: MEDIA_TYPES.opds2,
          title: 'World',
          properties: { numberOfItems: 31 },
        },
      ],
    },
  ],
  publications: [],
};

export function catalogPaths(): Record<string, JsonObject> {
  const slug: JsonObject = {
    name: 'slug',
    in: 'path',
    required: true,
    description: 'The article slug.',
    schema: { type: 'string' },
  };
  const id: JsonObject = {
    name: 'id',
    in: 'path',
    required: true,
    description: 'A date (YYYY-MM-DD) for the daily edition, `latest`, or a curated edition id.',
    schema: { type: 'string' },
  };
  const publicationId: JsonObject = {
    name: 'id',
    in: 'path',
    required: true,
    description: 'The publication id (from POST /v1/publications).',
    schema: { type: 'string' },
  };
  return {
    '/feed.atom': catalogGet({
      operationId: 'getAtomFeed',
      summary: 'Atom 1.0 feed of the latest articles',
      description: 'The 30 newest articles, full text, EPUB and PDF as enclosures.',
      mediaType: MEDIA_TYPES.atom,
      example: atomExample,
    }),
    '/feed.rss': catalogGet({
      operationId: 'getRssFeed',
      summary: 'RSS 2.0 feed of the latest articles',
      description:
        'The same 30 articles as the Atom feed: RFC 822 dates in the publisher’s own offset, names as dc:creator, the EPUB as enclosure.',
      mediaType: MEDIA_TYPES.rss,
      example: rssExample,
    }),
    '/feed.json': catalogGet({
      operationId: 'getJsonFeed',
      summary: 'JSON Feed 1.1 of the latest articles',
      description: 'The same 30 articles, EPUB and PDF as attachments.',
      mediaType: MEDIA_TYPES.jsonFeed,
      example: {
        version: 'https://jsonfeed.org/version/1.1',
        title: 'Broadsheet: latest articles',
        feed_url: `${B}/feed.json`,
        items: [],
      },
    }),
    '/opds': catalogGet({
      operationId: 'getOpdsRoot',
      summary: 'OPDS 1.2 root navigation feed',
      description: 'Where a reading app starts: editions and latest articles.',
      mediaType: MEDIA_TYPES.opdsNavigation,
      example: `<feed xmlns="http://www.w3.org/2005/Atom">…</feed>`,
    }),
    '/opds/articles': catalogGet({
      operationId: 'getOpdsArticles',
      summary: 'OPDS 1.2 acquisition feed of articles, newest first, with facets',
      description:
        'Facet links (rel `http://opds-spec.org/facet`) by section, tag, language and author, with `opds:facetGroup`, `opds:activeFacet` and `thr:count`; paging links first, previous, next, last.',
      mediaType: MEDIA_TYPES.opdsAcquisition,
      example: opds1Example,
      parameters: [...facetParameters, pageParameter],
      notFound: 'No such page.',
    }),
    '/opds/editions': catalogGet({
      operationId: 'getOpdsEditions',
      summary: 'OPDS 1.2 acquisition feed of editions, newest first',
      description: 'Daily and curated editions; paging links first, previous, next, last.',
      mediaType: MEDIA_TYPES.opdsAcquisition,
      example: `<feed xmlns="http://www.w3.org/2005/Atom">…</feed>`,
      parameters: [pageParameter],
      notFound: 'No such page.',
    }),
    '/opds/search': catalogGet({
      operationId: 'searchOpds',
      summary: 'OPDS 1.2 search results',
      description: 'With OpenSearch response elements (itemsPerPage, startIndex, Query).',
      mediaType: MEDIA_TYPES.opdsAcquisition,
      example: `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">…</feed>`,
      parameters: [queryParameter, pageParameter],
      notFound: 'No such page.',
    }),
    '/opds/opensearch.xml': catalogGet({
      operationId: 'getOpenSearchDescription',
      summary: 'OpenSearch 1.1 description',
      description:
        'The search templates of the OPDS 1.2 catalog, the OPDS 2.0 catalog and the reader site.',
      mediaType: MEDIA_TYPES.openSearch,
      example: `<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
  <ShortName>Broadsheet</ShortName>
  <Url type="${MEDIA_TYPES.opdsAcquisition}" template="${B}/opds/search?q={searchTerms}"/>
  <Url type="${MEDIA_TYPES.opds2}" template="${B}/opds/v2/search?q={searchTerms}"/>
</OpenSearchDescription>`,
    }),
    '/opds/v2': catalogGet({
      operationId: 'getOpds2Root',
      summary: 'OPDS 2.0 root',
      description: 'Navigation to editions and latest articles, and a templated search link.',
      mediaType: MEDIA_TYPES.opds2,
      example: { metadata: { title: 'Broadsheet' }, links: [], navigation: [] },
    }),
    '/opds/v2/articles': catalogGet({
      operationId: 'getOpds2Articles',
      summary: 'OPDS 2.0 feed of articles, newest first, with facets',
      description:
        'Facet collections by section, tag, language and author (the chosen link of each group has rel `self`, counts in `properties.numberOfItems`); paging links first, previous, next, last. Valid by the official OPDS 2.0 JSON Schemas.',
      mediaType: MEDIA_TYPES.opds2,
      example: opds2Example,
      parameters: [...facetParameters, pageParameter],
      notFound: 'No such page.',
    }),
    '/opds/v2/editions': catalogGet({
      operationId: 'getOpds2Editions',
      summary: 'OPDS 2.0 feed of editions, newest first',
      description: 'Daily and curated editions; paging links first, previous, next, last.',
      mediaType: MEDIA_TYPES.opds2,
      example: { metadata: { title: 'Editions' }, links: [], publications: [] },
      parameters: [pageParameter],
      notFound: 'No such page.',
    }),
    '/opds/v2/search': catalogGet({
      operationId: 'searchOpds2',
      summary: 'OPDS 2.0 search results',
      description: 'Best match first.',
      mediaType: MEDIA_TYPES.opds2,
      example: { metadata: { title: 'Search: pakistan' }, links: [], publications: [] },
      parameters: [queryParameter, pageParameter],
      notFound: 'No such page.',
    }),
    '/opds/v2/articles/{slug}': catalogGet({
      operationId: 'getOpds2Article',
      summary: 'One article as an OPDS 2.0 publication',
      description: 'Metadata, acquisition links (EPUB, PDF) and the cover.',
      mediaType: MEDIA_TYPES.opds2Publication,
      example: { metadata: { title: 'Pakistan, Russia look at strategic partnership' } },
      parameters: [slug],
      notFound: 'No such article.',
    }),
    '/publications/{id}/feed.atom': catalogGet({
      operationId: 'getPublicationAtomFeed',
      summary: "Atom 1.0 feed of a publication's issues",
      description: 'Its 30 newest issues, newest first, EPUB and PDF as enclosures.',
      mediaType: MEDIA_TYPES.atom,
      example: atomExample,
      parameters: [publicationId],
      notFound: 'No such publication.',
    }),
    '/opds/publications/{id}': catalogGet({
      operationId: 'getOpdsPublication',
      summary: "OPDS 1.2 acquisition feed of a publication's issues, newest first",
      description:
        'The root navigation feed has an entry per publication leading here; paging links first, previous, next, last.',
      mediaType: MEDIA_TYPES.opdsAcquisition,
      example: atomExample,
      parameters: [publicationId, pageParameter],
      notFound: 'No such publication, or no such page.',
    }),
    '/opds/v2/publications/{id}': catalogGet({
      operationId: 'getOpds2PublicationIssues',
      summary: "OPDS 2.0 feed of a publication's issues, newest first",
      description: 'The root has a navigation link per publication leading here.',
      mediaType: MEDIA_TYPES.opds2,
      example: { metadata: { title: 'Morning Brief' }, publications: [] },
      parameters: [publicationId, pageParameter],
      notFound: 'No such publication, or no such page.',
    }),
    '/opds/v2/editions/{id}': catalogGet({
      operationId: 'getOpds2Edition',
      summary: 'One edition as an OPDS 2.0 publication',
      description: 'Metadata, acquisition links (EPUB, PDF) and the cover.',
      mediaType: MEDIA_TYPES.opds2Publication,
      example: { metadata: { title: 'Daily edition, 2018-05-02' } },
      parameters: [id],
      notFound: 'No such edition.',
    }),
  };
}
