import type { Pool } from 'pg';
import {
  ConflictError,
  type CuratedEdition,
  type CuratedEditionInput,
  type EditionStore,
  type RestoreCounts,
} from '../types.js';
import { rows, transaction } from './db.js';

interface EditionRow {
  id: string;
  title: string;
  date: string;
  language: string | null;
  description: string | null;
  slugs: string[];
  created_at: string;
  modified_at: string;
}

function toEdition(row: EditionRow): CuratedEdition {
  const edition: CuratedEdition = {
    id: row.id,
    title: row.title,
    date: row.date,
    slugs: row.slugs,
    createdAt: row.created_at,
    modifiedAt: row.modified_at,
  };
  if (row.language !== null) edition.language = row.language;
  if (row.description !== null) edition.description = row.description;
  return edition;
}

const COLUMNS = 'id, title, date, language, description, slugs, created_at, modified_at';

export function createPostgresEditionStore(pool: Pool, now: () => Date): EditionStore {
  return {
    async restore(editions) {
      const counts: RestoreCounts = { created: 0, updated: 0, unchanged: 0 };
      if (editions.length === 0) return counts;
      await transaction(pool, async (db) => {
        for (const e of editions) {
          // An identical edition is not rewritten: no row comes back.
          const written = await rows<{ created: boolean }>(
            db,
            `INSERT INTO curated_editions (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8)
             ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, date = EXCLUDED.date,
               language = EXCLUDED.language, description = EXCLUDED.description,
               slugs = EXCLUDED.slugs, created_at = EXCLUDED.created_at,
               modified_at = EXCLUDED.modified_at
             WHERE (curated_editions.title, curated_editions.date, curated_editions.language,
                    curated_editions.description, curated_editions.slugs,
                    curated_editions.created_at, curated_editions.modified_at)
               IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.date, EXCLUDED.language,
                    EXCLUDED.description, EXCLUDED.slugs, EXCLUDED.created_at, EXCLUDED.modified_at)
             RETURNING (xmax = 0) AS created`,
            [
              e.id,
              e.title,
              e.date,
              e.language ?? null,
              e.description ?? null,
              e.slugs,
              e.createdAt,
              e.modifiedAt,
            ],
          );
          const row = written[0];
          counts[row === undefined ? 'unchanged' : row.created ? 'created' : 'updated']++;
        }
      });
      return counts;
    },
    async create(id: string, input: CuratedEditionInput): Promise<CuratedEdition> {
      const stamp = now().toISOString();
      try {
        const [row] = await rows<EditionRow>(
          pool,
          `INSERT INTO curated_editions (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $7)
           RETURNING ${COLUMNS}`,
          [
            id,
            input.title,
            input.date,
            input.language ?? null,
            input.description ?? null,
            input.slugs,
            stamp,
          ],
        );
        if (!row) throw new Error('insert returned no row');
        return toEdition(row);
      } catch (err) {
        if ((err as { code?: unknown } | null)?.code === '23505')
          throw new ConflictError(`an edition with id "${id}" already exists`, 'id');
        throw err;
      }
    },
    async get(id) {
      const [row] = await rows<EditionRow>(
        pool,
        `SELECT ${COLUMNS} FROM curated_editions WHERE id = $1`,
        [id],
      );
      return row ? toEdition(row) : undefined;
    },
    async list() {
      return (
        await rows<EditionRow>(
          pool,
          `SELECT ${COLUMNS} FROM curated_editions ORDER BY date DESC, created_at DESC, id`,
        )
      ).map(toEdition);
    },
  };
}
