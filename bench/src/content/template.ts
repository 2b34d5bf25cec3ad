import { defaultArticle } from '@broadsheet/content';
import type { Article } from '@broadsheet/model';

/** The bundled seed article, as the product itself imports it. */
export function templateArticle(): Article {
  return defaultArticle();
}
