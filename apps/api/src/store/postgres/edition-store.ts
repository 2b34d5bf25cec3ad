import type { Pool } from 'pg';
import {
  ConflictError,
  type CuratedEdition,
  type CuratedEditionInput,
  type EditionStore,
} from '../types.js';
import { rows } from './db.js';

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
