import { Router, type Request } from 'express';
import type { RouterDeps } from '../deps.js';
import { curatedEdition, editionJson } from '../editions/resolve.js';
import { parseBody } from '../http/body.js';
import {
  editionDownloadPath,
  editionPath,
  publicationIssuesPath,
  publicationPath,
} from '../http/links.js';
import { HttpProblem, notFound, type ProblemFieldError } from '../http/problem.js';
import { parseParams } from '../http/validate.js';
import { paths } from '../reader/urls.js';
import {
  MANUAL_SLOT_PREFIX,
  UnknownFeedError,
  type Publication,
  type PublicationInput,
  type PublicationIssue,
} from '../store/publication-types.js';
import { publishIssue } from './publish.js';
import {
  EmailAddress,
  PublicationRequest,
  type IssueSummary,
  type PublicationResource,
} from './schemas.js';
import { nextSlot, scheduleOf } from './slots.js';

/** Issues shown in a publication's resource. */
const RECENT_ISSUES = 10;

const unprocessable = (errors: ProblemFieldError[]) =>
  new HttpProblem(
    422,
    errors
      .slice(0, 3)
      .map((e) => `${e.path}: ${e.message}`)
      .join('; '),
    { errors },
  );

function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** What the shape cannot say: the time zone is real, the schedule fires, the addresses are. */
function checkPublication(body: PublicationRequest, now: Date): PublicationInput {
  const errors: ProblemFieldError[] = [];
  if (!isTimeZone(body.timeZone))
    errors.push({ path: 'timeZone', message: `"${body.timeZone}" is not an IANA time zone` });
  else {
    try {
      if (scheduleOf(body.schedule, body.timeZone).nextRun(now) === null)
        errors.push({ path: 'schedule', message: `"${body.schedule}" never fires` });
    } catch (err) {
      const reason = err instanceof Error ? err.message.replace(/^\w+: /, '') : String(err);
      errors.push({ path: 'schedule', message: `not a cron expression: ${reason}` });
    }
  }
  body.deliver?.email.forEach((address, i) => {
    if (!EmailAddress.safeParse(address).success)
      errors.push({
        path: `deliver.email.${i}`,
        message: `deliver.email[${i}] "${address.slice(0, 100)}" is not an email address`,
      });
  });
  if (errors.length > 0) throw unprocessable(errors);
  return {
    title: body.title,
    feeds: body.feeds,
    schedule: body.schedule,
    timeZone: body.timeZone,
    maxArticles: body.maxArticles,
    formats: body.formats,
    ...(body.deliver && { deliver: body.deliver }),
  };
}

/** The store refused a feed id: 422 naming its place in `feeds`. */
async function withKnownFeeds<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof UnknownFeedError)
      throw unprocessable([{ path: `feeds.${err.index}`, message: err.message }]);
    throw err;
  }
}

export function issueSummary(issue: PublicationIssue): IssueSummary {
  return {
    slot: issue.slot,
    editionId: issue.editionId,
    articleCount: issue.articleCount,
    createdAt: issue.createdAt,
    links: {
      edition: editionPath(issue.editionId),
      epub: editionDownloadPath(issue.editionId, 'epub'),
      pdf: editionDownloadPath(issue.editionId, 'pdf'),
    },
  };
}

function resource(
  p: Publication,
  now: Date,
  issues: readonly PublicationIssue[],
  detail?: { deliveries?: readonly unknown[] },
): PublicationResource {
  let next: Date | null = null;
  try {
    next = nextSlot(p, now);
  } catch {
    // Stored before a croner upgrade that no longer reads it: shown as never firing.
  }
  const last = issues[0];
  return {
    id: p.id,
    title: p.title,
    feeds: p.feeds,
    schedule: p.schedule,
    timeZone: p.timeZone,
    maxArticles: p.maxArticles,
    formats: p.formats,
    ...(p.deliver && { deliver: p.deliver }),
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    nextIssueAt: next?.toISOString() ?? null,
    lastIssue: last ? issueSummary(last) : null,
    ...(detail && { issues: issues.map(issueSummary) }),
    ...(detail?.deliveries && { deliveries: [...detail.deliveries] }),
    links: {
      self: publicationPath(p.id),
      issues: publicationIssuesPath(p.id),
      opds: paths.opdsPublication(p.id),
      atom: paths.publicationAtom(p.id),
      reader: paths.publication(p.id),
    },
  };
}

