import { Slug } from '@broadsheet/model';
import { Router } from 'express';
import { resolveEdition } from '../editions/resolve.js';
import { notFound } from '../http/problem.js';
import { articlesPage, editionsPage, newest, searchPage } from '../reader/catalog.js';
import type { ReaderDeps } from '../reader/deps.js';
import { siteFor } from '../reader/deps.js';
import { sendJson, sendXml } from '../reader/responses.js';
import { MEDIA_TYPES, paths } from '../reader/urls.js';
import { openSearchDescription, opdsAcquisitionFeed, opdsRootFeed } from './opds1.js';
import { opds2Publication, opds2Publications, opds2Root } from './opds2.js';
import { PAGE_SIZE, parsePage } from './paging.js';
import type { CatalogPublication } from './publication.js';
import { articlePublication, editionPublication } from './publication.js';

/** `?page=` as a number, or a 404: a page that cannot exist is a resource that does not. */
function pageOf(value: unknown): number {
  const page = parsePage(value);
  if (page === undefined) throw notFound('no such page; pages are numbered from 1');
  return page;
}

function queryOf(value: unknown): string {
  return typeof value === 'string' ? value.trim().slice(0, 200) : '';
}

/** The pieces every catalog route needs, for OPDS 1.2 and 2.0 alike. */
function catalog(deps: ReaderDeps) {
  const { store } = deps;
  return {
    async editions(page: number) {
      const result = await editionsPage(store, page, PAGE_SIZE);
      const pubs = result.items.map((r) => editionPublication(r.edition, r.modifiedAt));
      return {
        pubs,
        hasNext: result.hasNext,
        total: result.total,
        updated: newest(result.items.map((r) => r.modifiedAt)),
      };
    },
    async articles(page: number) {
      const [result, total] = await Promise.all([
        articlesPage(store, page, PAGE_SIZE),
        store.articles.count(),
      ]);
      const pubs = result.items.map((s) => articlePublication(s.article, s.modifiedAt));
      return {
        pubs,
        hasNext: result.hasNext,
        total,
        updated: newest(result.items.map((s) => s.modifiedAt)),
      };
    },
    async search(q: string, page: number) {
      if (q === '')
        return { pubs: [] as CatalogPublication[], hasNext: false, updated: newest([]) };
      const result = await searchPage(store, q, page, PAGE_SIZE);
      const pubs = result.items.map((s) => articlePublication(s.article, s.modifiedAt));
      return {
        pubs,
        hasNext: result.hasNext,
        updated: newest(result.items.map((s) => s.modifiedAt)),
      };
    },
    async root() {
      const [editions, articles, count] = await Promise.all([
        editionsPage(store, 1, 1),
        articlesPage(store, 1, 1),
        store.articles.count(),
      ]);
      return {
        updated: newest([
          ...editions.items.map((e) => e.modifiedAt),
          ...articles.items.map((a) => a.modifiedAt),
        ]),
        editionCount: editions.total,
        articleCount: count,
      };
    },
  };
}

const publicationPath = (p: CatalogPublication) =>
  p.kind === 'article' ? paths.opds2Article(p.ref) : paths.opds2Edition(p.ref);

/**
 * OPDS 1.2 under `/opds` (Atom) and OPDS 2.0 under `/opds/v2` (JSON): a root navigation feed,
 * editions newest first, articles newest first, search, and single publications (OPDS 2).
 */
