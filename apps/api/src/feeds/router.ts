import { Router } from 'express';
import { CACHE_CONTROL, revisionValidators } from '../http/revision-validators.js';
import { notFound } from '../http/problem.js';
import { articlePublication, editionPublication } from '../opds/publication.js';
import { sendJson, sendXml } from '../reader/responses.js';
import { articlesPage, issuesPage, newest } from '../reader/catalog.js';
import type { ReaderDeps } from '../reader/deps.js';
import { siteFor } from '../reader/deps.js';
import { MEDIA_TYPES } from '../reader/urls.js';
import { atomArticlesFeed, atomIssuesFeed } from './atom.js';
import { jsonArticlesFeed } from './json-feed.js';
import { rssArticlesFeed } from './rss.js';

/** Feed readers poll; this many newest articles is what a day's news fits in. */
export const FEED_ITEMS = 30;

/** `/feed.atom` (Atom 1.0), `/feed.rss` (RSS 2.0) and `/feed.json` (JSON Feed 1.1) of the latest articles. */
export function createFeedsRouter(deps: ReaderDeps): Router {
  const router = Router();
  // Polled every few minutes by every reader: answered from the store's change stamp.
  const fresh = revisionValidators({
    store: deps.store,
    cacheControl: CACHE_CONTROL.catalog,
    variant: (req) => siteFor(req, deps).baseUrl,
  });

  async function latest() {
    const page = await articlesPage(deps.store, 1, FEED_ITEMS);
    return {
      publications: page.items.map((s) => articlePublication(s.article, s.modifiedAt)),
      updated: newest(page.items.map((s) => s.modifiedAt)),
    };
  }

  router.get('/feed.atom', fresh, async (req, res) => {
    const { publications, updated } = await latest();
    sendXml(
      res,
      MEDIA_TYPES.atom,
      atomArticlesFeed({ site: siteFor(req, deps), updated, publications }),
    );
  });

  router.get('/feed.rss', fresh, async (req, res) => {
    const { publications, updated } = await latest();
    sendXml(
      res,
      MEDIA_TYPES.rss,
      rssArticlesFeed({ site: siteFor(req, deps), updated, publications }),
    );
  });

  router.get('/feed.json', fresh, async (req, res) => {
    const { publications } = await latest();
    sendJson(res, MEDIA_TYPES.jsonFeed, jsonArticlesFeed(siteFor(req, deps), publications));
  });

  router.get('/publications/:id/feed.atom', fresh, async (req, res) => {
    const id = String(req.params.id);
    const publication = await deps.store.publications.get(id);
    if (!publication) throw notFound(`no publication ${JSON.stringify(id.slice(0, 120))}`);
    const page = await issuesPage(deps.store, publication.id, 1, FEED_ITEMS);
    sendXml(
      res,
      MEDIA_TYPES.atom,
      atomIssuesFeed({
        site: siteFor(req, deps),
        publication,
        updated: newest(page.items.map((r) => r.modifiedAt)),
        publications: page.items.map((r) => editionPublication(r.edition, r.modifiedAt)),
      }),
    );
  });

  return router;
}
