import { Slug, slugify } from '@broadsheet/model';
import { Router, type Request, type Response } from 'express';
import { apply as applyMergePatch } from 'json-merge-patch';
import type { RouterDeps } from '../deps.js';
import { parseBody } from '../http/body.js';
import { answerConditional } from '../http/conditional.js';
import { listValidators } from '../http/revision-validators.js';
import { editionDownloadPath, editionPath, listUrl } from '../http/links.js';
import { createOnly, ifMatchOf, ifMatchRequired, requiringIfMatch } from '../http/preconditions.js';
import { badRequest, HttpProblem, notFound, unsupportedMediaType } from '../http/problem.js';
import { parseParams } from '../http/validate.js';
import {
  PreconditionFailedError,
  type CuratedEdition,
  type CuratedEditionInput,
  type EditionCondition,
  type Store,
} from '../store/types.js';
import { pageOf, type ListedEdition } from './paging.js';
import { curatedEdition, editionJson, resolveEdition } from './resolve.js';
import { CuratedEditionRequest, DAILY_ID, EditionListQuery } from './schemas.js';

const MERGE_PATCH = 'application/merge-patch+json';

function links(id: string) {
  return {
    self: editionPath(id),
    epub: editionDownloadPath(id, 'epub'),
    pdf: editionDownloadPath(id, 'pdf'),
  };
}

/** The id of a curated edition from the path; daily editions and `latest` are derived, not stored. */
function curatedId(req: Request): string {
  const id = String(req.params.id);
  if (id === 'latest' || DAILY_ID.test(id)) {
    throw new HttpProblem(
      405,
      `"${id}" is a daily edition, made from the articles of its day: it cannot be replaced, patched or deleted`,
      { headers: { Allow: 'GET, HEAD' } },
    );
  }
  const parsed = Slug.safeParse(id);
  if (!parsed.success || parsed.data !== id) {
    throw badRequest(`"${id.slice(0, 120)}" cannot be the id of a curated edition`, [
      { path: 'path.id', message: 'must be a slug (lower-case letters, digits and hyphens)' },
    ]);
  }
  return id;
}

/** The stored form of a validated request; every slug must name an article (400 otherwise). */
async function editionInput(
  store: Store,
  body: CuratedEditionRequest,
): Promise<CuratedEditionInput> {
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
  return input;
}

/**
 * The revision an If-Match names. The ETag is the GET's (a hash of the edition with its
 * articles); the store compares the revision of the row that was read, in the write itself.
 * Reading the row and the edition apart can only cost a needless 412, never a lost update.
 */
async function matchedRevision(
  store: Store,
  id: string,
  ifMatch: '*' | readonly string[],
): Promise<{ revision: number; row: CuratedEdition }> {
  const row = await store.editions.get(id);
  if (!row) throw new PreconditionFailedError(`no edition with id "${id}"`, false);
  if (ifMatch !== '*') {
    const resolved = await curatedEdition(store, id);
    const tag = resolved?.contentHash.slice(0, 40);
    if (tag === undefined || !ifMatch.includes(tag))
      throw new PreconditionFailedError(
        `the edition "${id}" has changed (its ETag is not the one given)`,
        true,
      );
  }
  return { revision: row.revision, row };
}

async function sendCurated(store: Store, res: Response, id: string, status: number) {
  const resolved = await curatedEdition(store, id);
  if (!resolved) throw notFound(`edition "${id}" vanished while it was written`);
  res.setHeader('ETag', `"${resolved.contentHash.slice(0, 40)}"`);
  res.setHeader('Last-Modified', new Date(resolved.modifiedAt).toUTCString());
  res.status(status).type('application/json').send(editionJson(resolved));
}

