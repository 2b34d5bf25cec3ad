import { randomBytes } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { RouterDeps } from '../deps.js';
import { parseBody } from '../http/body.js';
import { answerConditional } from '../http/conditional.js';
import { listUrl } from '../http/links.js';
import { ifMatchOf, type IfMatch } from '../http/preconditions.js';
import { HttpProblem, notFound } from '../http/problem.js';
import { parseParams } from '../http/validate.js';
import type { Feed, FeedCondition } from '../store/feed-types.js';
import { PreconditionFailedError } from '../store/types.js';
import { sha256 } from '../util/hash.js';
import { FEED_LEASE_MS, type FeedService } from './feed-service.js';
import { feedPath, toFeedResource } from './resource.js';
import { FeedListQuery, FeedRequest, type FeedRefresh } from './schemas.js';

/**
 * The ETag of a feed: its settings revision, then a hash of what the GET shows. A poll changes
 * the hash (a GET then answers 200, not 304) but not the revision, and If-Match compares only
 * the revision: a PUT after a GET is not refused because the feed was polled in between.
 */
function feedEtag(feed: Feed): string {
  return `${feed.revision}-${sha256(JSON.stringify(toFeedResource(feed))).slice(0, 16)}`;
}

/** When anything the GET shows last changed (settings or poll state). */
function feedModifiedAt(feed: Feed): string {
  return [feed.updatedAt, feed.lastSuccessAt ?? '', feed.lastErrorAt ?? ''].sort().at(-1) ?? '';
}

const idParam = (req: Request) => String(req.params.id);

/** The condition an If-Match sets: the revision its tags name, checked again by the store's write. */
async function conditionOf(
  deps: RouterDeps,
  id: string,
  ifMatch: IfMatch | undefined,
): Promise<FeedCondition | undefined> {
  if (ifMatch === undefined) {
    if (deps.requireIfMatch && (await deps.store.feeds.get(id)))
      throw new HttpProblem(
        428,
        'this server requires If-Match on writes to existing resources (BROADSHEET_REQUIRE_IF_MATCH); read the feed, then send its ETag in If-Match',
        { errors: [{ path: 'If-Match', message: 'required' }] },
      );
    return undefined;
  }
  const feed = await deps.store.feeds.get(id);
  if (!feed) throw new PreconditionFailedError(`no feed with id "${id}"`, false);
  if (ifMatch !== '*' && !ifMatch.some((tag) => tag.split('-')[0] === String(feed.revision)))
    throw new PreconditionFailedError(
      `the feed "${id}" has changed (its ETag is not the one given)`,
      true,
    );
  return { revision: feed.revision };
}

function sendFeed(req: Request, res: Response, feed: Feed, status = 200): void {
  res.setHeader('Cache-Control', 'no-store');
  if (status === 200 && answerConditional(req, res, feedEtag(feed), feedModifiedAt(feed))) return;
  res.setHeader('ETag', `"${feedEtag(feed)}"`);
  res.status(status).json(toFeedResource(feed));
}

/**
 * Feed subscriptions (issue 17): /v1/feeds. Every route, reads included, needs a credential
 * with `feeds:write`: the list of what an operator subscribes to is theirs, not the public's,
 * and no narrower read scope exists. (`src/feeds/` is the server's own Atom/RSS/JSON output.)
 */
export function createSubscriptionsRouter(deps: RouterDeps & { feedService: FeedService }): Router {
  const router = Router();
  const guard = deps.requireScope('feeds:write');
  // Reads need the same credential (feeds are the operator's) but spend no write budget.
  const reader = deps.requireScopeToRead('feeds:write');
  const body = parseBody(deps.bodyLimitBytes, { json: true });
  const { store, feedService } = deps;

  router.post('/v1/feeds', guard, ...body, async (req, res) => {
    const input = parseParams(FeedRequest, req.body, 'body');
    // A duplicate is answered before anything is fetched.
    if (await store.feeds.findByUrl(input.url)) {
      const detail = `a feed with url ${JSON.stringify(input.url)} exists`;
      throw new HttpProblem(409, detail, { errors: [{ path: 'body.url', message: detail }] });
    }
    const probed = await feedService.probe(input.url);
    const feed = await store.feeds.create(randomBytes(8).toString('hex'), { ...input, ...probed });
    res.setHeader('Location', feedPath(feed.id));
    sendFeed(req, res, feed, 201);
  });

  router.get('/v1/feeds', reader, async (req, res) => {
    const query = parseParams(FeedListQuery, req.query, 'query');
    const page = await store.feeds.list(query);
    if (page.nextCursor !== undefined)
      res.setHeader('Link', `<${listUrl(req, page.nextCursor)}>; rel="next"`);
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      items: page.items.map(toFeedResource),
      total: page.total,
      ...(page.nextCursor !== undefined && { nextCursor: page.nextCursor }),
    });
  });

  router.get('/v1/feeds/:id', reader, async (req, res) => {
    const feed = await store.feeds.get(idParam(req));
    if (!feed) throw notFound(`no feed with id ${JSON.stringify(idParam(req).slice(0, 40))}`);
    sendFeed(req, res, feed);
  });

  router.put('/v1/feeds/:id', guard, ...body, async (req, res) => {
    const id = idParam(req);
    const input = parseParams(FeedRequest, req.body, 'body');
    const existing = await store.feeds.get(id);
    if (!existing) throw notFound(`no feed with id ${JSON.stringify(id.slice(0, 40))}`);
    const condition = await conditionOf(deps, id, ifMatchOf(req));
    // A new URL must be a feed too; the same one was checked when it was created.
    if (input.url !== existing.url) await feedService.probe(input.url);
    const feed = await store.feeds.replace(id, input, condition);
    if (!feed) throw notFound(`no feed with id ${JSON.stringify(id.slice(0, 40))}`);
    sendFeed(req, res, feed);
  });

  router.delete('/v1/feeds/:id', guard, async (req, res) => {
    const id = idParam(req);
    const condition = await conditionOf(deps, id, ifMatchOf(req));
    if (!(await store.feeds.delete(id, condition)))
      throw notFound(`no feed with id ${JSON.stringify(id.slice(0, 40))}`);
    res.status(204).end();
  });

  router.post('/v1/feeds/:id/refresh', guard, async (req, res) => {
    const id = idParam(req);
    const leased = await store.feeds.lease(id, FEED_LEASE_MS);
    if (!leased) {
      if (!(await store.feeds.get(id)))
        throw notFound(`no feed with id ${JSON.stringify(id.slice(0, 40))}`);
      throw new HttpProblem(409, `the feed "${id}" is being polled right now; try again shortly`, {
        headers: { 'Retry-After': '30' },
      });
    }
    const result = await feedService.poll(leased);
    const answer: FeedRefresh = {
      feed: toFeedResource(result.feed),
      status: result.status,
      new: result.new,
      updated: result.updated,
      unchanged: result.unchanged,
      warnings: result.warnings,
    };
    res.setHeader('Cache-Control', 'no-store');
    res.json(answer);
  });

  return router;
}
