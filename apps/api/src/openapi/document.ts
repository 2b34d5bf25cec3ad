import { Article, Edition, parseArticle, Run, toNinjs } from '@broadsheet/model';
import { z } from 'zod';
import {
  ArticleList,
  ArticleListQuery,
  ArticleReadQuery,
  ArticleSummary,
  Facet,
  FacetList,
  FacetListQuery,
  HtmlImportQuery,
  ImagesQuery,
  PlainTextImportQuery,
} from '../articles/schemas.js';
import {
  DownloadImagesQuery,
  PdfDownloadQuery,
  PdfEditionDownloadQuery,
} from '../downloads/schemas.js';
import {
  CuratedEditionPatch,
  CuratedEditionRequest,
  EditionList,
  EditionListQuery,
  EditionSummary,
} from '../editions/schemas.js';
import { Problem } from '../http/problem-schema.js';
import { ApiKeyInfo, ApiKeyList, CreatedApiKey, CreateKeyRequest } from '../keys/schemas.js';
import { DeliveryList, DeliveryRequest, DeliverySummary } from '../delivery/schemas.js';
import { MediaDescription } from '../media/schemas.js';
import {
  FeedList,
  FeedListQuery,
  FeedRefresh,
  FeedRequest,
  FeedResource,
} from '../subscriptions/schemas.js';
import { catalogPaths } from './catalog-paths.js';
import { publicationPaths } from './publication-paths.js';
import { IssueSummary, PublicationRequest, PublicationResource } from '../publications/schemas.js';

type JsonObject = Record<string, unknown>;

/** A copy of `object` without `keys` (JSON Schema keywords that OpenAPI places elsewhere). */
function without(object: JsonObject, keys: readonly string[]): JsonObject {
  return Object.fromEntries(Object.entries(object).filter(([k]) => !keys.includes(k)));
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Every schema the document names, generated from the zod schemas the code validates with. */
function componentSchemas(): Record<string, JsonObject> {
  const registry = z.registry<{ id: string }>();
  const named: Record<string, z.ZodType> = {
    Article,
    Edition,
    Run,
    ArticleSummary,
    ArticleList,
    Facet,
    FacetList,
    EditionSummary,
    EditionList,
    CuratedEditionRequest,
    CuratedEditionPatch,
    CreateKeyRequest,
    CreatedApiKey,
    ApiKeyInfo,
    ApiKeyList,
    MediaDescription,
    DeliveryRequest,
    DeliverySummary,
    DeliveryList,
    PublicationRequest,
    PublicationResource,
    IssueSummary,
    FeedRequest,
    FeedResource,
    FeedList,
    FeedRefresh,
    Problem,
  };
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
  // The wire format is the input format: every stored article is also a valid input.
  const generated = z.toJSONSchema(registry, {
    io: 'input',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, JsonObject> };
  const out: Record<string, JsonObject> = {};
  for (const [id, schema] of Object.entries(generated.schemas)) {
    out[id] = without(schema, ['$schema', '$id']);
  }
  return out;
}

function queryParameters(schema: z.ZodObject): JsonObject[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const json = z.toJSONSchema(field as z.ZodType, {
      io: 'input',
      unrepresentable: 'any',
    }) as JsonObject;
    const param: JsonObject = {
      name,
      in: 'query',
      required: false,
      schema: without(json, ['$schema', 'description', 'examples']),
    };
    if (typeof json.description === 'string') param.description = json.description;
    // Swagger UI fills the field with the example; schema `examples` it does not show.
    if (Array.isArray(json.examples) && json.examples.length > 0) param.example = json.examples[0];
    return param;
  });
}

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});

const retryAfter = {
  'Retry-After': {
    description: 'Seconds until the client may try again.',
    schema: { type: 'integer', minimum: 0 },
  },
};

/** Answers every write route may give before its own work: authentication and rate limits. */
const accessErrors = {
  '401': problem('Missing or wrong bearer token or API key.'),
  '403': problem(
    'The API key lacks the scope this route needs; `detail` names it (the token and `admin` keys have every scope).',
  ),
  '429': {
    ...problem(
      'Too many writes with this credential in a minute (BROADSHEET_WRITES_PER_MINUTE), or too many failed authentications from this address (BROADSHEET_AUTH_FAILURES_PER_MINUTE); a valid token is never refused for the failures of others. See Retry-After.',
    ),
    headers: retryAfter,
  },
};

const writeErrors = {
  '400': problem('The body or a parameter is invalid; `errors` names each field.'),
  '413': problem(
    'The body is larger than the server accepts (BROADSHEET_BODY_LIMIT), or an imported body is over a count budget: lines (BROADSHEET_MAX_TEXT_LINES), elements or attributes (BROADSHEET_HTML_MAX_ELEMENTS, _ATTRIBUTES) or import memory (BROADSHEET_IMPORT_MEMORY_MB).',
  ),
  '415': problem('The body has an unsupported media type.'),
  ...accessErrors,
};

/**
 * Answers of the writes that import a body (text/plain lines, text/html through Readability, or
 * `data:` pictures): the work budgets beyond the byte budget, and the import pool's bounded queue.
 */
