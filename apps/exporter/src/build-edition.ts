import {
  parseEdition,
  ValidationError,
  type Article,
  type Edition,
  type Publisher,
} from '@broadsheet/model';
import { InputError } from './errors.js';
import { commonDirectory, rebaseImages } from './image-paths.js';
import type { LoadedInput } from './read-input.js';

/** How messages name the edition that `--edition TITLE` builds. */
export const EDITION_LABEL = '--edition';

/** The newest publication date among the articles, as the calendar date it was written with. */
export function newestPublicationDate(articles: readonly Article[]): string | undefined {
  let best: { time: number; date: string } | undefined;
  for (const { publishedAt } of articles) {
    if (publishedAt === undefined) continue;
    const time = Date.parse(publishedAt);
    // The date as written, never converted: 2018-05-02T01:00+05:00 belongs to 2 May.
    if (best === undefined || time > best.time) best = { time, date: publishedAt.slice(0, 10) };
  }
  return best?.date;
}

/** The publisher every article shares, if they share one. */
function sharedPublisher(articles: readonly Article[]): Publisher | undefined {
  const first = articles[0]?.publisher;
  if (first === undefined) return undefined;
  return articles.every((a) => a.publisher?.name === first.name) ? first : undefined;
}

/**
 * One edition of every article in `inputs`, in order. Sections follow the articles'
 * `section` (an edition input keeps its own sections); articles without one go in a section
 * named after the edition. The date is the newest publication date, else `today`; the
 * language is the first article's. Relative image paths are rebased on a common directory,
 * returned as `baseDir`.
 */
export function editionFromInputs(
  title: string,
  inputs: readonly LoadedInput[],
  today: string,
): { edition: Edition; baseDir: string } {
  const baseDir = commonDirectory(inputs.map((i) => i.baseDir));
  const sections = new Map<string, Article[]>();
  const add = (section: string, article: Article) => {
    const list = sections.get(section) ?? [];
    list.push(article);
    sections.set(section, list);
  };
  const editionDates: string[] = [];
  for (const input of inputs) {
    const place = (a: Article) => rebaseImages(a, input.baseDir, baseDir);
    if (input.document.kind === 'edition') {
      editionDates.push(input.document.edition.date);
      for (const s of input.document.edition.sections)
        for (const a of s.articles) add(s.title, place(a));
    } else {
      for (const a of input.document.articles) add(a.section ?? title, place(a));
    }
  }
  const articles = [...sections.values()].flat();
  const first = articles[0];
  if (first === undefined)
    throw new InputError(EDITION_LABEL, [{ path: '', message: 'has no articles' }]);
  const publisher = sharedPublisher(articles);
  const date = newestPublicationDate(articles) ?? editionDates.sort().at(-1) ?? today;
  try {
    const edition = parseEdition({
      title,
      date,
      language: first.language,
      ...(publisher ? { publisher } : {}),
      sections: [...sections].map(([sectionTitle, list]) => ({
        title: sectionTitle,
        articles: list,
      })),
    });
    return { edition, baseDir };
  } catch (error) {
    if (error instanceof ValidationError) throw new InputError(EDITION_LABEL, error.issues);
    throw error;
  }
}
