import {
  fromNinjs,
  parseArticle,
  Slug,
  toJsonLd,
  toNinjs,
  type Article,
  type ImportOptions,
} from '@broadsheet/model';
import { apply as applyMergePatch } from 'json-merge-patch';
import { Router, type Request, type Response } from 'express';
import { DEFAULT_IMAGE_FETCH, type AppDeps, type RouterDeps } from '../deps.js';
import { htmlBody, isTextBody, parseBody } from '../http/body.js';
import { answerConditional } from '../http/conditional.js';
import { listValidators } from '../http/revision-validators.js';
import { articleDownloadPath, articlePath, listUrl } from '../http/links.js';
import {
  createOnly,
  ifMatchOf,
  ifMatchRequired,
  requiringIfMatch,
  type IfMatch,
} from '../http/preconditions.js';
import { badRequest, notFound, unsupportedMediaType } from '../http/problem.js';
import { parseParams } from '../http/validate.js';
import {
  PreconditionFailedError,
  type StoredArticle,
  type WriteCondition,
} from '../store/types.js';
import { sha256 } from '../util/hash.js';
import { checkImages } from './check-images.js';
import { articleFromHtml } from './import-html.js';
import { siteFor } from '../reader/deps.js';
import { fetchArticleImages, type ImageWarning } from './fetch-images.js';
import {
  articleRepresentation,
  isDefault,
  listItem,
  parseRepresentation,
  representationTag,
  type Representation,
} from './representation.js';
import {
  ArticleListQuery,
  ArticleReadQuery,
  HtmlImportQuery,
  ImagesQuery,
  PlainTextImportQuery,
} from './schemas.js';

const JSON_LD = 'application/ld+json';
/** IPTC ninjs 2.1, for reads (Accept) and for create and replace (Content-Type). */
export const NINJS = 'application/ninjs+json';

/** A slug from the path, or 404: a malformed slug names no article (and never reaches SQL or a file name). */
export function slugParam(req: Request): string {
  const raw = req.params.slug;
  const result = Slug.safeParse(raw);
  if (!result.success || result.data !== raw) {
    throw notFound(`no article with slug ${JSON.stringify(String(raw).slice(0, 120))}`);
  }
  return result.data;
}

/**
 * The body of POST/PUT as an Article: JSON through parseArticle, text through the plain-text
 * importer, HTML through the web-page importer (loaded on first use).
 */
async function articleFromBody(deps: AppDeps, req: Request, slug?: string): Promise<Article> {
  const html = htmlBody(req);
  if (html) {
    const options = parseParams(HtmlImportQuery, req.query, 'query');
    return articleFromHtml(
      deps,
      html,
      req.get('content-type') ?? '',
      options,
      slug ?? options.slug,
    );
  }
  if (isTextBody(req)) {
    const options = parseParams(PlainTextImportQuery, req.query, 'query');
    const importOptions: ImportOptions = {};
    if (options.language !== undefined) importOptions.language = options.language;
    if (options.section !== undefined) importOptions.section = options.section;
    if (options.utcOffset !== undefined) importOptions.utcOffset = options.utcOffset;
    if (deps.maxTextLines !== undefined) importOptions.maxLines = deps.maxTextLines;
    const wantedSlug = slug ?? options.slug;
    if (wantedSlug !== undefined) importOptions.slug = wantedSlug;
    // Off the HTTP thread: up to the line budget, a text took 0.2 s of a core to import.
    return deps.htmlImporter.importText(req.body as string, importOptions);
  }
  if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
    throw badRequest('the body must be a JSON object (an article)', [
      { path: '', message: 'must be an object' },
    ]);
  }
  if (req.is(NINJS)) return articleFromNinjs(req.body, slug);
  const body = req.body as Record<string, unknown>;
  if (slug !== undefined && body.slug !== undefined && body.slug !== slug) {
    throw badRequest(
      `slug in the body (${JSON.stringify(body.slug).slice(0, 100)}) differs from the URL ("${slug}")`,
      [{ path: 'slug', message: 'must match the slug in the URL or be left out' }],
    );
  }
  return parseArticle(slug === undefined ? body : { ...body, slug });
}

