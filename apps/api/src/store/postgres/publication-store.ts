import type { Pool } from 'pg';
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
import { restoreEachAsync, sameRow } from '../restore-each.js';
import { rows, transaction, type Queryable } from './db.js';
import { insertEdition } from './edition-store.js';
import { rowCopy } from './row-copy.js';

// The feed ids ride along as an array in their stored order.
const SELECT = `SELECT p.*, coalesce((SELECT array_agg(pf.feed_id ORDER BY pf.position)
    FROM publication_feeds pf WHERE pf.publication_id = p.id), '{}') AS feeds
  FROM publications p`;

async function read(db: Queryable, id: string, lock = false): Promise<Publication | undefined> {
  const [row] = await rows<PublicationRow>(
    db,
    `${SELECT} WHERE p.id = $1${lock ? ' FOR UPDATE OF p' : ''}`,
    [id],
  );
  return row && toPublication(row);
}

async function exists(db: Queryable, sql: string, id: string): Promise<boolean> {
  return (await rows(db, sql, [id])).length > 0;
}

async function setFeeds(db: Queryable, id: string, feeds: readonly string[]): Promise<void> {
  const known = new Set(
    (
      await rows<{ id: string }>(db, 'SELECT id FROM feeds WHERE id = ANY($1::text[])', [feeds])
    ).map((r) => r.id),
  );
  const missing = feeds.findIndex((feed) => !known.has(feed));
  if (missing >= 0) throw new UnknownFeedError(`no feed with id "${feeds[missing]}"`, missing);
  await rows(db, 'DELETE FROM publication_feeds WHERE publication_id = $1', [id]);
  // A feed named twice is kept once, at its first place.
  await rows(
    db,
    `INSERT INTO publication_feeds (publication_id, feed_id, position)
     SELECT $1, feed, position - 1 FROM unnest($2::text[]) WITH ORDINALITY AS f (feed, position)`,
    [id, [...new Set(feeds)]],
  );
}

const columns = (id: string, input: PublicationInput, stamp: string) => [
  id,
  input.title,
  input.schedule,
  input.timeZone,
  input.maxArticles,
  input.formats,
  input.deliver ? JSON.stringify(input.deliver) : null,
  stamp,
];

/** A publication copied from another store, as its row's columns ($1 the id). */
const copiedColumns = (p: Publication, revision: number) => [
  p.id,
  p.title,
  p.schedule,
  p.timeZone,
  p.maxArticles,
  p.formats,
  p.deliver ? JSON.stringify(p.deliver) : null,
  p.createdAt,
  p.updatedAt,
  revision,
  p.lastIssueAt ?? null,
  p.cutoff ?? null,
  p.lastSlot ?? null,
];

