import { normalizeText, Slug } from '@broadsheet/model';
import { Router, type RequestHandler, type Response } from 'express';
import { resolveEdition } from '../editions/resolve.js';
import { notFound } from '../http/problem.js';
import { CACHE_CONTROL, revisionValidators } from '../http/revision-validators.js';
import { articlesPage, editionsPage, issuesPage, newest, searchPage } from '../reader/catalog.js';
import type { ReaderDeps } from '../reader/deps.js';
import type { SiteContext } from '../reader/site.js';
import { siteFor } from '../reader/deps.js';
import { sendJson, sendXml } from '../reader/responses.js';
import { MEDIA_TYPES, paths } from '../reader/urls.js';
import { openSearchDescription, opdsAcquisitionFeed, opdsRootFeed } from './opds1.js';
import { opds2Publication, opds2Publications, opds2Root } from './opds2.js';
import type { ActiveFacets } from './facets.js';
import type { FacetValues } from './facets.js';
import { activeFacets, facetGroups, facetPath, facetTitle, loadFacetValues } from './facets.js';
import { lastPageOf, PAGE_SIZE, parsePage } from './paging.js';
import type { CatalogPublication } from './publication.js';
import { articlePublication, editionPublication } from './publication.js';

/** `?page=` as a number, or a 404: a page that cannot exist is a resource that does not. */
function pageOf(value: unknown): number {
  const page = parsePage(value);
  if (page === undefined) throw notFound('no such page; pages are numbered from 1');
  return page;
}

function queryOf(value: unknown): string {
  // Normalised like stored text: the query is echoed in the catalog's title, and a control
  // character there would make the XML malformed (after the cut, so no half surrogate stays).
  return typeof value === 'string' ? normalizeText(value.slice(0, 200)) : '';
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
        lastPage: lastPageOf(result.total, PAGE_SIZE),
        updated: newest(result.items.map((r) => r.modifiedAt)),
      };
    },
    async articles(page: number, facets: ActiveFacets) {
      const [result, facetValues] = await Promise.all([
        articlesPage(store, page, PAGE_SIZE, facets),
        loadFacetValues(store),
      ]);
      const { total } = result;
      const pubs = result.items.map((s) => articlePublication(s.article, s.modifiedAt));
      return {
        pubs,
        hasNext: result.hasNext,
        total,
        lastPage: lastPageOf(total, PAGE_SIZE),
        facetValues,
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
    async issues(publicationId: string, page: number) {
      const result = await issuesPage(store, publicationId, page, PAGE_SIZE);
      return {
        pubs: result.items.map((r) => editionPublication(r.edition, r.modifiedAt)),
        hasNext: result.hasNext,
        total: result.total,
        lastPage: lastPageOf(result.total, PAGE_SIZE),
        updated: newest(result.items.map((r) => r.modifiedAt)),
      };
    },
    async root() {
      const [editions, articles, publications] = await Promise.all([
        editionsPage(store, 1, 1),
        articlesPage(store, 1, 1),
        store.publications.list(),
      ]);
      return {
        updated: newest([
          ...editions.items.map((e) => e.modifiedAt),
          ...articles.items.map((a) => a.modifiedAt),
          ...publications.map((p) => p.updatedAt),
        ]),
        editionCount: editions.total,
        articleCount: articles.total,
        publications: publications.map((p) => ({ id: p.id, title: p.title })),
      };
    },
  };
}

const publicationPath = (p: CatalogPublication) =>
  p.kind === 'article' ? paths.opds2Article(p.ref) : paths.opds2Edition(p.ref);

type Catalog = ReturnType<typeof catalog>;

/** A page of a catalog, as `catalog()` loads it; only editions and articles know their total. */
interface CatalogPage {
  pubs: CatalogPublication[];
  hasNext: boolean;
  updated: string;
  total?: number;
  /** When the total is known: the `last` link. */
  lastPage?: number;
  /** Faceted listings: the values each facet group offers. */
  facetValues?: FacetValues;
}

