/**
 * What an article shows around its own text, computed once: its language and direction, the
 * date line, the byline, the dateline and the reading time, with the labels to print. EPUB,
 * PDF, the reader pages and the feeds all render from this, so one article reads the same in
 * every format.
 */
import type { Article, Author, Edition } from '@broadsheet/model';
import { readingTime } from '@broadsheet/model';
import { formatDate, type DisplayDate } from './dates.js';
import { directionOf } from './direction.js';
import { labelsFor, type Labels } from './labels.js';

export interface ArticleDisplay {
  lang: string;
  dir: 'ltr' | 'rtl';
  labels: Labels;
  published?: DisplayDate;
  /** Only when it differs from the publication date. */
  updated?: DisplayDate;
  /** "Published November 28, 2026 at 11:30 PM GMT-5 · Updated …", labels included. */
  dateLine?: string;
  /** What a listing shows: the publication date, else the update (scraped pages often only have that). */
  listingDate?: DisplayDate;
  /** "By Jane Doe (editor) and Omar Khan", in the article's language. */
  byline?: string;
  /** "PARIS (Reuters)". */
  dateline?: string;
  readingTime: { minutes: number; text: string };
}

/** An author as the byline names them: the name, then a role other than author and the affiliation. */
export function authorDisplayName(author: Author): string {
  const extra = authorDetails(author);
  return extra ? `${author.name} (${extra})` : author.name;
}

/** "editor, Reuters" for an editor from Reuters; empty for a plain author. */
export function authorDetails(author: Author): string {
  return [author.role !== 'author' ? author.role : '', author.affiliation ?? '']
    .filter(Boolean)
    .join(', ');
}

/** The separator between the parts of a date line (and of the PDF's meta line). */
export const SEPARATOR = ' · ';

// Renderers ask several times per article (EPUB plan, XHTML, cover; PDF layout twice for
// editions); the article objects are immutable once parsed.
const computed = new WeakMap<Article, ArticleDisplay>();

export function articleDisplay(article: Article): ArticleDisplay {
  const known = computed.get(article);
  if (known) return known;
  const lang = article.language;
  const labels = labelsFor(lang);
  const minutes = readingTime(article);
  const display: ArticleDisplay = {
    lang,
    dir: directionOf(lang),
    labels,
    readingTime: { minutes, text: labels.readingTime(minutes) },
  };
  const parts: string[] = [];
  if (article.publishedAt) {
    display.published = formatDate(article.publishedAt, lang);
    parts.push(labels.published(display.published.text));
  }
  if (article.updatedAt && article.updatedAt !== article.publishedAt) {
    display.updated = formatDate(article.updatedAt, lang);
    parts.push(labels.updated(display.updated.text));
  }
  if (parts.length > 0) display.dateLine = parts.join(SEPARATOR);
  const listing = display.published ?? display.updated;
  if (listing) display.listingDate = listing;
  if (article.authors.length > 0)
    display.byline = labels.byline(article.authors.map(authorDisplayName));
  if (article.dateline) {
    const { place, agency } = article.dateline;
    display.dateline = agency ? `${place} (${agency})` : place;
  }
  computed.set(article, display);
  return display;
}

export interface EditionDisplay {
  lang: string;
  dir: 'ltr' | 'rtl';
  labels: Labels;
  date: DisplayDate;
  /** "12 articles". */
  articleCount: string;
}

export function editionDisplay(edition: Edition): EditionDisplay {
  const labels = labelsFor(edition.language);
  const count = edition.sections.reduce((n, s) => n + s.articles.length, 0);
  return {
    lang: edition.language,
    dir: directionOf(edition.language),
    labels,
    date: formatDate(edition.date, edition.language),
    articleCount: labels.articles(count),
  };
}