export function createPublicationsRouter(deps: RouterDeps): Router {
  const router = Router();
  const { store } = deps;
  const now = deps.now ?? (() => new Date());
  const auth = deps.requireScope('feeds:write');
  // The resource names its recipients and their deliveries: personal data, for the operator only.
  // Its issues are public, as in OPDS, Atom and on the reader site.
  const reader = deps.requireScopeToRead('feeds:write');
  const json = parseBody(deps.bodyLimitBytes, { json: true });

  const idOf = (req: Request) => String(req.params.id);
  const found = async (req: Request): Promise<Publication> => {
    const id = idOf(req);
    const p = await store.publications.get(id);
    if (!p) throw notFound(`no publication "${id.slice(0, 120)}"`);
    return p;
  };
  const detailed = async (p: Publication) =>
    resource(p, now(), await store.publications.issues(p.id, RECENT_ISSUES), {
      deliveries: deps.deliveryStatus ? await deps.deliveryStatus(p.id) : [],
    });

  router.get('/v1/publications', reader, async (_req, res) => {
    const all = await store.publications.list();
    const at = now();
    const items = await Promise.all(
      all.map(async (p) => resource(p, at, await store.publications.issues(p.id, 1))),
    );
    res.json({ items, total: items.length });
  });

  router.post('/v1/publications', auth, ...json, async (req, res) => {
    const input = checkPublication(parseParams(PublicationRequest, req.body, 'body'), now());
    const created = await withKnownFeeds(() => store.publications.create(input));
    res.setHeader('Location', publicationPath(created.id));
    res.status(201).json(await detailed(created));
  });

  router.get('/v1/publications/:id', reader, async (req, res) => {
    res.json(await detailed(await found(req)));
  });

  router.put('/v1/publications/:id', auth, ...json, async (req, res) => {
    const input = checkPublication(parseParams(PublicationRequest, req.body, 'body'), now());
    const id = idOf(req);
    const updated = await withKnownFeeds(() => store.publications.update(id, input));
    if (!updated) throw notFound(`no publication "${id.slice(0, 120)}"`);
    res.json(await detailed(updated));
  });

  router.delete('/v1/publications/:id', auth, async (req, res) => {
    const id = idOf(req);
    if (!(await store.publications.delete(id)))
      throw notFound(`no publication "${id.slice(0, 120)}"`);
    res.status(204).end();
  });

  router.get('/v1/publications/:id/issues', async (req, res) => {
    const p = await found(req);
    const issues = await store.publications.issues(p.id, 100);
    res.json({ items: issues.map(issueSummary) });
  });

  // An issue now, outside the schedule: what arrived since the last issue, or 422.
  router.post('/v1/publications/:id/issues', auth, async (req, res) => {
    const p = await found(req);
    const at = now();
    const made = await publishIssue(deps, p.id, `${MANUAL_SLOT_PREFIX}${at.toISOString()}`, at);
    if (!made) {
      throw new HttpProblem(
        422,
        p.cutoff === undefined
          ? `nothing has arrived in the feeds of "${p.id}" yet: no issue made`
          : `nothing has arrived in the feeds of "${p.id}" since the last issue (${p.cutoff}): no issue made`,
      );
    }
    const resolved = await curatedEdition(store, made.edition.id);
    if (!resolved) throw notFound(`edition "${made.edition.id}" vanished as it was made`);
    res.setHeader('Location', editionPath(made.edition.id));
    res.status(201).type('application/json').send(editionJson(resolved));
  });

  return router;
}
