import type { Article, Edition } from '@broadsheet/model';

/** Tells an Edition from an Article: only editions have sections. */
export function isEdition(input: Article | Edition): input is Edition {
  return 'sections' in input && Array.isArray(input.sections);
}

/** One article of an edition with where it sits: its section and its place in reading order. */
export interface EditionEntry {
  article: Article;
  sectionIndex: number;
  sectionTitle: string;
  /** 0-based position among all the edition's articles. */
  index: number;
}

/** The edition's articles in reading order, section by section. */
export function editionArticles(edition: Edition): EditionEntry[] {
  const out: EditionEntry[] = [];
  edition.sections.forEach((section, sectionIndex) => {
    for (const article of section.articles) {
      out.push({ article, sectionIndex, sectionTitle: section.title, index: out.length });
    }
  });
  return out;
}

/** The edition's lead articles: the first article of each section, then the rest, up to `count`. */
export function leadArticles(edition: Edition, count: number): Article[] {
  const firsts = edition.sections
    .map((s) => s.articles[0])
    .filter((a): a is Article => a !== undefined);
  const rest = editionArticles(edition)
    .map((e) => e.article)
    .filter((a) => !firsts.includes(a));
  return [...firsts, ...rest].slice(0, count);
}
