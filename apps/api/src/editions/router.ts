import { slugify } from '@broadsheet/model';
import { Router } from 'express';
import type { RouterDeps } from '../deps.js';
import { parseBody } from '../http/body.js';
import { answerConditional } from '../http/conditional.js';
import { listValidators } from '../http/revision-validators.js';
import { editionDownloadPath, editionPath } from '../http/links.js';
import { badRequest, notFound } from '../http/problem.js';
import { parseParams } from '../http/validate.js';
import type { CuratedEditionInput } from '../store/types.js';
import { curatedEdition, editionJson, resolveEdition } from './resolve.js';
import { CuratedEditionRequest, type EditionSummary } from './schemas.js';

function links(id: string) {
  return {
    self: editionPath(id),
    epub: editionDownloadPath(id, 'epub'),
    pdf: editionDownloadPath(id, 'pdf'),
  };
}

export function createEditionsRouter(deps: RouterDeps): Router {
  const router = Router();
  const { store } = deps;

  router.get('/v1/editions', listValidators(store), async (_req, res) => {
    const [days, curated] = await Promise.all([store.articles.days(), store.editions.list()]);
    const items: EditionSummary[] = [
      ...curated.map((e) => ({
        id: e.id,
        kind: 'curated' as const,
        title: e.title,
        date: e.date,
        articleCount: e.slugs.length,
        links: links(e.id),
      })),
      ...days.map((d) => ({
        id: d.date,
        kind: 'daily' as const,
        title: `Daily edition, ${d.date}`,
        date: d.date,
        articleCount: d.count,
        links: links(d.date),
      })),
    ];
    // Newest first; on the same day the curated editions come before the daily one.
    items.sort((a, b) =>
      a.date === b.date
        ? a.kind === b.kind
          ? 0
          : a.kind === 'curated'
            ? -1
            : 1
        : a.date < b.date
          ? 1
          : -1,
    );
    res.json({ items });
  });

  router.get('/v1/editions/:id', async (req, res) => {
    const id = req.params.id;
    const resolved = await resolveEdition(store, id);
    if (!resolved) throw notFound(`no edition "${id.slice(0, 120)}"`);
    res.setHeader(
      'Link',
      [
        `<${editionDownloadPath(resolved.edition.id, 'epub')}>; rel="alternate"; type="application/epub+zip"`,
        `<${editionDownloadPath(resolved.edition.id, 'pdf')}>; rel="alternate"; type="application/pdf"`,
      ].join(', '),
    );
    if (answerConditional(req, res, resolved.contentHash.slice(0, 40), resolved.modifiedAt)) return;
    res.type('application/json').send(editionJson(resolved));
  });

  router.post(
    '/v1/editions',
    deps.requireWriter,
    ...parseBody(deps.bodyLimitBytes, { json: true }),
    async (req, res) => {
      const body = parseParams(CuratedEditionRequest, req.body, 'body');
      const found = await store.articles.getMany(body.slugs);
      const known = new Set(found.map((s) => s.article.slug));
      const missing = body.slugs.flatMap((slug, i) =>
        known.has(slug) ? [] : [{ path: `slugs.${i}`, message: `no article with slug "${slug}"` }],
      );
      if (missing.length > 0)
        throw badRequest(`${missing.length} of the slugs name no article`, missing);
      const input: CuratedEditionInput = { title: body.title, date: body.date, slugs: body.slugs };
      if (body.language !== undefined) input.language = body.language;
      if (body.description !== undefined) input.description = body.description;
      const id = `${body.date}-${slugify(body.title)}`;
      await store.editions.create(id, input);
      const resolved = await curatedEdition(store, id);
      if (!resolved) throw notFound(`edition "${id}" vanished while it was created`);
      res.setHeader('Location', editionPath(id));
      res.setHeader('ETag', `"${resolved.contentHash.slice(0, 40)}"`);
      res.status(201).type('application/json').send(editionJson(resolved));
    },
  );

  return router;
}