const importErrors = {
  '422': problem(
    'The body is within the byte budget but over a work budget: the import took longer than BROADSHEET_IMPORT_TIMEOUT_MS, the page nests deeper than BROADSHEET_HTML_MAX_DEPTH, or a picture is over BROADSHEET_IMAGE_MAX_PIXELS; `detail` names the limit and `errors` the field.',
  ),
  '503': {
    ...problem(
      'Every import thread is busy and the queue (BROADSHEET_IMPORT_QUEUE) is full, or the server is shutting down. See Retry-After.',
    ),
    headers: retryAfter,
  },
};

/** Conditional writes: If-Match (412 on a mismatch; 428 when BROADSHEET_REQUIRE_IF_MATCH=1). */
const ifMatchParameter = {
  name: 'If-Match',
  in: 'header',
  required: false,
  description:
    'The ETag of the version this write is based on (from a GET). Compared strongly: on a mismatch the write is refused with 412 and nothing changes, so two editors cannot overwrite each other. Required for existing resources when the server runs with BROADSHEET_REQUIRE_IF_MATCH=1 (428 without it).',
  schema: { type: 'string' },
  example: '"3f786850e387550fdab836ed7e6dc881de23001b"',
};
const ifNoneMatchParameter = {
  name: 'If-None-Match',
  in: 'header',
  required: false,
  description: '`*`: create only; 412 when the resource exists.',
  schema: { type: 'string', const: '*' },
};
const preconditionErrors = {
  '412': problem('If-Match does not name the current version (or the resource is gone).'),
  '428': problem(
    'BROADSHEET_REQUIRE_IF_MATCH=1 and the write to an existing resource has no If-Match.',
  ),
};

const slugParameter = {
  name: 'slug',
  in: 'path',
  required: true,
  description: 'The article slug.',
  schema: { type: 'string' },
};
const curatedIdParameter = {
  name: 'id',
  in: 'path',
  required: true,
  description:
    'A curated edition id (daily editions and `latest` are derived from articles and answer 405).',
  schema: { type: 'string' },
  example: '2018-05-05-weekend-reading',
};
const keyIdParameter = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The key id (the 16 hex digits after `bsk_`).',
  schema: { type: 'string' },
};

const feedIdParameter = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The feed id (16 hex digits), from `POST /v1/feeds` or the list.',
  schema: { type: 'string' },
};

/** Every /v1/feeds route needs `feeds:write`, reads included: subscriptions are an operator's data. */
const feedsSecurity = [{ bearer: [] }];

const feedFetchProblem = problem(
  'The URL cannot be subscribed to, and `detail` and `errors[0]` (path `body.url`) say why: an HTML page rather than a feed (the page\'s `<link rel="alternate">` feeds are listed in `alternates`), malformed XML, a body over BROADSHEET_FETCH_MAX_BYTES, endless redirects, a private or refused address, an HTTP error, or a parse over the import time budget. Nothing is stored.',
);

const feedExample = {
  id: '9c2f4e1ab37d5086',
  url: 'https://news.example.org/feed.xml',
  section: 'World',
  fullText: 'auto',
  title: 'Example News',
  siteUrl: 'https://news.example.org/',
  createdAt: '2026-12-04T06:00:00.000Z',
  updatedAt: '2026-12-04T06:00:00.000Z',
  lastSuccessAt: '2026-12-04T06:00:02.000Z',
  failures: 0,
  nextPollAt: '2026-12-04T06:30:02.000Z',
  links: { self: '/v1/feeds/9c2f4e1ab37d5086' },
};

