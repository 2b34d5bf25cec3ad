import { Article, Edition } from './schema.js';
import { ValidationError } from './validation-error.js';

/** Validates and normalises an article; throws ValidationError listing every problem. */
export function parseArticle(input: unknown): Article {
  const result = Article.safeParse(input);
  if (!result.success) throw ValidationError.fromZod(result.error, 'article');
  return result.data;
}

/** Validates and normalises an edition and every article in it. */
export function parseEdition(input: unknown): Edition {
  const result = Edition.safeParse(input);
  if (!result.success) throw ValidationError.fromZod(result.error, 'edition');
  return result.data;
}