/**
 * A ninjs news item as an Article (fromNinjs: its errors name ninjs properties). On PUT the URL
 * names the article: a `slugline` that says otherwise is refused, as a JSON `slug` is.
 */
function articleFromNinjs(doc: unknown, slug: string | undefined): Article {
  const article = fromNinjs(doc);
  const slugline = (doc as { slugline?: unknown }).slugline;
  if (slug !== undefined && slugline !== undefined && article.slug !== slug) {
    throw badRequest(
      `slugline in the body (${JSON.stringify(slugline).slice(0, 100)}) differs from the URL ("${slug}")`,
      [{ path: 'slugline', message: 'must match the slug in the URL or be left out' }],
    );
  }
  return slug === undefined ? article : { ...article, slug };
}

/** Links to an article's downloads, by slug (the same header on every read of it). */
const linkHeaders = new Map<string, string>();

function downloadLinks(slug: string): string {
  let links = linkHeaders.get(slug);
  if (links === undefined) {
    links = [
      `<${articleDownloadPath(slug, 'epub')}>; rel="alternate"; type="application/epub+zip"`,
      `<${articleDownloadPath(slug, 'pdf')}>; rel="alternate"; type="application/pdf"`,
    ].join(', ');
    if (linkHeaders.size >= 10_000) linkHeaders.clear();
    linkHeaders.set(slug, links);
  }
  return links;
}

type Format = 'json' | 'ld' | 'ninjs';

/**
 * JSON-LD or ninjs only when the client prefers it; no Accept (or any type) means plain JSON.
 * A write answers in the format it was sent in unless Accept asks for another: ninjs in, ninjs out.
 */
function negotiate(req: Request): Format {
  const read = req.method === 'GET' || req.method === 'HEAD';
  const sent: Format = !read && req.is(NINJS) ? 'ninjs' : 'json';
  const accept = req.headers.accept;
  if (accept === undefined || accept === '*/*') return sent;
  const offered =
    sent === 'ninjs' ? [NINJS, 'application/json', JSON_LD] : ['application/json', JSON_LD, NINJS];
  switch (req.accepts(offered)) {
    case NINJS:
      return 'ninjs';
    case 'application/json':
      return 'json';
    // Writes have always answered with the article itself, never JSON-LD.
    case JSON_LD:
      return read ? 'ld' : sent;
    default:
      return sent;
  }
}

function sendArticle(
  req: Request,
  res: Response,
  stored: StoredArticle,
  status = 200,
  representation?: Representation,
  warnings?: ImageWarning[],
): void {
  const format = negotiate(req);
  const ld = format === 'ld';
  // Every route with a :slug stores or finds the article under it; reading it from the path
  // spares a plain GET from parsing the stored JSON at all.
  const slug = typeof req.params.slug === 'string' ? req.params.slug : stored.article.slug;
  res.vary('Accept');
  res.setHeader('Link', downloadLinks(slug));
  // fields/include shape the JSON only; JSON-LD and ninjs have their own vocabularies.
  const shaped = format === 'json' && representation !== undefined && !isDefault(representation);
  const suffix =
    format === 'json'
      ? shaped
        ? `-${sha256(representationTag(representation)).slice(0, 12)}`
        : ''
      : `-${format}`;
  const etag = `${stored.contentHash.slice(0, 40)}${suffix}`;
  if (status === 200 && answerConditional(req, res, etag, stored.modifiedAt)) return;
  if (status !== 200) {
    res.setHeader('ETag', `"${etag}"`);
    res.setHeader('Last-Modified', new Date(stored.modifiedAt).toUTCString());
  }
  if (ld) {
    res
      .status(status)
      .type(JSON_LD)
      .send(JSON.stringify(toJsonLd(stored.article)));
    return;
  }
  if (format === 'ninjs') {
    res
      .status(status)
      .type(NINJS)
      .send(JSON.stringify(toNinjs(stored.article)));
    return;
  }
  if (shaped) {
    res.status(status).json(articleRepresentation(stored, representation));
    return;
  }
  // The stored text is JSON.stringify of the article, the very bytes res.json would send;
  // validators and 304s were settled above, so the bytes go out as they are.
  let bytes = stored.jsonBytes ?? Buffer.from(stored.json ?? JSON.stringify(stored.article));
  if (warnings !== undefined) {
    // A write that fetched pictures says which stayed links: the article plus `warnings`.
    const json = bytes.toString('utf8');
    bytes = Buffer.from(`${json.slice(0, -1)},"warnings":${JSON.stringify(warnings)}}`);
  }
  res.status(status);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', bytes.length);
  if (req.method === 'HEAD') res.end();
  else res.end(bytes);
}