/** What a paged feed lists, whichever OPDS version serves it. */
interface Listing {
  /** Search reads `?q=`; the others ignore it. */
  searches: boolean;
  /** OPDS 1.2 feed name (its `urn:uuid:` id). */
  name: (q: string) => string;
  title: (q: string) => string;
  /** Path of page `page` of this feed, by OPDS version (search pages keep the query, faceted pages their facets). */
  pagePath: Record<OpdsVersion, (page: number, q: string, facets: ActiveFacets) => string>;
  load: (data: Catalog, page: number, q: string, facets: ActiveFacets) => Promise<CatalogPage>;
  /** Reads the facet parameters (section, tag, language, author) and offers facet links. */
  faceted?: boolean;
}

type OpdsVersion = 1 | 2;

const LISTINGS = {
  editions: {
    searches: false,
    name: () => 'editions',
    title: () => 'Editions',
    pagePath: { 1: paths.opdsEditions, 2: paths.opds2Editions },
    load: (data, page) => data.editions(page),
  },
  articles: {
    searches: false,
    faceted: true,
    name: () => 'articles',
    title: () => 'Latest articles',
    pagePath: {
      1: (page, _q, facets) => facetPath(paths.opdsArticles(), facets, page),
      2: (page, _q, facets) => facetPath(paths.opds2Articles(), facets, page),
    },
    load: (data, page, _q, facets) => data.articles(page, facets),
  },
  search: {
    searches: true,
    name: (q) => `search:${q}`,
    title: (q) => (q === '' ? 'Search' : `Search: ${q}`),
    pagePath: {
      1: (page, q) => paths.opdsSearch(q, page),
      2: (page, q) => paths.opds2Search(q, page),
    },
    load: (data, page, q) => data.search(q, page),
  },
} satisfies Record<string, Listing>;

/** One paged catalog URL: which listing, in which OPDS version. */
interface PagedRoute {
  path: string;
  opds: OpdsVersion;
  listing: Listing;
}

const PAGED_ROUTES: readonly PagedRoute[] = [
  { path: '/opds/editions', opds: 1, listing: LISTINGS.editions },
  { path: '/opds/articles', opds: 1, listing: LISTINGS.articles },
  { path: '/opds/search', opds: 1, listing: LISTINGS.search },
  { path: '/opds/v2/editions', opds: 2, listing: LISTINGS.editions },
  { path: '/opds/v2/articles', opds: 2, listing: LISTINGS.articles },
  { path: '/opds/v2/search', opds: 2, listing: LISTINGS.search },
];

/** Facets in a feed's name, so each faceted feed has its own stable id. */
function facetName(active: ActiveFacets): string {
  const path = facetPath('', active);
  return path === '' ? '' : `:${path}`;
}

/** A single OPDS 2 publication, its `self` link where the router serves it. */
function sendPublication(res: Response, site: SiteContext, pub: CatalogPublication): void {
  sendJson(res, MEDIA_TYPES.opds2Publication, opds2Publication(site, pub, publicationPath(pub)));
}

/** Serves a paged route: `?page=` (404 past the end of what can exist), the listing, the feed. */
function servePaged(route: PagedRoute, data: Catalog, deps: ReaderDeps): RequestHandler {
  const { listing } = route;
  return async (req, res) => {
    const site = siteFor(req, deps);
    const page = pageOf(req.query.page);
    const q = listing.searches ? queryOf(req.query.q) : '';
    const active = listing.faceted ? activeFacets(req.query) : {};
    const loaded = await listing.load(data, page, q, active);
    const { pubs, hasNext, updated, total, lastPage } = loaded;
    const pagePath = (n: number) => listing.pagePath[route.opds](n, q, active);
    const feed = {
      site,
      title: facetTitle(listing.title(q), active),
      pagePath,
      paging: { page, hasNext, lastPage },
      updated,
      publications: pubs,
      facets: loaded.facetValues
        ? facetGroups(listing.pagePath[route.opds](1, q, {}), loaded.facetValues, active)
        : undefined,
    };
    if (route.opds === 1) {
      const search = listing.searches ? { query: q, itemsPerPage: PAGE_SIZE } : undefined;
      sendXml(
        res,
        MEDIA_TYPES.opdsAcquisition,
        opdsAcquisitionFeed({ ...feed, name: `${listing.name(q)}${facetName(active)}`, search }),
      );
    } else {
      sendJson(
        res,
        MEDIA_TYPES.opds2,
        opds2Publications({
          ...feed,
          itemsPerPage: PAGE_SIZE,
          publicationPath,
          numberOfItems: total,
        }),
      );
    }
  };
}