/** Subscriptions (issue 17): the operator's feeds, polled into articles. */
function feedPaths(): JsonObject {
  const feedBody = {
    required: true,
    content: {
      'application/json': {
        schema: ref('FeedRequest'),
        example: { url: 'https://news.example.org/feed.xml', section: 'World', fullText: 'auto' },
      },
    },
  };
  const feedAnswer = (description: string) => ({
    description,
    headers: { ETag: { schema: { type: 'string' } } },
    content: { 'application/json': { schema: ref('FeedResource'), example: feedExample } },
  });
  return {
    '/v1/feeds': {
      get: {
        operationId: 'listFeeds',
        summary: 'List feed subscriptions',
        description: "Needs `feeds:write`. Oldest subscription first, with each feed's poll state.",
        tags: ['feeds'],
        security: feedsSecurity,
        parameters: queryParameters(FeedListQuery),
        responses: {
          '200': {
            description: 'One page of feeds.',
            headers: {
              Link: {
                description: '`<…>; rel="next"` when more follow.',
                schema: { type: 'string' },
              },
            },
            content: { 'application/json': { schema: ref('FeedList') } },
          },
          '400': problem('A bad `limit` or `cursor`.'),
          ...accessErrors,
        },
      },
      post: {
        operationId: 'createFeed',
        summary: 'Subscribe to a feed',
        description:
          'Needs `feeds:write`. The server fetches the URL once (through the safe fetcher) and parses it (RSS 0.9x/1.0/2.0, Atom 1.0, JSON Feed 1.1); only a feed that parses is stored. It is then due at once: the poller (or `POST /v1/feeds/{id}/refresh`) turns its items into articles.',
        tags: ['feeds'],
        security: feedsSecurity,
        requestBody: feedBody,
        responses: {
          '201': {
            ...feedAnswer('Subscribed.'),
            headers: { Location: { schema: { type: 'string' } } },
          },
          '409': problem('A feed with this URL exists.'),
          '422': feedFetchProblem,
          ...writeErrors,
        },
      },
    },
    '/v1/feeds/{id}': {
      get: {
        operationId: 'getFeed',
        summary: 'A feed subscription and its poll state',
        description:
          'Needs `feeds:write`. `lastSuccessAt`, `lastError`/`lastErrorAt`, `failures` (in a row) and `nextPollAt` show how polling goes.',
        tags: ['feeds'],
        security: feedsSecurity,
        parameters: [feedIdParameter],
        responses: {
          '200': feedAnswer('The feed.'),
          '304': { description: 'Not modified (If-None-Match).' },
          '404': problem('No such feed.'),
          ...accessErrors,
        },
      },
      put: {
        operationId: 'replaceFeed',
        summary: "Replace a feed's settings",
        description:
          "Needs `feeds:write`. Poll state is kept; a new URL is fetched and parsed first (as on create), forgets the old validators and is due at once. If-Match compares the settings revision (the ETag's part before `-`), so a poll in between does not make the write stale.",
        tags: ['feeds'],
        security: feedsSecurity,
        parameters: [feedIdParameter, ifMatchParameter],
        requestBody: feedBody,
        responses: {
          '200': feedAnswer('Replaced.'),
          '404': problem('No such feed.'),
          '409': problem('Another feed has this URL.'),
          '422': feedFetchProblem,
          ...writeErrors,
          ...preconditionErrors,
        },
      },
      delete: {
        operationId: 'deleteFeed',
        summary: 'Unsubscribe',
        description:
          'Needs `feeds:write`. The feed and its item records go; the articles it brought stay.',
        tags: ['feeds'],
        security: feedsSecurity,
        parameters: [feedIdParameter, ifMatchParameter],
        responses: {
          '204': { description: 'Deleted.' },
          '404': problem('No such feed.'),
          ...accessErrors,
          ...preconditionErrors,
        },
      },
    },
    '/v1/feeds/{id}/refresh': {
      post: {
        operationId: 'refreshFeed',
        summary: 'Poll a feed now',
        description:
          'Needs `feeds:write`. Polls the feed at once (a conditional GET; a 304 changes nothing but the schedule) and answers with the feed after the poll and how many items were new, updated or unchanged. A failure of the feed is recorded on it (`status: "failed"`, `feed.lastError`), not answered as an error; items that could not be imported are listed in `warnings`.',
        tags: ['feeds'],
        security: feedsSecurity,
        parameters: [feedIdParameter],
        responses: {
          '200': {
            description: 'Polled.',
            content: { 'application/json': { schema: ref('FeedRefresh') } },
          },
          '404': problem('No such feed.'),
          '409': {
            ...problem('The feed is being polled right now (by the poller or another replica).'),
            headers: retryAfter,
          },
          ...accessErrors,
        },
      },
    },
  };
}

const editionExample = {
  title: 'Weekend reading',
  date: '2018-05-05',
  slugs: ['pakistan-russia-look-at-multidimensional-strategic-partnership-in-region'],
};

const mergePatch = (schema: JsonObject, example: JsonObject) => ({
  required: true,
  content: { 'application/merge-patch+json': { schema, example } },
});

const editionIdParameter = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'A date (YYYY-MM-DD) for the daily edition, `latest`, or a curated edition id.',
  schema: { type: 'string' },
};

/** `?v=`: a download URL pinned to one file. */
const pinnedParameter = {
  name: 'v',
  in: 'query',
  required: false,
  description:
    'The file’s ETag (without quotes). When it is the current one the answer is `Cache-Control: public, max-age=31536000, immutable`: the URL can only ever mean these bytes. Otherwise the current file is sent, revalidated as usual.',
  schema: { type: 'string' },
};

const listNotModified = {
  description:
    'Not modified (If-None-Match / If-Modified-Since): nothing in the store changed since. The ETag and Last-Modified of every list derive from the store’s change stamp, so the list is not read again.',
};

function download(
  format: 'epub' | 'pdf',
  what: 'article' | 'edition',
  parameter: JsonObject,
): JsonObject {
  const mediaType = format === 'epub' ? 'application/epub+zip' : 'application/pdf';
  return {
    get: {
      operationId: `download${what === 'article' ? 'Article' : 'Edition'}${format === 'epub' ? 'Epub' : 'Pdf'}`,
      summary: `Download the ${what} as ${format.toUpperCase()}`,
      description:
        'Rendered off the event loop and cached by content hash. Supports HEAD, Range (206), ETag / If-None-Match (304) and If-Range.',
      tags: ['downloads'],
      security: [],
      parameters: [
        parameter,
        ...(format === 'pdf'
          ? queryParameters(what === 'edition' ? PdfEditionDownloadQuery : PdfDownloadQuery)
          : []),
        ...queryParameters(DownloadImagesQuery),
        pinnedParameter,
      ],
      responses: {
        '200': {
          description: `The ${format.toUpperCase()} file (Content-Disposition: attachment).`,
          headers: {
            ETag: {
              description: 'Strong validator: hash of the content, renderer version and options.',
              schema: { type: 'string' },
            },
            'Content-Disposition': { schema: { type: 'string' } },
          },
          content: { [mediaType]: { schema: { type: 'string', contentMediaType: mediaType } } },
        },
        '206': {
          description: 'The requested byte range.',
          content: { [mediaType]: { schema: { type: 'string' } } },
        },
        '304': { description: 'Not modified.' },
        '400': problem('Invalid query parameter.'),
        '404': problem(`No such ${what}.`),
        '416': problem(
          'No range of the Range header is inside the file (a suffix longer than the file gets the whole file as 206).',
        ),
        '503': problem('The render queue is full; see Retry-After.'),
      },
    },
  };
}

