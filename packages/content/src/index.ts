import { readFileSync } from 'node:fs';
import { importPlainText, type Article } from '@broadsheet/model';

// Resolved against this module, so it works from src/ (tests), dist/ and an installed copy alike.
const SEED_URL = new URL('../data/default-article.txt', import.meta.url);

let text: string | undefined;
let article: Article | undefined;

/** The bundled default article exactly as scraped: plain text, the seed the project ships. */
export function defaultArticleText(): string {
  text ??= readFileSync(SEED_URL, 'utf8');
  return text;
}

/** Who published the seed article; plain text does not say, so it is stated here. */
export const DEFAULT_SOURCE = { name: 'Arab News' } as const;

/**
 * The default article, imported from the seed with the model's plain-text importer. Each call
 * returns a fresh copy, so a caller may change it without affecting the next one.
 */
export function defaultArticle(): Article {
  article ??= importPlainText(defaultArticleText(), {
    source: { ...DEFAULT_SOURCE },
    language: 'en',
  });
  return structuredClone(article);
}