const MERGE_PATCH = 'application/merge-patch+json';

/**
 * Hash prefixes an If-Match names: an article's ETag is that prefix, then `-ld` or `-ninjs` for
 * those formats or a hash of a `fields`/`include` shape (sendArticle); every one of them names
 * the version, so a client may write back what it read in any of them.
 */
function articleTags(ifMatch: IfMatch): WriteCondition {
  if (ifMatch === '*') return { ifMatch: '*' };
  // Anything else can never match (a short tag must not match as a prefix).
  return {
    ifMatch: ifMatch.flatMap(
      (t) => /^([0-9a-f]{40})(?:-ld|-ninjs|-[0-9a-f]{12})?$/.exec(t)?.[1] ?? [],
    ),
  };
}

/**
 * The condition of a PUT or DELETE: If-Match, else `If-None-Match: *` (PUT only), else, with
 * BROADSHEET_REQUIRE_IF_MATCH, "must not exist" standing for the missing If-Match (`required`).
 */
function writeCondition(
  req: Request,
  requireIfMatch: boolean,
): { condition?: WriteCondition; required: boolean } {
  const ifMatch = ifMatchOf(req);
  if (ifMatch !== undefined) return { condition: articleTags(ifMatch), required: false };
  if (req.method === 'PUT' && createOnly(req))
    return { condition: { absent: true }, required: false };
  if (requireIfMatch) return { condition: { absent: true }, required: true };
  return { required: false };
}

/** A JSON Merge Patch (RFC 7396) of an article, validated by the model as a whole article. */
function patchedArticle(current: Article, slug: string, patch: unknown): Article {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    throw badRequest('a merge patch of an article must be a JSON object', [
      { path: '', message: 'must be an object' },
    ]);
  }
  const fields = patch as Record<string, unknown>;
  if (fields.slug !== undefined && fields.slug !== slug) {
    throw badRequest('the slug of an article cannot be patched; it is the URL', [
      { path: 'slug', message: 'must match the slug in the URL or be left out' },
    ]);
  }
  const merged = applyMergePatch(structuredClone(current), patch) as Record<string, unknown>;
  return parseArticle({ ...merged, slug });
}

