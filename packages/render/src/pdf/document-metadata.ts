import type { Article, Edition } from '@broadsheet/model';
import { RENDERER_VERSION } from '../shared/index.js';
import type { DocumentMetadata } from './draw/metadata.js';
import { parseIsoDate } from './layout/dates.js';

/** Used when an article has no dates at all: fixed, so output never depends on the clock. */
const FALLBACK_DATE = '2000-01-01T00:00:00Z';

const CREATOR = 'Broadsheet';
const PRODUCER = `Broadsheet renderer ${RENDERER_VERSION} (pdfkit 0.20.2)`;

function validDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const d = parseIsoDate(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export function articleMetadata(article: Article): DocumentMetadata {
  const created =
    validDate(article.publishedAt) ?? validDate(article.updatedAt) ?? parseIsoDate(FALLBACK_DATE);
  const modified = validDate(article.updatedAt) ?? created;
  const firstParagraph = article.body.find((b) => b.type === 'paragraph');
  const subject =
    article.standfirst ??
    (firstParagraph?.type === 'paragraph' ? firstParagraph.text.slice(0, 300) : '');
  return {
    title: article.headline,
    authors: article.authors.map((a) => a.name),
    subject,
    keywords: [...(article.section ? [article.section] : []), ...article.tags],
    language: article.language,
    created,
    modified: modified < created ? created : modified,
    creator: CREATOR,
    producer: PRODUCER,
  };
}

export function editionMetadata(edition: Edition): DocumentMetadata {
  const created = parseIsoDate(edition.date);
  let modified = created;
  const authors = new Set<string>();
  for (const section of edition.sections) {
    for (const a of section.articles) {
      const d = validDate(a.updatedAt) ?? validDate(a.publishedAt);
      if (d && d > modified) modified = d;
      for (const author of a.authors) authors.add(author.name);
    }
  }
  const count = edition.sections.reduce((n, s) => n + s.articles.length, 0);
  return {
    title: edition.title,
    authors: edition.publisher ? [edition.publisher.name] : [...authors].slice(0, 20),
    subject:
      edition.description ??
      `${count} article${count === 1 ? '' : 's'} in ${edition.sections.length} section${edition.sections.length === 1 ? '' : 's'}`,
    keywords: edition.sections.map((s) => s.title),
    language: edition.language,
    created,
    modified,
    creator: CREATOR,
    producer: PRODUCER,
  };
}