export function createOpdsRouter(deps: ReaderDeps): Router {
  const router = Router();
  const data = catalog(deps);

  router.get('/opds', async (req, res) => {
    const site = siteFor(req, deps);
    sendXml(res, MEDIA_TYPES.opdsNavigation, opdsRootFeed({ site, ...(await data.root()) }));
  });

  router.get('/opds/opensearch.xml', (req, res) => {
    sendXml(res, MEDIA_TYPES.openSearch, openSearchDescription(siteFor(req, deps)));
  });

  router.get('/opds/editions', async (req, res) => {
    const site = siteFor(req, deps);
    const page = pageOf(req.query.page);
    const { pubs, hasNext, updated } = await data.editions(page);
    sendXml(
      res,
      MEDIA_TYPES.opdsAcquisition,
      opdsAcquisitionFeed({
        site,
        name: 'editions',
        title: 'Editions',
        pagePath: paths.opdsEditions,
        paging: { page, hasNext },
        updated,
        publications: pubs,
      }),
    );
  });

  router.get('/opds/articles', async (req, res) => {
    const site = siteFor(req, deps);
    const page = pageOf(req.query.page);
    const { pubs, hasNext, updated } = await data.articles(page);
    sendXml(
      res,
      MEDIA_TYPES.opdsAcquisition,
      opdsAcquisitionFeed({
        site,
        name: 'articles',
        title: 'Latest articles',
        pagePath: paths.opdsArticles,
        paging: { page, hasNext },
        updated,
        publications: pubs,
      }),
    );
  });

  router.get('/opds/search', async (req, res) => {
    const site = siteFor(req, deps);
    const page = pageOf(req.query.page);
    const q = queryOf(req.query.q);
    const { pubs, hasNext, updated } = await data.search(q, page);
    sendXml(
      res,
      MEDIA_TYPES.opdsAcquisition,
      opdsAcquisitionFeed({
        site,
        name: `search:${q}`,
        title: q === '' ? 'Search' : `Search: ${q}`,
        pagePath: (n) => paths.opdsSearch(q, n),
        paging: { page, hasNext },
        updated,
        publications: pubs,
        search: { query: q, itemsPerPage: PAGE_SIZE },
      }),
    );
  });

  router.get('/opds/v2', async (req, res) => {
    const site = siteFor(req, deps);
    sendJson(res, MEDIA_TYPES.opds2, opds2Root(site, (await data.root()).updated));
  });

  router.get('/opds/v2/editions', async (req, res) => {
    const site = siteFor(req, deps);
    const page = pageOf(req.query.page);
    const { pubs, hasNext, updated, total } = await data.editions(page);
    sendJson(
      res,
      MEDIA_TYPES.opds2,
      opds2Publications({
        site,
        title: 'Editions',
        pagePath: paths.opds2Editions,
        paging: { page, hasNext },
        itemsPerPage: PAGE_SIZE,
        updated,
        publications: pubs,
        publicationPath,
        numberOfItems: total,
      }),
    );
  });

  router.get('/opds/v2/articles', async (req, res) => {
    const site = siteFor(req, deps);
    const page = pageOf(req.query.page);
    const { pubs, hasNext, updated, total } = await data.articles(page);
    sendJson(
      res,
      MEDIA_TYPES.opds2,
      opds2Publications({
        site,
        title: 'Latest articles',
        pagePath: paths.opds2Articles,
        paging: { page, hasNext },
        itemsPerPage: PAGE_SIZE,
        updated,
        publications: pubs,
        publicationPath,
        numberOfItems: total,
      }),
    );
  });

  router.get('/opds/v2/search', async (req, res) => {
    const site = siteFor(req, deps);
    const page = pageOf(req.query.page);
    const q = queryOf(req.query.q);
    const { pubs, hasNext, updated } = await data.search(q, page);
    sendJson(
      res,
      MEDIA_TYPES.opds2,
      opds2Publications({
        site,
        title: q === '' ? 'Search' : `Search: ${q}`,
        pagePath: (n) => paths.opds2Search(q, n),
        paging: { page, hasNext },
        itemsPerPage: PAGE_SIZE,
        updated,
        publications: pubs,
        publicationPath,
      }),
    );
  });

  router.get('/opds/v2/articles/:slug', async (req, res) => {
    const raw = req.params.slug;
    const slug = Slug.safeParse(raw);
    const stored =
      slug.success && slug.data === raw ? await deps.store.articles.get(slug.data) : undefined;
    if (!stored) throw notFound(`no article with slug ${JSON.stringify(raw.slice(0, 120))}`);
    const pub = articlePublication(stored.article, stored.modifiedAt);
    sendJson(
      res,
      MEDIA_TYPES.opds2Publication,
      opds2Publication(siteFor(req, deps), pub, publicationPath(pub)),
    );
  });

  router.get('/opds/v2/editions/:id', async (req, res) => {
    const resolved = await resolveEdition(deps.store, req.params.id);
    if (!resolved)
      throw notFound(`no edition with id ${JSON.stringify(req.params.id.slice(0, 120))}`);
    const pub = editionPublication(resolved.edition, resolved.modifiedAt);
    sendJson(
      res,
      MEDIA_TYPES.opds2Publication,
      opds2Publication(siteFor(req, deps), pub, publicationPath(pub)),
    );
  });

  return router;
}
