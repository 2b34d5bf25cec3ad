import { importPlainText, parseArticle, Slug, toJsonLd, type Article } from '@broadsheet/model';
import { Router, type Request, type Response } from 'express';
import type { AppDeps, RouterDeps } from '../deps.js';
import { htmlBody, parseBody } from '../http/body.js';
import { answerConditional } from '../http/conditional.js';
import { listValidators } from '../http/revision-validators.js';
import { articleDownloadPath, articlePath } from '../http/links.js';
import { badRequest, notFound } from '../http/problem.js';
import { parseParams } from '../http/validate.js';
import type { StoredArticle } from '../store/types.js';
import { checkImages } from './check-images.js';
import { articleFromHtml } from './import-html.js';
import { ArticleListQuery, HtmlImportQuery, PlainTextImportQuery } from './schemas.js';
import { toSummary } from './summary.js';

const JSON_LD = 'application/ld+json';

/** A slug from the path, or 404: a malformed slug names no article (and never reaches SQL or a file name). */
export function slugParam(req: Request): string {
  const raw = req.params.slug;
  const result = Slug.safeParse(raw);
  if (!result.success || result.data !== raw) {
    throw notFound(`no article with slug ${JSON.stringify(String(raw).slice(0, 120))}`);
  }
  return result.data;
}

function listUrl(req: Request, cursor: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(req.query)) {
    if (key !== 'cursor' && typeof value === 'string') params.set(key, value);
  }
  params.set('cursor', cursor);
  return `${req.baseUrl}${req.path}?${params.toString()}`;
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
  if (typeof req.body === 'string') {
    const options = parseParams(PlainTextImportQuery, req.query, 'query');
    const importOptions: Parameters<typeof importPlainText>[1] = {};
    if (options.language !== undefined) importOptions.language = options.language;
    if (options.section !== undefined) importOptions.section = options.section;
    if (options.utcOffset !== undefined) importOptions.utcOffset = options.utcOffset;
    if (deps.maxTextLines !== undefined) importOptions.maxLines = deps.maxTextLines;
    const wantedSlug = slug ?? options.slug;
    if (wantedSlug !== undefined) importOptions.slug = wantedSlug;
    return importPlainText(req.body, importOptions);
  }
  if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
    throw badRequest('the body must be a JSON object (an article)', [
      { path: '', message: 'must be an object' },
    ]);
  }
  const body = req.body as Record<string, unknown>;
  if (slug !== undefined && body.slug !== undefined && body.slug !== slug) {
    throw badRequest(
      `slug in the body (${JSON.stringify(body.slug).slice(0, 100)}) differs from the URL ("${slug}")`,
      [{ path: 'slug', message: 'must match the slug in the URL or be left out' }],
    );
  }
  return parseArticle(slug === undefined ? body : { ...body, slug });
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

/** JSON-LD only when the client prefers it; no Accept (or any type) means plain JSON. */
function wantsJsonLd(req: Request): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const accept = req.headers.accept;
  if (accept === undefined || accept === '*/*') return false;
  return req.accepts(['application/json', JSON_LD]) === JSON_LD;
}

function sendArticle(req: Request, res: Response, stored: StoredArticle, status = 200): void {
  const ld = wantsJsonLd(req);
  // Every route with a :slug stores or finds the article under it; reading it from the path
  // spares a plain GET from parsing the stored JSON at all.
  const slug = typeof req.params.slug === 'string' ? req.params.slug : stored.article.slug;
  res.vary('Accept');
  res.setHeader('Link', downloadLinks(slug));
  const etag = `${stored.contentHash.slice(0, 40)}${ld ? '-ld' : ''}`;
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
  // The stored text is JSON.stringify of the article, the very bytes res.json would send;
  // validators and 304s were settled above, so the bytes go out as they are.
  const bytes = stored.jsonBytes ?? Buffer.from(stored.json ?? JSON.stringify(stored.article));
  res.status(status);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', bytes.length);
  if (req.method === 'HEAD') res.end();
  else res.end(bytes);
}

export function createArticlesRouter(deps: RouterDeps): Router {
  const router = Router();
  const auth = deps.requireWriter;
  const body = parseBody(deps.bodyLimitBytes, { json: true, text: true, html: true });

  router.get('/v1/articles', listValidators(deps.store), async (req, res) => {
    const query = parseParams(ArticleListQuery, req.query, 'query');
    const page = await deps.store.articles.list({
      limit: query.limit,
      ...(query.q !== undefined && { q: query.q }),
      ...(query.tag !== undefined && { tag: query.tag }),
      ...(query.section !== undefined && { section: query.section }),
      ...(query.from !== undefined && { from: query.from }),
      ...(query.to !== undefined && { to: query.to }),
      ...(query.cursor !== undefined && { cursor: query.cursor }),
    });
    if (page.nextCursor !== undefined)
      res.setHeader('Link', `<${listUrl(req, page.nextCursor)}>; rel="next"`);
    res.json({
      items: page.items.map(toSummary),
      ...(page.nextCursor !== undefined && { nextCursor: page.nextCursor }),
    });
  });

  router.get('/v1/articles/:slug', async (req, res) => {
    const slug = slugParam(req);
    const stored = await deps.store.articles.get(slug);
    if (!stored) throw notFound(`no article with slug "${slug}"`);
    sendArticle(req, res, stored);
  });

  router.post('/v1/articles', auth, ...body, async (req, res) => {
    const stored = await deps.store.articles.create(
      checkImages(await articleFromBody(deps, req), deps.imageLimits),
    );
    res.setHeader('Location', articlePath(stored.article.slug));
    sendArticle(req, res, stored, 201);
  });

  router.put('/v1/articles/:slug', auth, ...body, async (req, res) => {
    const slug = slugParam(req);
    const { stored, created } = await deps.store.articles.put(
      slug,
      checkImages(await articleFromBody(deps, req, slug), deps.imageLimits),
    );
    if (created) res.setHeader('Location', articlePath(slug));
    sendArticle(req, res, stored, created ? 201 : 200);
  });

  router.delete('/v1/articles/:slug', auth, async (req, res) => {
    const slug = slugParam(req);
    if (!(await deps.store.articles.delete(slug))) throw notFound(`no article with slug "${slug}"`);
    res.status(204).end();
  });

  return router;
}
