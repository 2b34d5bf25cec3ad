import { Router } from 'express';
import { FacetListQuery, type FacetList } from '../articles/schemas.js';
import type { RouterDeps } from '../deps.js';
import { parseParams } from '../http/validate.js';
import type { FacetKind } from '../store/types.js';

/** The article-list filter each facet narrows by (languages: only the OPDS catalogs list them). */
const FILTER: Record<FacetKind, string> = {
  tags: 'tag',
  authors: 'author',
  sections: 'section',
  languages: 'language',
};

/**
 * GET /v1/tags, /v1/authors, /v1/sections: what the archive holds and how much of each, most
 * articles first, paged like the article list (`limit`, `cursor`, `Link: rel="next"`), with the
 * filtered article list linked from each item.
 */
export function createFacetsRouter(deps: RouterDeps): Router {
  const router = Router();
  for (const kind of ['tags', 'authors', 'sections'] as const) {
    router.get(`/v1/${kind}`, async (req, res) => {
      const query = parseParams(FacetListQuery, req.query, 'query');
      const page = await deps.store.articles.facets(kind, {
        limit: query.limit,
        ...(query.cursor !== undefined && { cursor: query.cursor }),
      });
      if (page.nextCursor !== undefined) {
        const next = new URLSearchParams({ limit: String(query.limit), cursor: page.nextCursor });
        res.setHeader('Link', `</v1/${kind}?${next.toString()}>; rel="next"`);
      }
      const body: FacetList = {
        items: page.items.map((f) => ({
          name: f.name,
          count: f.count,
          links: {
            articles: `/v1/articles?${new URLSearchParams({ [FILTER[kind]]: f.name }).toString()}`,
          },
        })),
        total: page.total,
        ...(page.nextCursor !== undefined && { nextCursor: page.nextCursor }),
      };
      res.json(body);
    });
  }
  return router;
}
