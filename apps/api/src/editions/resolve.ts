import { IsoDate, type Article, type Edition, type EditionSection } from '@broadsheet/model';
import type { Store, StoredArticle } from '../store/types.js';
import { canonicalSha256, jsonWithKnownParts, rememberCanonical } from '../util/canonical-json.js';
import { DAILY_ID } from './schemas.js';

/** An edition assembled from stored articles, with what HTTP caching needs. */
export interface ResolvedEdition {
  edition: Edition;
  kind: 'daily' | 'curated';
  /** SHA-256 of the edition's canonical JSON. */
  contentHash: string;
  /** Latest write among the edition and its articles. */
  modifiedAt: string;
  /** The stored articles the edition holds, in order. */
  stored: readonly StoredArticle[];
}

const DEFAULT_SECTION = 'News';

/** Consecutive articles of the same section share a section, so the given order is kept exactly. */
export function sectionsInOrder(articles: readonly Article[]): EditionSection[] {
  const sections: EditionSection[] = [];
  for (const article of articles) {
    const title = article.section ?? DEFAULT_SECTION;
    const last = sections.at(-1);
    if (last?.title === title) last.articles.push(article);
    else sections.push({ title, articles: [article] });
  }
  return sections;
}

function commonLanguage(articles: readonly Article[]): string {
  const counts = new Map<string, number>();
  for (const a of articles) counts.set(a.language, (counts.get(a.language) ?? 0) + 1);
  let best = 'en';
  let bestCount = 0;
  for (const [language, count] of counts) {
    if (count > bestCount) [best, bestCount] = [language, count];
  }
  return best;
}

function latest(stamps: readonly string[]): string {
  return stamps.reduce((a, b) => (b > a ? b : a), '1970-01-01T00:00:00.000Z');
}

/** Edition content hashes by what determines them; bounded, cleared when full. */
const knownHashes = new Map<string, string>();
const KNOWN_HASHES_MAX = 2_000;

/**
 * SHA-256 of the edition's canonical JSON. Serialising 50 articles' canonical JSON held the
 * event loop for ~10 ms on every edition request: each article's canonical text is kept with
 * the (immutable) stored article, and, as everything in the edition is derived from its own
 * fields and its articles in order, the hash is remembered by those fields and the articles'
 * stored content hashes.
 */
function editionHash(edition: Edition, stored: readonly StoredArticle[]): string {
  const identity = JSON.stringify([
    { ...edition, sections: undefined },
    stored.map((s) => s.contentHash),
  ]);
  let hash = knownHashes.get(identity);
  if (hash === undefined) {
    // Stored articles are never modified once handed out; their canonical text is reused.
    for (const s of stored) rememberCanonical(s.article);
    hash = canonicalSha256(edition);
    if (knownHashes.size >= KNOWN_HASHES_MAX) knownHashes.clear();
    knownHashes.set(identity, hash);
  }
  return hash;
}

function finish(
  edition: Edition,
  kind: 'daily' | 'curated',
  stored: readonly StoredArticle[],
  ownStamp?: string,
): ResolvedEdition {
  const stamps = stored.map((s) => s.modifiedAt);
  if (ownStamp) stamps.push(ownStamp);
  return {
    edition,
    kind,
    contentHash: editionHash(edition, stored),
    modifiedAt: latest(stamps),
    stored,
  };
}

/**
 * `JSON.stringify(resolved.edition)`, with each article's stored JSON text put in as it is
 * rather than serialised again (the articles are the parsed values of that text).
 */
export function editionJson(resolved: ResolvedEdition): string {
  const known = new Map<object, string>();
  for (const s of resolved.stored) if (s.json !== undefined) known.set(s.article, s.json);
  return jsonWithKnownParts(resolved.edition, known);
}

/** The publisher shared by every article, if they all agree. */
function sharedPublisher(articles: readonly Article[]): Article['publisher'] {
  const first = articles[0]?.publisher;
  if (!first) return undefined;
  return articles.every((a) => a.publisher?.name === first.name) ? first : undefined;
}

export async function dailyEdition(
  store: Store,
  date: string,
): Promise<ResolvedEdition | undefined> {
  if (!IsoDate.safeParse(date).success) return undefined;
  const stored = await store.articles.publishedOn(date);
  if (stored.length === 0) return undefined;
  const articles = stored.map((s) => s.article);
  const edition: Edition = {
    id: date,
    title: `Daily edition, ${date}`,
    date,
    language: commonLanguage(articles),
    description: `${articles.length} article${articles.length === 1 ? '' : 's'} published on ${date}.`,
    sections: sectionsInOrder(articles),
  };
  const publisher = sharedPublisher(articles);
  if (publisher) edition.publisher = publisher;
  return finish(edition, 'daily', stored);
}

export async function latestDailyEdition(store: Store): Promise<ResolvedEdition | undefined> {
  const [newest] = await store.articles.days();
  return newest ? dailyEdition(store, newest.date) : undefined;
}

export async function curatedEdition(
  store: Store,
  id: string,
): Promise<ResolvedEdition | undefined> {
  const curated = await store.editions.get(id);
  if (!curated) return undefined;
  // Articles deleted since the edition was curated are left out; an edition with none left is gone.
  const stored = await store.articles.getMany(curated.slugs);
  if (stored.length === 0) return undefined;
  const articles = stored.map((s) => s.article);
  const edition: Edition = {
    id: curated.id,
    title: curated.title,
    date: curated.date,
    language: curated.language ?? commonLanguage(articles),
    sections: sectionsInOrder(articles),
  };
  if (curated.description !== undefined) edition.description = curated.description;
  const publisher = sharedPublisher(articles);
  if (publisher) edition.publisher = publisher;
  return finish(edition, 'curated', stored, curated.modifiedAt);
}

/** `latest`, a date (daily edition) or a curated edition id. */
export async function resolveEdition(
  store: Store,
  id: string,
): Promise<ResolvedEdition | undefined> {
  if (id.length > 200) return undefined;
  if (id === 'latest') return latestDailyEdition(store);
  if (DAILY_ID.test(id)) return dailyEdition(store, id);
  return curatedEdition(store, id);
}
