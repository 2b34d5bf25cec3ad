import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import {
  MANUAL_SLOT_PREFIX,
  type Publication,
  type PublicationIssue,
} from './publication-types.js';
import type { CuratedEditionInput } from './types.js';

/** A publications row with its feed ids; formats and deliver already decoded from JSON. */
export interface PublicationRow {
  id: string;
  title: string;
  feeds: string[];
  schedule: string;
  time_zone: string;
  max_articles: number;
  formats: unknown;
  deliver: unknown;
  created_at: string;
  updated_at: string;
  revision: number;
  last_issue_at: string | null;
  cutoff: string | null;
  last_slot: string | null;
}

export interface IssueRow {
  publication_id: string;
  slot: string;
  edition_id: string;
  article_count: number;
  cutoff: string;
  created_at: string;
}

const StoredFormats = z.array(z.enum(['epub', 'pdf']));
const StoredDeliver = z.object({ email: z.array(z.string()) }).nullable();

export function toPublication(row: PublicationRow): Publication {
  const deliver = StoredDeliver.parse(row.deliver);
  return {
    id: row.id,
    title: row.title,
    feeds: row.feeds,
    schedule: row.schedule,
    timeZone: row.time_zone,
    maxArticles: row.max_articles,
    formats: StoredFormats.parse(row.formats),
    ...(deliver && { deliver }),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    revision: row.revision,
    ...(row.last_issue_at !== null && { lastIssueAt: row.last_issue_at }),
    ...(row.cutoff !== null && { cutoff: row.cutoff }),
    ...(row.last_slot !== null && { lastSlot: row.last_slot }),
  };
}

export function toIssue(row: IssueRow): PublicationIssue {
  return {
    publicationId: row.publication_id,
    slot: row.slot,
    editionId: row.edition_id,
    articleCount: row.article_count,
    cutoff: row.cutoff,
    createdAt: row.created_at,
  };
}

export function toIssueRow(issue: PublicationIssue): IssueRow {
  return {
    publication_id: issue.publicationId,
    slot: issue.slot,
    edition_id: issue.editionId,
    article_count: issue.articleCount,
    cutoff: issue.cutoff,
    created_at: issue.createdAt,
  };
}

/** Whether a copied publication says what the stored one says (its revision aside). */
export const sameCopiedPublication = (stored: Publication, copied: Publication): boolean =>
  isDeepStrictEqual({ ...stored, revision: 0 }, { ...copied, revision: 0 });

/** Every column of a publication_issues row; the first two are its key. */
export const ISSUE_COLUMNS = [
  'publication_id',
  'slot',
  'edition_id',
  'article_count',
  'cutoff',
  'created_at',
] as const satisfies readonly (keyof IssueRow)[];

/** The calendar day (YYYY-MM-DD) of an instant in an IANA time zone. */
export function localDate(at: Date, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/**
 * The curated edition an issue is: the publication's title, dated the slot's day where the
 * publication is read (a manual issue: the day it was made), its articles newest first.
 */
export function issueEditionInput(
  publication: Publication,
  slot: string,
  at: Date,
  slugs: string[],
): CuratedEditionInput {
  const when = slot.startsWith(MANUAL_SLOT_PREFIX) ? at : new Date(slot);
  return { title: publication.title, date: localDate(when, publication.timeZone), slugs };
}
