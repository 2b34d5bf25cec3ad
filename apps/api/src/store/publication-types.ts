import type { CuratedEdition, RestoreCounts } from './types.js';

/** The formats an issue is rendered ahead in (and attached to mail in, for EPUB). */
export type IssueFormat = 'epub' | 'pdf';

/** What a client writes: a scheduled edition made of the articles its feeds bring. */
export interface PublicationInput {
  title: string;
  /** Feed ids, in the order given. */
  feeds: string[];
  /** A cron expression (5 fields, or 6 with seconds) read in `timeZone`. */
  schedule: string;
  /** IANA time zone, e.g. Europe/London. */
  timeZone: string;
  maxArticles: number;
  formats: IssueFormat[];
  deliver?: { email: string[] };
}

export interface Publication extends PublicationInput {
  id: string;
  createdAt: string;
  updatedAt: string;
  /** 1 when created, one more on every replacement. */
  revision: number;
  /** When the last issue was made (ISO 8601, UTC). */
  lastIssueAt?: string;
  /** Arrival time (feed_items.first_seen_at) up to which the last issue took articles. */
  cutoff?: string;
  /** The latest scheduled slot handled: issued, or found with nothing new. */
  lastSlot?: string;
}

export interface PublicationIssue {
  publicationId: string;
  /** ISO slot time (UTC), or `manual:<iso>` for an issue made on request. */
  slot: string;
  editionId: string;
  articleCount: number;
  cutoff: string;
  createdAt: string;
}

/** A feed id given to a publication is not a stored feed: `index` is its place in `feeds`. */
export class UnknownFeedError extends Error {
  override readonly name = 'UnknownFeedError';
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
  }
}

/** The prefix of a slot made on request rather than by the schedule. */
export const MANUAL_SLOT_PREFIX = 'manual:';

export interface PublicationStore {
  /**
   * Stores a new publication under an id made from its title (`morning-brief`, then
   * `morning-brief-2`, ...). Throws UnknownFeedError when a feed id is not stored.
   */
  create(input: PublicationInput): Promise<Publication>;
  get(id: string): Promise<Publication | undefined>;
  /** By title, then id. */
  list(): Promise<Publication[]>;
  /** Replaces an existing publication (its issues and cutoff stay); undefined when absent. */
  update(id: string, input: PublicationInput): Promise<Publication | undefined>;
  /** Deletes the publication and its issue records (their editions stay); false when absent. */
  delete(id: string): Promise<boolean>;
  /** The publication's issues, newest first. */
  issues(publicationId: string, limit: number): Promise<PublicationIssue[]>;
  /**
   * Stores publications copied from another store, feed lists, stamps and schedule state
   * (cutoff, last slot) as given; their feeds must be stored first. An absent id is created, one
   * that differs is replaced (its revision moves on, so ETags read before the copy go stale), an
   * identical one is left alone. One transaction; UnknownFeedError when a feed is not stored.
   */
  restore(publications: readonly Publication[]): Promise<RestoreCounts>;
  /** Every issue of the publication, oldest first (copy-to-postgres reads them). */
  issueRecords(publicationId: string): Promise<PublicationIssue[]>;
  /**
   * Stores issue records copied from another store, as given, by publication and slot (so a
   * copied slot is not issued again): absent created, different replaced, identical left
   * alone. One transaction.
   */
  restoreIssues(issues: readonly PublicationIssue[]): Promise<RestoreCounts>;
  /**
   * Makes the issue of `slot`, in one transaction: claims the slot (its row's primary key lets
   * one writer only, across replicas), takes the articles whose items arrived in the
   * publication's feeds after the previous issue's cutoff and up to `now` (an item in several
   * feeds counts once, at its first arrival), newest first up to maxArticles, stores them as a
   * curated edition and records the issue. Null, with no claim left behind, when the slot is
   * taken or already handled, the publication is gone, or nothing new arrived; a scheduled
   * slot found empty is remembered as handled (lastSlot).
   */
  makeIssue(
    publicationId: string,
    slot: string,
    now: Date,
  ): Promise<{ issue: PublicationIssue; edition: CuratedEdition } | null>;
}
