import { Article, Edition, Run } from '@broadsheet/model';
import { z } from 'zod';
import {
  ArticleList,
  ArticleListQuery,
  ArticleSummary,
  HtmlImportQuery,
  PlainTextImportQuery,
} from '../articles/schemas.js';
import { PdfDownloadQuery } from '../downloads/schemas.js';
import { CuratedEditionRequest, EditionList, EditionSummary } from '../editions/schemas.js';
import { Problem } from '../http/problem-schema.js';
import { catalogPaths } from './catalog-paths.js';

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
    EditionSummary,
    EditionList,
    CuratedEditionRequest,
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
      schema: without(json, ['$schema', 'description']),
    };
    if (typeof json.description === 'string') param.description = json.description;
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
  '401': problem('Missing or wrong bearer token.'),
  '429': {
    ...problem(
      'Too many writes with this credential in a minute (BROADSHEET_WRITES_PER_MINUTE), or too many failed authentications from this address (BROADSHEET_AUTH_FAILURES_PER_MINUTE); a valid token is never refused for the failures of others. See Retry-After.',
    ),
    headers: retryAfter,
  },
};

const writeErrors = {
  '400': problem('The body or a parameter is invalid; `errors` names each field.'),
  '413': problem('The body is larger than the server accepts.'),
  '415': problem('The body has an unsupported media type.'),
  ...accessErrors,
};

const slugParameter = {
  name: 'slug',
  in: 'path',
  required: true,
  description: 'The article slug.',
  schema: { type: 'string' },
};
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
        ...(format === 'pdf' ? queryParameters(PdfDownloadQuery) : []),
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
  return names.map((name) => {
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
}

const articleBody = {
  required: true,
  content: {
    'application/json': { schema: ref('Article') },
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
        'News articles as a typed model: store, search, editions and EPUB/PDF downloads. Reads are open; writes need `Authorization: Bearer <token>`.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/', description: 'This server' }],
    tags: [
      { name: 'articles', description: 'Store, search and read articles.' },
      { name: 'editions', description: 'Daily and curated multi-article editions.' },
      { name: 'downloads', description: 'EPUB 3 and PDF files, and their PNG covers.' },
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
      '/health': {
        get: {
          operationId: 'health',
          summary: 'Liveness',
          tags: ['meta'],
          responses: {
            '200': {
              description: 'The server is up.',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: { status: { const: 'ok' }, articles: { type: 'integer' } },
                    required: ['status'],
                  },
                },
              },
            },
            '4XX': problem('A malformed request.'),
          },
        },
      },
      '/v1/articles': {
        get: {
          operationId: 'listArticles',
          summary: 'List and search articles',
          description:
            'Newest first; with `q`, best match first. The next page is in `nextCursor` and `Link: rel="next"`.',
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
              content: { 'application/json': { schema: ref('ArticleList') } },
            },
            '304': listNotModified,
            '400': problem('Invalid query parameter or cursor.'),
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
            'JSON, or schema.org NewsArticle JSON-LD with `Accept: application/ld+json`. ETag and Last-Modified; 304 when unchanged.',
          tags: ['articles'],
          responses: {
            '200': {
              description: 'The article.',
              headers: {
                ETag: { schema: { type: 'string' } },
                'Last-Modified': { schema: { type: 'string' } },
              },
              content: {
                'application/json': { schema: ref('Article') },
                'application/ld+json': {
                  schema: { type: 'object', description: 'schema.org NewsArticle' },
                },
              },
            },
            '304': { description: 'Not modified.' },
            '404': problem('No such article.'),
          },
        },
        put: {
          operationId: 'putArticle',
          summary: 'Replace (or create) an article',
          tags: ['articles'],
          security: [{ bearer: [] }],
          parameters: importParameters(['slug']),
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
            '404': problem('The slug is not a valid slug.'),
            '409': problem('The article id belongs to another slug.'),
          },
        },
        delete: {
          operationId: 'deleteArticle',
          summary: 'Delete an article',
          tags: ['articles'],
          security: [{ bearer: [] }],
          responses: {
            '204': { description: 'Deleted.' },
            '404': problem('No such article.'),
            ...accessErrors,
          },
        },
      },
      '/v1/articles/{slug}.epub': download('epub', 'article', slugParameter),
      '/v1/articles/{slug}.pdf': download('pdf', 'article', slugParameter),
      '/v1/articles/{slug}/cover.png': cover('article', slugParameter),
      '/v1/editions': {
        get: {
          operationId: 'listEditions',
          summary: 'List editions, newest first',
          tags: ['editions'],
          responses: {
            '200': {
              description: 'Daily and curated editions.',
              content: { 'application/json': { schema: ref('EditionList') } },
            },
            '304': listNotModified,
            '4XX': problem('A malformed request.'),
          },
        },
        post: {
          operationId: 'createEdition',
          summary: 'Curate an edition',
          tags: ['editions'],
          security: [{ bearer: [] }],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: ref('CuratedEditionRequest') } },
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
      },
      '/v1/editions/{id}.epub': download('epub', 'edition', editionIdParameter),
      '/v1/editions/{id}.pdf': download('pdf', 'edition', editionIdParameter),
      '/v1/editions/{id}/cover.png': cover('edition', editionIdParameter),
    },
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            'BROADSHEET_API_TOKEN, or the token the server generated in its data directory.',
        },
      },
    },
  };
}