/**
 * OPDS 1.2 under `/opds` (Atom) and OPDS 2.0 under `/opds/v2` (JSON): a root navigation feed,
 * editions newest first, articles newest first, search, and single publications (OPDS 2).
 */
export function createOpdsRouter(deps: ReaderDeps): Router {
  const router = Router();
  const data = catalog(deps);
  // Every catalog document is built from the store alone (and the public URL its links use):
  // a client whose copy is current gets a 304 from the change stamp, before anything is read.
  router.use(
    '/opds',
    revisionValidators({
      store: deps.store,
      cacheControl: CACHE_CONTROL.catalog,
      variant: (req) => siteFor(req, deps).baseUrl,
    }),
  );

  router.get('/opds', async (req, res) => {
    const site = siteFor(req, deps);
    sendXml(res, MEDIA_TYPES.opdsNavigation, opdsRootFeed({ site, ...(await data.root()) }));
  });

  router.get('/opds/opensearch.xml', (req, res) => {
    sendXml(res, MEDIA_TYPES.openSearch, openSearchDescription(siteFor(req, deps)));
  });

  router.get('/opds/v2', async (req, res) => {
    const site = siteFor(req, deps);
    const root = await data.root();
    sendJson(res, MEDIA_TYPES.opds2, opds2Root(site, root.updated, root.publications));
  });

  // A publication's issues, newest first: a paged acquisition feed like the editions'.
  for (const opds of [1, 2] as const) {
    router.get(
      opds === 1 ? '/opds/publications/:id' : '/opds/v2/publications/:id',
      async (req, res, next) => {
        const publication = await deps.store.publications.get(req.params.id);
        if (!publication)
          throw notFound(`no publication ${JSON.stringify(req.params.id.slice(0, 120))}`);
        const { id, title } = publication;
        const listing: Listing = {
          searches: false,
          name: () => `publication:${id}`,
          title: () => title,
          pagePath: {
            1: (page) => paths.opdsPublication(id, page),
            2: (page) => paths.opds2Publication(id, page),
          },
          load: (catalogData, page) => catalogData.issues(id, page),
        };
        await servePaged({ path: req.path, opds, listing }, data, deps)(req, res, next);
      },
    );
  }

  for (const route of PAGED_ROUTES) router.get(route.path, servePaged(route, data, deps));

  router.get('/opds/v2/articles/:slug', async (req, res) => {
    const raw = req.params.slug;
    const slug = Slug.safeParse(raw);
    const stored =
      slug.success && slug.data === raw ? await deps.store.articles.get(slug.data) : undefined;
    if (!stored) throw notFound(`no article with slug ${JSON.stringify(raw.slice(0, 120))}`);
    const pub = articlePublication(stored.article, stored.modifiedAt);
    sendPublication(res, siteFor(req, deps), pub);
  });

  router.get('/opds/v2/editions/:id', async (req, res) => {
    const resolved = await resolveEdition(deps.store, req.params.id);
    if (!resolved)
      throw notFound(`no edition with id ${JSON.stringify(req.params.id.slice(0, 120))}`);
    const pub = editionPublication(resolved.edition, resolved.modifiedAt);
    sendPublication(res, siteFor(req, deps), pub);
  });

  return router;
}
