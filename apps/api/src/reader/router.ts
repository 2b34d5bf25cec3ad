import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { plainText, Slug, toJsonLd } from '@broadsheet/model';
import express, { Router } from 'express';
import { resolveEdition } from '../editions/resolve.js';
import { notFound } from '../http/problem.js';
import { CACHE_CONTROL, revisionValidators } from '../http/revision-validators.js';
import { articlesPage, editionsPage, issuesPage, searchPage, snippetParts } from './catalog.js';
import type { ReaderDeps } from './deps.js';
import { siteFor } from './deps.js';
import { downloadOptions } from './downloads.js';
import { sendHtml } from './responses.js';
import {
  editionJsonLd,
  renderArticlePage,
  renderEditionPage,
  renderHomePage,
  renderNotFoundPage,
  renderPublicationPage,
  renderSearchPage,
} from './pages.js';
import { url } from './site.js';
import { snippet } from './snippet.js';
import { paths } from './urls.js';

/** Same trick as the views: src/assets is read from both src/ and dist/. */
export const ASSETS_DIR = fileURLToPath(new URL('../../src/assets/', import.meta.url));
const NASKH_DIR = join(
  dirname(createRequire(import.meta.url).resolve('@fontsource/noto-naskh-arabic/package.json')),
  'files',
);

const HOME_EDITIONS = 8;
const HOME_ARTICLES = 20;
const SEARCH_RESULTS = 20;
/** Issues listed on a publication's page, newest first. */
const PUBLICATION_ISSUES = 30;
/** Longer queries are cut: nobody types more, and it bounds the full-text query. */
const MAX_QUERY = 200;

/** `/`, `/articles/:slug`, `/editions/:id`, `/search` and the stylesheet they share. */
export function createReaderRouter(deps: ReaderDeps): Router {
  const router = Router();

  router.use(
    '/assets/fonts/noto-naskh-arabic',
    express.static(NASKH_DIR, { index: false, maxAge: '30d', immutable: true, fallthrough: false }),
  );
  router.use(
    '/assets',
    express.static(ASSETS_DIR, { index: false, maxAge: '1h', fallthrough: false }),
  );

  // Weak: article and edition pages show a download's size once it has been rendered, which
  // the store's stamp does not follow; the page is otherwise the same.
  const fresh = revisionValidators({
    store: deps.store,
    cacheControl: CACHE_CONTROL.page,
    variant: (req) => siteFor(req, deps).baseUrl,
    weak: true,
  });
  // Registered on their own so the page handlers keep their typed route parameters.
  for (const page of ['/', '/articles/:slug', '/editions/:id', '/publications/:id', '/search'])
    router.get(page, fresh);

  router.get('/', async (req, res) => {
    const site = siteFor(req, deps);
    const [editions, articles] = await Promise.all([
      editionsPage(deps.store, 1, HOME_EDITIONS),
      articlesPage(deps.store, 1, HOME_ARTICLES),
    ]);
    sendHtml(
      res,
      renderHomePage({
        site,
        editions: editions.items.map((e) => e.edition),
        articles: articles.items.map((s) => s.article),
      }),
    );
  });

  router.get('/articles/:slug', async (req, res) => {
    const site = siteFor(req, deps);
    const raw = req.params.slug;
    const slug = Slug.safeParse(raw);
    const stored =
      slug.success && slug.data === raw ? await deps.store.articles.get(slug.data) : undefined;
    if (!stored) {
      // A page for people; a client that rules HTML out gets the API's problem document.
      if (!req.accepts('html')) throw notFound(`no article with slug "${raw.slice(0, 120)}"`);
      sendHtml(
        res,
        renderNotFoundPage({
          site,
          path: req.path,
          heading: 'Article not found',
          message: 'There is no article at this address. It may have been removed.',
        }),
        404,
      );
      return;
    }
    const { article } = stored;
    const downloads = await downloadOptions(
      deps.renderer,
      article,
      (format, err) =>
        deps.logger.warn({ err, slug: article.slug, format }, 'download size unavailable'),
      deps.sizeWaitMs,
    );
    // The page is where the article lives for search engines; the original stays as isBasedOn.
    const jsonLd = toJsonLd(article, { url: url(site, paths.article(article.slug)) });
    sendHtml(res, renderArticlePage({ site, article, jsonLd, downloads }));
  });

  router.get('/editions/:id', async (req, res) => {
    const site = siteFor(req, deps);
    const resolved = await resolveEdition(deps.store, req.params.id);
    if (!resolved) {
      if (!req.accepts('html')) throw notFound(`no edition "${req.params.id.slice(0, 120)}"`);
      sendHtml(
        res,
        renderNotFoundPage({
          site,
          path: req.path,
          heading: 'Edition not found',
          message: 'There is no edition at this address.',
        }),
        404,
      );
      return;
    }
    const { edition } = resolved;
    const downloads = await downloadOptions(
      deps.renderer,
      edition,
      (format, err) =>
        deps.logger.warn({ err, edition: edition.id, format }, 'download size unavailable'),
      deps.sizeWaitMs,
    );
    sendHtml(
      res,
      renderEditionPage({ site, edition, downloads, jsonLd: editionJsonLd(site, edition) }),
    );
  });

  router.get('/publications/:id', async (req, res) => {
    const site = siteFor(req, deps);
    const publication = await deps.store.publications.get(req.params.id);
    if (!publication) {
      if (!req.accepts('html')) throw notFound(`no publication "${req.params.id.slice(0, 120)}"`);
      sendHtml(
        res,
        renderNotFoundPage({
          site,
          path: req.path,
          heading: 'Publication not found',
          message: 'There is no publication at this address.',
        }),
        404,
      );
      return;
    }
    const page = await issuesPage(deps.store, publication.id, 1, PUBLICATION_ISSUES);
    sendHtml(
      res,
      renderPublicationPage({ site, publication, issues: page.items.map((r) => r.edition) }),
    );
  });

  router.get('/search', async (req, res) => {
    const site = siteFor(req, deps);
    const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, MAX_QUERY) : '';
    if (q === '') {
      sendHtml(res, renderSearchPage({ site, query: '', results: [], more: false }));
      return;
    }
    const found = await searchPage(deps.store, q, 1, SEARCH_RESULTS);
    const results = found.items.map((item) => ({
      article: item.article,
      snippet: item.snippet ? snippetParts(item.snippet) : snippet(plainText(item.article), q),
    }));
    sendHtml(res, renderSearchPage({ site, query: q, results, more: found.hasNext }));
  });

  return router;
}