export function createPostgresPublicationStore(pool: Pool, now: () => Date): PublicationStore {
  return {
    restore(publications) {
      return transaction(pool, (db) =>
        restoreEachAsync(publications, {
          existing: (p) => read(db, p.id, true),
          same: sameCopiedPublication,
          async write(p, existing) {
            if (!existing)
              await rows(
                db,
                `INSERT INTO publications (id, title, schedule, time_zone, max_articles, formats,
                   deliver, created_at, updated_at, revision, last_issue_at, cutoff, last_slot)
                 VALUES ($1, $2, $3, $4, $5, $6::text[], $7::jsonb, $8, $9, $10, $11, $12, $13)`,
                copiedColumns(p, p.revision),
              );
            else
              await rows(
                db,
                `UPDATE publications SET title = $2, schedule = $3, time_zone = $4,
                   max_articles = $5, formats = $6::text[], deliver = $7::jsonb, created_at = $8,
                   updated_at = $9, revision = $10, last_issue_at = $11, cutoff = $12,
                   last_slot = $13
                 WHERE id = $1`,
                copiedColumns(p, existing.revision + 1),
              );
            await setFeeds(db, p.id, p.feeds);
          },
        }),
      );
    },
    issueRecords: async (id) =>
      (
        await rows<IssueRow>(
          pool,
          'SELECT * FROM publication_issues WHERE publication_id = $1 ORDER BY created_at, slot',
          [id],
        )
      ).map(toIssue),
    restoreIssues(issues) {
      return transaction(pool, (db) =>
        restoreEachAsync(issues.map(toIssueRow), {
          ...rowCopy<IssueRow>(db, 'publication_issues', ['publication_id', 'slot'], ISSUE_COLUMNS),
          same: sameRow,
        }),
      );
    },
    create: (input) =>
      transaction(pool, async (db) => {
        // Two creations of one title at once: the loser's insert waits, then finds the id taken.
        await rows(db, 'LOCK TABLE publications IN SHARE ROW EXCLUSIVE MODE');
        let id = '';
        for (id of candidateIds('', input.title))
          if (!(await exists(db, 'SELECT 1 FROM publications WHERE id = $1', id))) break;
        await rows(
          db,
          `INSERT INTO publications (id, title, schedule, time_zone, max_articles, formats, deliver, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6::text[], $7::jsonb, $8, $8)`,
          columns(id, input, now().toISOString()),
        );
        await setFeeds(db, id, input.feeds);
        return (await read(db, id)) as Publication;
      }),
    get: (id) => read(pool, id),
    list: async () =>
      (await rows<PublicationRow>(pool, `${SELECT} ORDER BY p.title, p.id`)).map(toPublication),
    update: (id, input) =>
      transaction(pool, async (db) => {
        const updated = await rows(
          db,
          `UPDATE publications SET title = $2, schedule = $3, time_zone = $4, max_articles = $5,
             formats = $6::text[], deliver = $7::jsonb, updated_at = $8, revision = revision + 1
           WHERE id = $1 RETURNING 1`,
          columns(id, input, now().toISOString()),
        );
        if (updated.length === 0) return undefined;
        await setFeeds(db, id, input.feeds);
        return read(db, id);
      }),
    delete: async (id) =>
      (await rows(pool, 'DELETE FROM publications WHERE id = $1 RETURNING 1', [id])).length > 0,
    issues: async (id, limit) =>
      (
        await rows<IssueRow>(
          pool,
          `SELECT * FROM publication_issues WHERE publication_id = $1
           ORDER BY created_at DESC, slot DESC LIMIT $2`,
          [id, limit],
        )
      ).map(toIssue),
    makeIssue: (publicationId, slot, at) =>
      transaction(pool, async (db) => {
        // The publication's row lock queues every replica's attempt on this publication; the
        // slot row's primary key is what makes one issue per slot even so.
        const publication = await read(db, publicationId, true);
        if (!publication) return null;
        const scheduled = slot.startsWith(MANUAL_SLOT_PREFIX) ? null : slot;
        if (
          scheduled !== null &&
          publication.lastSlot !== undefined &&
          publication.lastSlot >= slot
        )
          return null;
        const cutoff = at.toISOString();
        const claimed = await rows(
          db,
          `INSERT INTO publication_issues (publication_id, slot, edition_id, article_count, cutoff, created_at)
           VALUES ($1, $2, '', 0, $3, $3) ON CONFLICT DO NOTHING RETURNING 1`,
          [publicationId, slot, cutoff],
        );
        if (claimed.length === 0) return null;
        const arrivals = await rows<ArrivalRow>(
          db,
          // Every arrival, up to the issue's cutoff, of the items that arrived since the
          // previous one: earlier arrivals of the same item elsewhere make it count once.
          `SELECT fi.item_key, fi.article_slug, fi.first_seen_at
           FROM feed_items fi
           JOIN publication_feeds pf ON pf.feed_id = fi.feed_id AND pf.publication_id = $1
           JOIN articles a ON a.slug = fi.article_slug
           WHERE fi.first_seen_at <= $3 AND fi.item_key IN (
             SELECT f2.item_key FROM feed_items f2
             JOIN publication_feeds p2 ON p2.feed_id = f2.feed_id AND p2.publication_id = $1
             WHERE ($2::text IS NULL OR f2.first_seen_at > $2::text) AND f2.first_seen_at <= $3)`,
          [publicationId, publication.cutoff ?? null, cutoff],
        );
        const slugs = pickIssueArticles(arrivals, publication.cutoff, publication.maxArticles);
        if (scheduled !== null)
          await rows(db, 'UPDATE publications SET last_slot = $2 WHERE id = $1', [
            publicationId,
            scheduled,
          ]);
        if (slugs.length === 0) {
          await rows(db, 'DELETE FROM publication_issues WHERE publication_id = $1 AND slot = $2', [
            publicationId,
            slot,
          ]);
          return null;
        }
        const input = issueEditionInput(publication, slot, at, slugs);
        let editionId = '';
        for (editionId of candidateIds(`${input.date}-`, publication.title))
          // An id an issue or a mailing still names, its edition deleted since, is not free:
          // reused, the new issue would be taken for the old one, and its mail for already sent.
          if (
            !(await exists(
              db,
              `SELECT 1 FROM curated_editions WHERE id = $1
               UNION ALL SELECT 1 FROM publication_issues WHERE edition_id = $1
               UNION ALL SELECT 1 FROM deliveries WHERE edition_id = $1 LIMIT 1`,
              editionId,
            ))
          )
            break;
        const edition = await insertEdition(db, editionId, input, cutoff);
        await rows(
          db,
          `UPDATE publication_issues SET edition_id = $3, article_count = $4
           WHERE publication_id = $1 AND slot = $2`,
          [publicationId, slot, edition.id, slugs.length],
        );
        await rows(db, 'UPDATE publications SET last_issue_at = $2, cutoff = $2 WHERE id = $1', [
          publicationId,
          cutoff,
        ]);
        const issue: PublicationIssue = {
          publicationId,
          slot,
          editionId: edition.id,
          articleCount: slugs.length,
          cutoff,
          createdAt: cutoff,
        };
        return { issue, edition };
      }),
  };
}