export function createArticlesRouter(deps: RouterDeps): Router {
  const router = Router();
  const auth = deps.requireScope('articles:write');
  const requireIfMatch = deps.requireIfMatch === true;
  const body = parseBody(deps.bodyLimitBytes, { json: true, text: true, html: true });

  router.get('/v1/articles', listValidators(deps.store), async (req, res) => {
    const query = parseParams(ArticleListQuery, req.query, 'query');
    const representation = parseRepresentation(query.fields, query.include);
    const page = await deps.store.articles.list({
      limit: query.limit,
      ...(query.q !== undefined && { q: query.q }),
      ...(query.tag !== undefined && { tag: query.tag }),
      ...(query.author !== undefined && { author: query.author }),
      ...(query.language !== undefined && { language: query.language }),
      ...(query.section !== undefined && { section: query.section }),
      ...(query.from !== undefined && { from: query.from }),
      ...(query.to !== undefined && { to: query.to }),
      ...(query.cursor !== undefined && { cursor: query.cursor }),
    });
    if (page.nextCursor !== undefined)
      res.setHeader('Link', `<${listUrl(req, page.nextCursor)}>; rel="next"`);
    res.json({
      items: page.items.map((item) => listItem(item, representation)),
      total: page.total,
      ...(page.nextCursor !== undefined && { nextCursor: page.nextCursor }),
    });
  });

  router.get('/v1/articles/:slug', async (req, res) => {
    const slug = slugParam(req);
    // The plain read (no query) is the hot path: no parsing for it.
    const representation =
      req.query.fields === undefined && req.query.include === undefined
        ? undefined
        : (() => {
            const q = parseParams(ArticleReadQuery, req.query, 'query');
            return parseRepresentation(q.fields, q.include);
          })();
    const stored = await deps.store.articles.get(slug);
    if (!stored) throw notFound(`no article with slug "${slug}"`);
    sendArticle(req, res, stored, 200, representation);
  });

  /** The article to store, its pictures fetched when asked (`?images=fetch` or the server default). */
  async function prepare(
    req: Request,
    slug?: string,
  ): Promise<{ article: Article; warnings?: ImageWarning[] }> {
    const { images } = parseParams(ImagesQuery, req.query, 'query');
    const article = await articleFromBody(deps, req, slug);
    const settings = deps.imageFetch ?? DEFAULT_IMAGE_FETCH;
    if ((images ?? (settings.byDefault ? 'fetch' : 'keep')) === 'keep')
      return { article: checkImages(article, deps.imageLimits) };
    const fetched = await fetchArticleImages(checkImages(article, deps.imageLimits), {
      media: deps.store.media,
      settings,
      maxPixels: deps.imageLimits.maxPixels,
      baseUrl: siteFor(req, deps).baseUrl,
    });
    return fetched;
  }

  router.post('/v1/articles', auth, ...body, async (req, res) => {
    const { article, warnings } = await prepare(req);
    const stored = await deps.store.articles.create(article);
    res.setHeader('Location', articlePath(stored.article.slug));
    sendArticle(req, res, stored, 201, undefined, warnings);
  });

  router.put('/v1/articles/:slug', auth, ...body, async (req, res) => {
    const slug = slugParam(req);
    const { article, warnings } = await prepare(req, slug);
    const { condition, required } = writeCondition(req, requireIfMatch);
    const { stored, created } = await requiringIfMatch(required, () =>
      deps.store.articles.put(slug, article, condition),
    );
    if (created) res.setHeader('Location', articlePath(slug));
    sendArticle(req, res, stored, created ? 201 : 200, undefined, warnings);
  });

  router.patch(
    '/v1/articles/:slug',
    auth,
    ...parseBody(deps.bodyLimitBytes, { json: true }),
    async (req, res) => {
      const slug = slugParam(req);
      if (!req.is(MERGE_PATCH))
        throw unsupportedMediaType(`send a JSON Merge Patch (RFC 7396) as ${MERGE_PATCH}`);
      const ifMatch = ifMatchOf(req);
      if (ifMatch === undefined && requireIfMatch) {
        if (await deps.store.articles.get(slug)) throw ifMatchRequired();
        throw notFound(`no article with slug "${slug}"`);
      }
      // The patch applies to the version read; the write succeeds only if that version is still
      // the stored one. Without If-Match a concurrent change is merged again, a few times over.
      for (let attempt = 0; ; attempt++) {
        const current = await deps.store.articles.get(slug);
        if (!current) {
          if (ifMatch !== undefined)
            throw new PreconditionFailedError(`no article with slug "${slug}"`, false);
          throw notFound(`no article with slug "${slug}"`);
        }
        const tag = current.contentHash.slice(0, 40);
        const expected = ifMatch === undefined ? undefined : articleTags(ifMatch);
        if (
          expected &&
          'ifMatch' in expected &&
          expected.ifMatch !== '*' &&
          !expected.ifMatch.includes(tag)
        )
          throw new PreconditionFailedError(
            `the article with slug "${slug}" has changed (its ETag is not the one given)`,
            true,
          );
        const article = checkImages(
          patchedArticle(current.article, slug, req.body),
          deps.imageLimits,
        );
        try {
          const { stored } = await deps.store.articles.put(slug, article, { ifMatch: [tag] });
          sendArticle(req, res, stored);
          return;
        } catch (err) {
          if (!(err instanceof PreconditionFailedError) || ifMatch !== undefined || attempt >= 2)
            throw err;
        }
      }
    },
  );

  router.delete('/v1/articles/:slug', auth, async (req, res) => {
    const slug = slugParam(req);
    const { condition, required } = writeCondition(req, requireIfMatch);
    const deleted = await requiringIfMatch(required, () =>
      deps.store.articles.delete(slug, condition),
    );
    if (!deleted) throw notFound(`no article with slug "${slug}"`);
    res.status(204).end();
  });

  return router;
}