/** Query options of the importers, each once, saying which body type it applies to. */
function importParameters(exclude: readonly string[] = []): JsonObject[] {
  const text = queryParameters(PlainTextImportQuery);
  const html = queryParameters(HtmlImportQuery);
  const names = [...new Set([...text, ...html].map((p) => String(p.name)))].filter(
    (n) => !exclude.includes(n),
  );
  const imported = names.map((name) => {
    const param = text.find((p) => p.name === name) ?? html.find((p) => p.name === name) ?? {};
    const inText = text.some((p) => p.name === name);
    const inHtml = html.some((p) => p.name === name);
    const applies =
      inText && inHtml ? 'text/plain and text/html' : inText ? 'text/plain only' : 'text/html only';
    return {
      ...param,
      description: `${typeof param.description === 'string' ? `${param.description} ` : ''}(${applies})`,
    };
  });
  // `images` applies to every body type.
  return [...imported, ...queryParameters(ImagesQuery)];
}

/** What `toNinjs` writes for a small article (the shape a ninjs client sends back). */
const NINJS_EXAMPLE = toNinjs(
  parseArticle({
    headline: 'Rivers rise after the spring thaw',
    language: 'en',
    publishedAt: '2018-05-02T09:00:00+05:00',
    section: 'Environment',
    tags: ['Weather'],
    authors: [{ name: 'Jane Doe' }],
    body: [{ type: 'paragraph', text: 'The river authority said levels would peak on Thursday.' }],
  }),
);

const articleBody = {
  required: true,
  content: {
    'application/json': { schema: ref('Article') },
    'application/ninjs+json': {
      schema: {
        type: 'object',
        description:
          "An IPTC ninjs 2.1 news item (1.x flat fields are read too); read by the model's fromNinjs, so errors name ninjs properties (`uri`, `headlines`, `bodies`…). The answer is ninjs unless Accept asks for JSON.",
        properties: { uri: { type: 'string' } },
        required: ['uri'],
        additionalProperties: true,
      },
      example: NINJS_EXAMPLE,
    },
    'text/plain': { schema: { type: 'string' } },
    'text/html': {
      schema: {
        type: 'string',
        description:
          'A web page; the charset comes from Content-Type, a BOM or <meta charset>, UTF-8 by default.',
      },
    },
  },
};

const FACET_EXAMPLES: Record<string, JsonObject> = {
  tags: {
    items: [
      { name: 'Weather', count: 12, links: { articles: '/v1/articles?tag=Weather' } },
      { name: 'Rivers', count: 3, links: { articles: '/v1/articles?tag=Rivers' } },
    ],
    total: 41,
    nextCursor: 'eyJvIjoyfQ',
  },
  authors: {
    items: [{ name: 'Jane Doe', count: 7, links: { articles: '/v1/articles?author=Jane+Doe' } }],
    total: 1,
  },
  sections: {
    items: [
      { name: 'Environment', count: 9, links: { articles: '/v1/articles?section=Environment' } },
    ],
    total: 1,
  },
};

/** GET /v1/tags, /v1/authors, /v1/sections. */
function facetPath(kind: 'tags' | 'authors' | 'sections'): JsonObject {
  const what = { tags: 'tag', authors: 'author', sections: 'section' }[kind];
  return {
    get: {
      operationId: `list${kind[0]?.toUpperCase() ?? ''}${kind.slice(1)}`,
      summary: `List ${kind} with article counts`,
      description: `Every ${what} in use and how many articles carry it: most articles first, then by name (case-folded). Spellings that differ only in case count as one. Each item links to the article list filtered by it (\`${what}=\`). Paged like the article list: \`limit\`, \`cursor\`, \`Link: rel="next"\`; \`total\` counts them all.`,
      tags: ['articles'],
      parameters: queryParameters(FacetListQuery),
      responses: {
        '200': {
          description: `One page of ${kind}.`,
          headers: {
            Link: {
              description: '`<…>; rel="next"` when more follow.',
              schema: { type: 'string' },
            },
          },
          content: {
            'application/json': { schema: ref('FacetList'), example: FACET_EXAMPLES[kind] },
          },
        },
        '400': problem('Invalid `limit` or cursor.'),
      },
    },
  };
}

