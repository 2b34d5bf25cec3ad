import type { Article, Edition } from '@broadsheet/model';
import { RENDERER_VERSION } from '../shared/index.js';
import type { DocumentMetadata } from './draw/metadata.js';
import { FALLBACK_MODIFIED, instantOf } from '../display/dates.js';
import { editionDisplay } from '../display/display-model.js';

/** Used when an article has no dates at all: fixed, so output never depends on the clock. */
const FALLBACK_DATE = new Date(FALLBACK_MODIFIED);

const CREATOR = 'Broadsheet';
const PRODUCER = `Broadsheet renderer ${RENDERER_VERSION} (pdfkit 0.20.2)`;

export function articleMetadata(article: Article): DocumentMetadata {
  const created = instantOf(article.publishedAt) ?? instantOf(article.updatedAt) ?? FALLBACK_DATE;
  const modified = instantOf(article.updatedAt) ?? created;
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
  const created = instantOf(edition.date) ?? FALLBACK_DATE;
  let modified = created;
  const authors = new Set<string>();
  for (const section of edition.sections) {
    for (const a of section.articles) {
      const d = instantOf(a.updatedAt) ?? instantOf(a.publishedAt);
      if (d && d > modified) modified = d;
      for (const author of a.authors) authors.add(author.name);
    }
  }
  return {
    title: edition.title,
    authors: edition.publisher ? [edition.publisher.name] : [...authors].slice(0, 20),
    subject: edition.description ?? editionDisplay(edition).articleCount,
    keywords: edition.sections.map((s) => s.title),
    language: edition.language,
    created,
    modified,
    creator: CREATOR,
    producer: PRODUCER,
  };
}