export function createEditionsRouter(deps: RouterDeps): Router {
  const router = Router();
  const { store } = deps;
  const auth = deps.requireScope('editions:write');
  const json = parseBody(deps.bodyLimitBytes, { json: true });
  const requireIfMatch = deps.requireIfMatch === true;

  router.get('/v1/editions', listValidators(store), async (req, res) => {
    const query = parseParams(EditionListQuery, req.query, 'query');
    const [days, curated] = await Promise.all([store.articles.days(), store.editions.list()]);
    // Articles deleted since are left out of an edition, and one with none left is gone (as its
    // GET and the catalogs have it).
    const present = await store.articles.existing(curated.flatMap((e) => e.slugs));
    const all: ListedEdition[] = [
      ...curated.flatMap((e) => {
        const articleCount = e.slugs.filter((slug) => present.has(slug)).length;
        if (articleCount === 0) return [];
        return [
          {
            id: e.id,
            kind: 'curated' as const,
            title: e.title,
            date: e.date,
            articleCount,
            links: links(e.id),
            createdAt: e.createdAt,
          },
        ];
      }),
      ...days.map((d) => ({
        id: d.date,
        kind: 'daily' as const,
        title: `Daily edition, ${d.date}`,
        date: d.date,
        articleCount: d.count,
        links: links(d.date),
        createdAt: '',
      })),
    ];
    const page = pageOf(all, query.limit, query.cursor);
    if (page.nextCursor !== undefined)
      res.setHeader('Link', `<${listUrl(req, page.nextCursor)}>; rel="next"`);
    res.json({
      items: page.items.map(({ createdAt: _createdAt, ...summary }) => summary),
      total: all.length,
      ...(page.nextCursor !== undefined && { nextCursor: page.nextCursor }),
    });
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

  router.post('/v1/editions', auth, ...json, async (req, res) => {
    const body = parseParams(CuratedEditionRequest, req.body, 'body');
    const input = await editionInput(store, body);
    const id = `${body.date}-${slugify(body.title)}`;
    await store.editions.create(id, input);
    res.setHeader('Location', editionPath(id));
    await sendCurated(store, res, id, 201);
  });

  router.put('/v1/editions/:id', auth, ...json, async (req, res) => {
    const id = curatedId(req);
    const body = parseParams(CuratedEditionRequest, req.body, 'body');
    const input = await editionInput(store, body);
    const ifMatch = ifMatchOf(req);
    let condition: EditionCondition | undefined;
    let required = false;
    if (ifMatch !== undefined)
      condition = { revision: (await matchedRevision(store, id, ifMatch)).revision };
    else if (createOnly(req)) condition = { absent: true };
    else if (requireIfMatch) [condition, required] = [{ absent: true }, true];
    const { created } = await requiringIfMatch(required, () =>
      store.editions.put(id, input, condition),
    );
    if (created) res.setHeader('Location', editionPath(id));
    await sendCurated(store, res, id, created ? 201 : 200);
  });

  router.patch('/v1/editions/:id', auth, ...json, async (req, res) => {
    const id = curatedId(req);
    if (!req.is(MERGE_PATCH))
      throw unsupportedMediaType(`send a JSON Merge Patch (RFC 7396) as ${MERGE_PATCH}`);
    const patch: unknown = req.body;
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch))
      throw badRequest('a merge patch of an edition must be a JSON object', [
        { path: '', message: 'must be an object' },
      ]);
    const ifMatch = ifMatchOf(req);
    if (ifMatch === undefined && requireIfMatch) {
      if (await store.editions.get(id)) throw ifMatchRequired();
      throw notFound(`no curated edition "${id}"`);
    }
    // The patch applies to the revision read and is written only if that is still the stored one;
    // without If-Match a concurrent change is merged again, a few times over.
    for (let attempt = 0; ; attempt++) {
      let row: CuratedEdition | undefined;
      if (ifMatch !== undefined) row = (await matchedRevision(store, id, ifMatch)).row;
      else row = await store.editions.get(id);
      if (!row) throw notFound(`no curated edition "${id}"`);
      // Articles deleted since are already left out of the edition: a patch that does not
      // give slugs keeps those still there, rather than failing on the ones that are not.
      const present = 'slugs' in patch ? undefined : await store.articles.existing(row.slugs);
      const current: Record<string, unknown> = {
        title: row.title,
        date: row.date,
        slugs: present ? row.slugs.filter((slug) => present.has(slug)) : row.slugs,
        ...(row.language !== undefined && { language: row.language }),
        ...(row.description !== undefined && { description: row.description }),
      };
      const merged: unknown = applyMergePatch(structuredClone(current), patch);
      const body = parseParams(CuratedEditionRequest, merged, 'body');
      const input = await editionInput(store, body);
      try {
        await store.editions.put(id, input, { revision: row.revision });
        await sendCurated(store, res, id, 200);
        return;
      } catch (err) {
        if (!(err instanceof PreconditionFailedError) || ifMatch !== undefined || attempt >= 2)
          throw err;
      }
    }
  });

  router.delete('/v1/editions/:id', auth, async (req, res) => {
    const id = curatedId(req);
    const ifMatch = ifMatchOf(req);
    let condition: EditionCondition | undefined;
    let required = false;
    if (ifMatch !== undefined)
      condition = { revision: (await matchedRevision(store, id, ifMatch)).revision };
    else if (requireIfMatch) [condition, required] = [{ absent: true }, true];
    const deleted = await requiringIfMatch(required, () => store.editions.delete(id, condition));
    if (!deleted) throw notFound(`no curated edition "${id}"`);
    res.status(204).end();
  });

  return router;
}