function cover(what: 'article' | 'edition', parameter: JsonObject): JsonObject {
  return {
    get: {
      operationId: `get${what === 'article' ? 'Article' : 'Edition'}Cover`,
      summary: `The ${what}'s cover as PNG`,
      description:
        'The cover the EPUB carries (600 × 900), as OPDS catalogs and feeds show it. Rendered off the event loop and cached by content hash; HEAD, ETag / If-None-Match (304).',
      tags: ['downloads'],
      security: [],
      parameters: [parameter],
      responses: {
        '200': {
          description: 'The cover image.',
          headers: {
            ETag: {
              description: 'Strong validator: hash of the content and renderer version.',
              schema: { type: 'string' },
            },
          },
          content: { 'image/png': { schema: { type: 'string', contentMediaType: 'image/png' } } },
        },
        '304': { description: 'Not modified.' },
        '404': problem(`No such ${what}.`),
        '503': problem('The render queue is full; see Retry-After.'),
      },
    },
  };
}

/** The OpenAPI 3.1 description of the JSON API. */
export function buildOpenApiDocument(): JsonObject {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Broadsheet API',
      version: '1.0.0',
      description:
        'News articles as a typed model: store, search, editions and EPUB/PDF downloads. Reads are open; writes need `Authorization: Bearer <token or API key>` with the scope the route names.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/', description: 'This server' }],
    tags: [
      { name: 'articles', description: 'Store, search and read articles.' },
      { name: 'editions', description: 'Daily and curated multi-article editions.' },
      { name: 'media', description: 'Pictures stored once, content-addressed, metadata-free.' },
      { name: 'downloads', description: 'EPUB 3 and PDF files, and their PNG covers.' },
      { name: 'keys', description: 'API keys with scopes (admin only).' },
      {
        name: 'publications',
        description: 'Scheduled editions made from feeds, rendered ahead and delivered.',
      },
      {
        name: 'feeds',
        description:
          'Feed subscriptions (RSS, Atom, JSON Feed) polled into articles; `feeds:write` for every route.',
      },
      {
        name: 'catalogs',
        description:
          'Feeds (Atom, RSS 2.0, JSON Feed) and OPDS 1.2 / 2.0 catalogs with facets, paging and search. Every answer carries ETag and Last-Modified; a client that sends them back gets a 304 without the document being built again.',
      },
      { name: 'meta', description: 'Health.' },
    ],
    security: [],
    paths: {
      ...catalogPaths(),
      ...publicationPaths({ ref, problem, writeErrors, accessErrors }),
      '/health': {
        get: {
          operationId: 'health',
          summary: 'Liveness and readiness',
          description:
            'Answers 200 while the database answers a trivial query within two seconds, 503 otherwise (a load balancer takes the replica out).',
          tags: ['meta'],
          responses: {
            '200': {
              description: 'The server is up and its database answers.',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      status: { const: 'ok' },
                      database: { const: 'ok' },
                      rendered: {
                        type: 'integer',
                        description:
                          'Renders this process made since it started; files served from a cache are not counted.',
                      },
                    },
                    required: ['status', 'database', 'rendered'],
                  },
                },
              },
            },
            '4XX': problem('A malformed request.'),
            '503': problem('The database does not answer; Retry-After says when to ask again.'),
          },
        },
      },
      '/v1/articles': {
        get: {
          operationId: 'listArticles',
          summary: 'List and search articles',
          description:
            'Newest first; with `q`, best match first. Filters (`q`, `tag`, `author`, `section`, `language`, `from`, `to`) combine (all must match) and stay with the cursor. `total` counts every match. The next page is in `nextCursor` and `Link: rel="next"`. Items are summaries without the body; `fields` picks Article fields instead, `include` adds `body` and/or `bodyHtml`.',
          tags: ['articles'],
          parameters: queryParameters(ArticleListQuery),
          responses: {
            '200': {
              description: 'One page of articles.',
              headers: {
                Link: {
                  description: '`<…>; rel="next"` when more follow.',
                  schema: { type: 'string' },
                },
              },
              content: {
                'application/json': {
                  schema: ref('ArticleList'),
                  examples: {
                    fields: {
                      summary:
                        '?author=Jane%20Doe&fields=slug,headline,publishedAt&include=bodyHtml&limit=1',
                      value: {
                        items: [
                          {
                            slug: 'rivers-rise',
                            headline: 'Rivers rise after the spring thaw',
                            publishedAt: '2018-05-02T09:00:00+05:00',
                            bodyHtml:
                              '<p>The river authority said levels would peak on Thursday.</p>',
                          },
                        ],
                        total: 7,
                        nextCursor: 'eyJrIjoiMjAxOC0wNS0wMlQwNDowMDowMC4wMDBaIiwiciI6M30',
                      },
                    },
                  },
                },
              },
            },
            '304': listNotModified,
            '400': problem(
              'Invalid query parameter or cursor, or an unknown name in `fields` or `include` (named in `errors`).',
            ),
          },
        },
        post: {
          operationId: 'createArticle',
          summary: 'Create an article',
          description:
            'From JSON (the article model; images may be `data:` URIs, which downloads embed), from plain text (headline line, then paragraphs), or from a web page (`text/html`: the article is extracted with Readability; a page without one is a 400 problem). The server never fetches URLs: `url` only resolves relative links and images.',
          tags: ['articles'],
          security: [{ bearer: [] }],
          parameters: importParameters(),
          requestBody: articleBody,
          responses: {
            '201': {
              description: 'Created.',
              headers: {
                Location: { description: 'URL of the new article.', schema: { type: 'string' } },
              },
              content: { 'application/json': { schema: ref('Article') } },
            },
            ...writeErrors,
            ...importErrors,
            '409': problem('The slug or id is taken.'),
          },
        },
      },
      '/v1/articles/{slug}': {
        parameters: [slugParameter],
        get: {
          operationId: 'getArticle',
          summary: 'Get an article',
          description:
            'JSON; schema.org NewsArticle JSON-LD with `Accept: application/ld+json`; IPTC ninjs 2.1 with `Accept: application/ninjs+json`. Each representation has its own ETag (and Last-Modified); 304 when unchanged; `Vary: Accept`. `fields` and `include` shape the JSON representation only.',
          tags: ['articles'],
          parameters: queryParameters(ArticleReadQuery),
          responses: {
            '200': {
              description: 'The article.',
              headers: {
                ETag: { schema: { type: 'string' } },
                'Last-Modified': { schema: { type: 'string' } },
                Vary: { schema: { type: 'string' }, description: '`Accept`' },
              },
              content: {
                'application/json': { schema: ref('Article') },
                'application/ld+json': {
                  schema: { type: 'object', description: 'schema.org NewsArticle' },
                },
                'application/ninjs+json': {
                  schema: {
                    type: 'object',
                    description: 'IPTC ninjs 2.1 news item',
                    additionalProperties: true,
                  },
                  example: NINJS_EXAMPLE,
                },
              },
            },
            '304': { description: 'Not modified.' },
            '400': problem('An unknown name in `fields` or `include` (named in `errors`).'),
            '404': problem('No such article.'),
          },
        },
        put: {
          operationId: 'putArticle',
          summary: 'Replace (or create) an article',
          description:
            'Needs the `articles:write` scope. Send the ETag you read in If-Match so that a concurrent change is refused (412) instead of overwritten.',
          tags: ['articles'],
          security: [{ bearer: [] }],
          parameters: [ifMatchParameter, ifNoneMatchParameter, ...importParameters(['slug'])],
          requestBody: articleBody,
          responses: {
            '200': {
              description: 'Replaced.',
              content: { 'application/json': { schema: ref('Article') } },
            },
            '201': {
              description: 'Created.',
              content: { 'application/json': { schema: ref('Article') } },
            },
            ...writeErrors,
            ...importErrors,
            '404': problem('The slug is not a valid slug.'),
            '409': problem('The article id belongs to another slug.'),
            ...preconditionErrors,
          },
        },
        patch: {
          operationId: 'patchArticle',
          summary: 'Change some fields of an article (JSON Merge Patch)',
          description:
            'An RFC 7396 merge patch of the article: fields given replace, `null` removes, the rest stays. The result is validated as a whole article (400 naming the field). Needs `articles:write`; If-Match as for PUT.',
          tags: ['articles'],
          security: [{ bearer: [] }],
          parameters: [ifMatchParameter],
          requestBody: mergePatch(
            { type: 'object', description: 'Fields of the Article to change; null removes one.' },
            { kicker: 'Analysis', standfirst: null, tags: ['Diplomacy', 'Russia'] },
          ),
          responses: {
            '200': {
              description: 'Patched.',
              headers: { ETag: { schema: { type: 'string' } } },
              content: { 'application/json': { schema: ref('Article') } },
            },
            ...writeErrors,
            '404': problem('No such article.'),
            '409': problem('The article id belongs to another slug.'),
            ...preconditionErrors,
          },
        },
        delete: {
          operationId: 'deleteArticle',
          summary: 'Delete an article',
          description: 'Needs `articles:write`; If-Match as for PUT.',
          tags: ['articles'],
          security: [{ bearer: [] }],
          parameters: [ifMatchParameter],
          responses: {
            '204': { description: 'Deleted.' },
            '404': problem('No such article.'),
            ...accessErrors,
            ...preconditionErrors,
          },
        },
      },
      '/v1/tags': facetPath('tags'),
      '/v1/authors': facetPath('authors'),
      '/v1/sections': facetPath('sections'),
      '/v1/articles/{slug}.epub': download('epub', 'article', slugParameter),
      '/v1/articles/{slug}.pdf': download('pdf', 'article', slugParameter),
      '/v1/articles/{slug}/cover.png': cover('article', slugParameter),
      '/v1/editions': {
        get: {
          operationId: 'listEditions',
          summary: 'List editions, newest first',
          description:
            'Newest date first; on a day the curated editions (newest first) before the daily one. Paged: `total` counts the whole list, the next page is in `nextCursor` and `Link: rel="next"`.',
          tags: ['editions'],
          parameters: queryParameters(EditionListQuery),
          responses: {
            '200': {
              description: 'One page of daily and curated editions.',
              headers: {
                Link: {
                  description: '`<…>; rel="next"` when more follow.',
                  schema: { type: 'string' },
                },
              },
              content: { 'application/json': { schema: ref('EditionList') } },
            },
            '304': listNotModified,
            '400': problem('Invalid query parameter or cursor.'),
          },
        },
        post: {
          operationId: 'createEdition',
          summary: 'Curate an edition',
          description: 'Needs the `editions:write` scope. The id is `<date>-<slugified title>`.',
          tags: ['editions'],
          security: [{ bearer: [] }],
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: ref('CuratedEditionRequest'), example: editionExample },
            },
          },
          responses: {
            '201': {
              description: 'Created.',
              headers: { Location: { schema: { type: 'string' } } },
              content: { 'application/json': { schema: ref('Edition') } },
            },
            ...writeErrors,
            '409': problem('An edition with this date and title exists.'),
          },
        },
      },
      '/v1/editions/{id}': {
        get: {
          operationId: 'getEdition',
          summary: 'Get an edition with its articles',
          tags: ['editions'],
          parameters: [editionIdParameter],
          responses: {
            '200': {
              description: 'The edition.',
              content: { 'application/json': { schema: ref('Edition') } },
            },
            '304': { description: 'Not modified.' },
            '404': problem('No such edition.'),
          },
        },
        put: {
          operationId: 'putEdition',
          summary: 'Replace (or create) a curated edition',
          description:
            'The id stays the one in the URL whatever the title. Needs `editions:write`. If-Match takes the ETag of GET /v1/editions/{id}; a mismatch is refused with 412.',
          tags: ['editions'],
          security: [{ bearer: [] }],
          parameters: [curatedIdParameter, ifMatchParameter, ifNoneMatchParameter],
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: ref('CuratedEditionRequest'), example: editionExample },
            },
          },
          responses: {
            '200': {
              description: 'Replaced.',
              headers: { ETag: { schema: { type: 'string' } } },
              content: { 'application/json': { schema: ref('Edition') } },
            },
            '201': {
              description: 'Created.',
              headers: { Location: { schema: { type: 'string' } } },
              content: { 'application/json': { schema: ref('Edition') } },
            },
            ...writeErrors,
            '405': problem('A daily edition (or `latest`): derived, never written.'),
            ...preconditionErrors,
          },
        },
        patch: {
          operationId: 'patchEdition',
          summary: 'Change some fields of a curated edition (JSON Merge Patch)',
          description:
            'An RFC 7396 merge patch of `{title, date, slugs, language, description}`; the result is validated as a whole. Needs `editions:write`; If-Match as for PUT.',
          tags: ['editions'],
          security: [{ bearer: [] }],
          parameters: [curatedIdParameter, ifMatchParameter],
          requestBody: mergePatch(ref('CuratedEditionPatch'), {
            description: 'Long reads for the weekend.',
            language: null,
          }),
          responses: {
            '200': {
              description: 'Patched.',
              headers: { ETag: { schema: { type: 'string' } } },
              content: { 'application/json': { schema: ref('Edition') } },
            },
            ...writeErrors,
            '404': problem('No such curated edition.'),
            '405': problem('A daily edition (or `latest`): derived, never written.'),
            ...preconditionErrors,
          },
        },
        delete: {
          operationId: 'deleteEdition',
          summary: 'Delete a curated edition',
          description: 'Its articles stay. Needs `editions:write`; If-Match as for PUT.',
          tags: ['editions'],
          security: [{ bearer: [] }],
          parameters: [curatedIdParameter, ifMatchParameter],
          responses: {
            '204': { description: 'Deleted.' },
            '400': problem('The id cannot be a curated edition id.'),
            '404': problem('No such curated edition.'),
            '405': problem('A daily edition (or `latest`): derived, never deleted.'),
            ...accessErrors,
            ...preconditionErrors,
          },
        },
      },
      '/v1/keys': {
        get: {
          operationId: 'listKeys',
          summary: 'List API keys (never their secrets)',
          description: 'Admin only. Revoked keys are listed with `revokedAt`.',
          tags: ['keys'],
          security: [{ bearer: [] }],
          responses: {
            '200': {
              description: 'Every key, newest first.',
              content: { 'application/json': { schema: ref('ApiKeyList') } },
            },
            ...accessErrors,
          },
        },
        post: {
          operationId: 'createKey',
          summary: 'Create an API key',
          description:
            'Admin only. The answer holds the key, shown this once: the server keeps only its SHA-256. Clients send it as `Authorization: Bearer <key>`.',
          tags: ['keys'],
          security: [{ bearer: [] }],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: ref('CreateKeyRequest'),
                example: { name: 'Newsroom CMS', scopes: ['articles:write', 'editions:write'] },
              },
            },
          },
          responses: {
            '201': {
              description: 'Created; store `key` now, it is never shown again.',
              headers: { Location: { schema: { type: 'string' } } },
              content: {
                'application/json': {
                  schema: ref('CreatedApiKey'),
                  example: {
                    id: '5f1c0e9a7b3d2c41',
                    name: 'Newsroom CMS',
                    scopes: ['articles:write', 'editions:write'],
                    key: 'bsk_5f1c0e9a7b3d2c41_q8Vh3nJ2mXw0cYbTzR6uLkPa9sDfGe1HiOoN4tWv7yA',
                    createdAt: '2026-12-04T01:00:00.000Z',
                  },
                },
              },
            },
            ...writeErrors,
          },
        },
      },
      '/v1/keys/{id}': {
        delete: {
          operationId: 'revokeKey',
          summary: 'Revoke an API key',
          description:
            'Admin only. The key fails from the next request on, on every server over the same database.',
          tags: ['keys'],
          security: [{ bearer: [] }],
          parameters: [keyIdParameter],
          responses: {
            '204': { description: 'Revoked.' },
            '404': problem('No such key, or it is already revoked.'),
            ...accessErrors,
          },
        },
      },
      ...feedPaths(),
      '/v1/editions/{id}.epub': download('epub', 'edition', editionIdParameter),
      '/v1/editions/{id}.pdf': download('pdf', 'edition', editionIdParameter),
      '/v1/editions/{id}/cover.png': cover('edition', editionIdParameter),
      '/v1/editions/{id}/deliveries': {
        get: {
          operationId: 'listEditionDeliveries',
          summary: "An edition's mail deliveries",
          description:
            'Who the edition was mailed to and how that went (recipients are personal data: a credential with `feeds:write` is needed), oldest first.',
          tags: ['editions'],
          security: [{ bearer: [] }],
          parameters: [editionIdParameter],
          responses: {
            '200': {
              description: 'The deliveries.',
              content: { 'application/json': { schema: ref('DeliveryList') } },
            },
            '404': problem('No such edition.'),
            ...accessErrors,
          },
        },
        post: {
          operationId: 'deliverEdition',
          summary: "Mail the edition's EPUB now",
          description:
            'Records one delivery per address; the delivery job mails each (the EPUB attached, or a download link above BROADSHEET_MAIL_MAX_BYTES), retrying after 1 min, 5 min, 30 min and 2 h, then failing; a 5xx answer fails at once. An edition is mailed to an address once: an address already recorded is answered as it stands. Needs `feeds:write`.',
          tags: ['editions'],
          security: [{ bearer: [] }],
          parameters: [editionIdParameter],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: ref('DeliveryRequest'),
                example: { email: ['reader@kindle.example'] },
              },
            },
          },
          responses: {
            '202': {
              description: 'Recorded; the mail goes out from the delivery job.',
              content: { 'application/json': { schema: ref('DeliveryList') } },
            },
            '400': problem('The body is not `{email: [addresses]}`; `errors` names the field.'),
            '404': problem('No such edition.'),
            '409': problem('Mail is not configured on this server (BROADSHEET_SMTP_URL).'),
            ...accessErrors,
          },
        },
      },
      '/v1/media': {
        post: {
          operationId: 'createMedia',
          summary: 'Store a picture',
          description:
            'The raw image bytes (JPEG, PNG, GIF, WebP, AVIF or TIFF; the format is read from the bytes, not Content-Type; SVG is refused). The picture is decoded and encoded again: metadata (EXIF, GPS) dropped, orientation applied, first frame of an animation. Stored once under the sha256 of what is stored: 201 when new, 200 when that picture was already there. At most BROADSHEET_IMAGE_MAX_BYTES bytes and BROADSHEET_IMAGE_MAX_PIXELS pixels.',
          tags: ['media'],
          security: [{ bearer: [] }],
          requestBody: {
            required: true,
            content: {
              'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
            },
          },
          responses: {
            '200': {
              description: 'Already stored.',
              content: { 'application/json': { schema: ref('MediaDescription') } },
            },
            '201': {
              description: 'Stored.',
              headers: { Location: { schema: { type: 'string' } } },
              content: { 'application/json': { schema: ref('MediaDescription') } },
            },
            '400': problem(
              'Not decodable (truncated, corrupt) or over the pixel cap; names the image.',
            ),
            '413': problem('The body is larger than BROADSHEET_IMAGE_MAX_BYTES.'),
            '415': problem('Not an image, or a format not accepted (SVG).'),
            ...accessErrors,
          },
        },
      },
      '/v1/media/{id}': {
        get: {
          operationId: 'getMedia',
          summary: 'Get a stored picture',
          description:
            'Immutable: Cache-Control for a year, the id as ETag (If-None-Match gives 304).',
          tags: ['media'],
          parameters: [
            {
              name: 'id',
              in: 'path',
              required: true,
              description: 'sha256 of the stored bytes (64 lowercase hexadecimal digits).',
              schema: { type: 'string', pattern: '^[0-9a-f]{64}$' },
            },
          ],
          responses: {
            '200': {
              description: 'The picture.',
              headers: {
                ETag: { schema: { type: 'string' } },
                'Cache-Control': { schema: { type: 'string' } },
              },
              content: {
                'image/jpeg': { schema: { type: 'string', format: 'binary' } },
                'image/png': { schema: { type: 'string', format: 'binary' } },
              },
            },
            '304': { description: 'Not modified.' },
            '404': problem('No such media.'),
          },
        },
      },
    },
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            'An API key (`bsk_…`, from POST /v1/keys or the create-key command) with the scope the route needs, or the bootstrap admin token: BROADSHEET_API_TOKEN, or the one the server generated in its data directory.',
        },
      },
    },
  };
}
