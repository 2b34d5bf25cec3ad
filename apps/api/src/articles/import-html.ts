import type * as ImportHtml from '@broadsheet/import-html';
import type { Article } from '@broadsheet/model';
import { parseArticle } from '@broadsheet/model';
import type { HtmlImportQuery } from './schemas.js';

let loaded: Promise<typeof ImportHtml> | undefined;

/**
 * Loads @broadsheet/import-html on the first HTML request: jsdom and Readability cost more
 * start-up time and memory than the rest of the server, and most servers never import HTML.
 */
function loadImportHtml(): Promise<typeof ImportHtml> {
  loaded ??= import('@broadsheet/import-html');
  return loaded;
}

/**
 * A web page (its bytes and Content-Type) to an Article. `options.url` only resolves relative
 * links and images: the server never fetches it, nor any image the page names. Throws the
 * importer's ValidationError ("no article found: …") for a page without an article.
 */
export async function articleFromHtml(bytes: Uint8Array, contentType: string, options: HtmlImportQuery, slug: string | undefined): Promise<Article> {
  const { decodeHtml, importHtml } = await loadImportHtml();
  const article = importHtml(decodeHtml(bytes, contentType), {
    ...(options.url !== undefined && { url: options.url }),
    ...(options.language !== undefined && { language: options.language }),
  });
  return slug === undefined ? article : parseArticle({ ...article, slug });
}
