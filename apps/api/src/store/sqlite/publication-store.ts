import type { Database } from 'better-sqlite3';
import { candidateIds, pickIssueArticles, type ArrivalRow } from '../issue-articles.js';
import {
  MANUAL_SLOT_PREFIX,
  UnknownFeedError,
  type Publication,
  type PublicationInput,
  type PublicationIssue,
  type PublicationStore,
} from '../publication-types.js';
import {
  issueEditionInput,
  ISSUE_COLUMNS,
  sameCopiedPublication,
  toIssue,
  toIssueRow,
  toPublication,
  type IssueRow,
  type PublicationRow,
} from '../publication-row.js';
import { restoreEach, sameRow } from '../restore-each.js';
import type { RestoreCounts } from '../types.js';
import type { SqliteEditionStore } from './edition-store.js';
import { rowCopy } from './row-copy.js';

/** A publications row as SQLite holds it: formats and deliver as JSON text. */
type StoredRow = Omit<PublicationRow, 'feeds' | 'formats' | 'deliver'> & {
  formats: string;
  deliver: string | null;
};

export function createSqlitePublicationStore(
  db: Database,
  editions: SqliteEditionStore,
  now: () => Date,
): PublicationStore {
  const byId = db.prepare<[string], StoredRow>('SELECT * FROM publications WHERE id = ?');
  const all = db.prepare<[], StoredRow>('SELECT * FROM publications ORDER BY title, id');
  const feedsOf = db.prepare<[string], { feed_id: string }>(
    'SELECT feed_id FROM publication_feeds WHERE publication_id = ? ORDER BY position',
  );
  const feedExists = db.prepare<[string], { id: string }>('SELECT id FROM feeds WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO publications (id, title, schedule, time_zone, max_articles, formats, deliver, created_at, updated_at)
     VALUES (@id, @title, @schedule, @time_zone, @max_articles, @formats, @deliver, @stamp, @stamp)`,
  );
  const update = db.prepare(
    `UPDATE publications SET title = @title, schedule = @schedule, time_zone = @time_zone,
       max_articles = @max_articles, formats = @formats, deliver = @deliver, updated_at = @stamp,
       revision = revision + 1
     WHERE id = @id`,
  );
  const clearFeeds = db.prepare<[string]>('DELETE FROM publication_feeds WHERE publication_id = ?');
  const addFeed = db.prepare<[string, string, number]>(
    'INSERT INTO publication_feeds (publication_id, feed_id, position) VALUES (?, ?, ?)',
  );
  const remove = db.prepare<[string]>('DELETE FROM publications WHERE id = ?');
  const recentIssues = db.prepare<[string, number], IssueRow>(
    `SELECT * FROM publication_issues WHERE publication_id = ?
     ORDER BY created_at DESC, slot DESC LIMIT ?`,
  );
  const claim = db.prepare<[string, string, string, string]>(
    `INSERT INTO publication_issues (publication_id, slot, edition_id, article_count, cutoff, created_at)
     VALUES (?, ?, '', 0, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const release = db.prepare<[string, string]>(
    'DELETE FROM publication_issues WHERE publication_id = ? AND slot = ?',
  );
  // An id an issue or a mailing still names, its edition deleted since, is not free: reused,
  // the new issue would be taken for the old one, and its readers' mail for already sent.
  const namedElsewhere = db.prepare<[string, string], unknown>(
    `SELECT 1 FROM publication_issues WHERE edition_id = ?
     UNION ALL SELECT 1 FROM deliveries WHERE edition_id = ? LIMIT 1`,
  );
  const record = db.prepare<[string, number, string, string]>(
    'UPDATE publication_issues SET edition_id = ?, article_count = ? WHERE publication_id = ? AND slot = ?',
  );
  const issued = db.prepare<{ at: string; id: string }>(
    'UPDATE publications SET last_issue_at = @at, cutoff = @at WHERE id = @id',
  );
  const handled = db.prepare<[string, string]>(
    'UPDATE publications SET last_slot = ? WHERE id = ?',
  );
  // Every arrival, up to the issue's cutoff, of the items that arrived since the previous one:
  // earlier arrivals of the same item elsewhere are what make it count once.
  const arrivals = db.prepare<{ id: string; from: string | null; to: string }, ArrivalRow>(
    `SELECT fi.item_key, fi.article_slug, fi.first_seen_at
     FROM feed_items fi
     JOIN publication_feeds pf ON pf.feed_id = fi.feed_id AND pf.publication_id = @id
     JOIN articles a ON a.slug = fi.article_slug
     WHERE fi.first_seen_at <= @to AND fi.item_key IN (
       SELECT f2.item_key FROM feed_items f2
       JOIN publication_feeds p2 ON p2.feed_id = f2.feed_id AND p2.publication_id = @id
       WHERE (@from IS NULL OR f2.first_seen_at > @from) AND f2.first_seen_at <= @to)`,
  );

  const decode = (row: StoredRow): Publication =>
    toPublication({
      ...row,
      feeds: feedsOf.all(row.id).map((f) => f.feed_id),
      formats: JSON.parse(row.formats),
      deliver: row.deliver === null ? null : JSON.parse(row.deliver),
    });
  function read(id: string): Publication | undefined {
    const row = byId.get(id);
    return row && decode(row);
  }

  function setFeeds(id: string, feeds: readonly string[]): void {
    feeds.forEach((feed, index) => {
      if (!feedExists.get(feed)) throw new UnknownFeedError(`no feed with id "${feed}"`, index);
    });
    clearFeeds.run(id);
    // A feed named twice is kept once, at its first place.
    [...new Set(feeds)].forEach((feed, position) => addFeed.run(id, feed, position));
  }

  const columns = (id: string, input: PublicationInput) => ({
    id,
    title: input.title,
    schedule: input.schedule,
    time_zone: input.timeZone,
    max_articles: input.maxArticles,
    formats: JSON.stringify(input.formats),
    deliver: input.deliver ? JSON.stringify(input.deliver) : null,
    stamp: now().toISOString(),
  });

  const createTx = db.transaction((input: PublicationInput): Publication => {
    let id = '';
    for (id of candidateIds('', input.title)) if (!byId.get(id)) break;
    insert.run(columns(id, input));
    setFeeds(id, input.feeds);
    return read(id) as Publication;
  });
  const updateTx = db.transaction((id: string, input: PublicationInput) => {
    if (update.run(columns(id, input)).changes === 0) return undefined;
    setFeeds(id, input.feeds);
    return read(id);
  });
  const issueTx = db.transaction((publicationId: string, slot: string, at: Date) => {
    const publication = read(publicationId);
    if (!publication) return null;
    const scheduled = slot.startsWith(MANUAL_SLOT_PREFIX) ? null : slot;
    if (scheduled !== null && publication.lastSlot !== undefined && publication.lastSlot >= slot)
      return null;
    const cutoff = at.toISOString();
    if (claim.run(publicationId, slot, cutoff, cutoff).changes === 0) return null;
    const slugs = pickIssueArticles(
      arrivals.all({ id: publicationId, from: publication.cutoff ?? null, to: cutoff }),
      publication.cutoff,
      publication.maxArticles,
    );
    if (scheduled !== null) handled.run(scheduled, publicationId);
    if (slugs.length === 0) {
      release.run(publicationId, slot);
      return null;
    }
    const input = issueEditionInput(publication, slot, at, slugs);
    let editionId = '';
    for (editionId of candidateIds(`${input.date}-`, publication.title))
      if (!editions.exists(editionId) && !namedElsewhere.get(editionId, editionId)) break;
    const edition = editions.createNow(editionId, input);
    record.run(edition.id, slugs.length, publicationId, slot);
    issued.run({ at: cutoff, id: publicationId });
    const issue: PublicationIssue = {
      publicationId,
      slot,
      editionId: edition.id,
      articleCount: slugs.length,
      cutoff,
      createdAt: cutoff,
    };
    return { issue, edition };
  });

  const insertCopy = db.prepare(
    `INSERT INTO publications (id, title, schedule, time_zone, max_articles, formats, deliver,
       created_at, updated_at, revision, last_issue_at, cutoff, last_slot)
     VALUES (@id, @title, @schedule, @time_zone, @max_articles, @formats, @deliver, @created_at,
       @updated_at, @revision, @last_issue_at, @cutoff, @last_slot)`,
  );
  const replaceCopy = db.prepare(
    `UPDATE publications SET title = @title, schedule = @schedule, time_zone = @time_zone,
       max_articles = @max_articles, formats = @formats, deliver = @deliver,
       created_at = @created_at, updated_at = @updated_at, revision = @revision,
       last_issue_at = @last_issue_at, cutoff = @cutoff, last_slot = @last_slot
     WHERE id = @id`,
  );
  const copyRow = (p: Publication) => ({
    id: p.id,
    title: p.title,
    schedule: p.schedule,
    time_zone: p.timeZone,
    max_articles: p.maxArticles,
    formats: JSON.stringify(p.formats),
    deliver: p.deliver ? JSON.stringify(p.deliver) : null,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
    revision: p.revision,
    last_issue_at: p.lastIssueAt ?? null,
    cutoff: p.cutoff ?? null,
    last_slot: p.lastSlot ?? null,
  });
  const restoreTx = db.transaction((publications: readonly Publication[]): RestoreCounts =>
    restoreEach(publications, {
      existing: (p) => read(p.id),
      same: sameCopiedPublication,
      write: (p, existing) => {
        if (existing) replaceCopy.run({ ...copyRow(p), revision: existing.revision + 1 });
        else insertCopy.run(copyRow(p));
        setFeeds(p.id, p.feeds);
      },
    }),
  );
  const allIssues = db.prepare<[string], IssueRow>(
    'SELECT * FROM publication_issues WHERE publication_id = ? ORDER BY created_at, slot',
  );
  const issueCopy = rowCopy<IssueRow>(
    db,
    'publication_issues',
    ['publication_id', 'slot'],
    ISSUE_COLUMNS,
  );
  const restoreIssuesTx = db.transaction((issues: readonly PublicationIssue[]): RestoreCounts =>
    restoreEach(issues.map(toIssueRow), { ...issueCopy, same: sameRow }),
  );

  return {
    restore: (publications) => Promise.resolve().then(() => restoreTx(publications)),
    issueRecords: (id) => Promise.resolve().then(() => allIssues.all(id).map(toIssue)),
    restoreIssues: (issues) => Promise.resolve().then(() => restoreIssuesTx(issues)),
    create: (input) => Promise.resolve().then(() => createTx(input)),
    get: (id) => Promise.resolve().then(() => read(id)),
    list: () => Promise.resolve().then(() => all.all().map(decode)),
    update: (id, input) => Promise.resolve().then(() => updateTx(id, input)),
    delete: (id) => Promise.resolve().then(() => remove.run(id).changes > 0),
    issues: (id, limit) => Promise.resolve().then(() => recentIssues.all(id, limit).map(toIssue)),
    makeIssue: (id, slot, at) => Promise.resolve().then(() => issueTx.immediate(id, slot, at)),
  };
}
