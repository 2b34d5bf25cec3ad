import type * as ImportHtml from '@broadsheet/import-html';
import type { Article } from '@broadsheet/model';
import { parseArticle, ValidationError } from '@broadsheet/model';
import { htmlNestingDepth } from './html-depth.js';
import type { HtmlImportQuery } from './schemas.js';

/**
 * Readability's cost grows steeply with nesting (here: 0.7 s at 200 levels, 19 s at 1000, a
 * stack overflow beyond) and it runs on the event loop, so deeper pages are refused before
 * it sees them. Real news pages nest a few dozen levels.
 */
export const MAX_HTML_DEPTH = 256;

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
export async function articleFromHtml(
  bytes: Uint8Array,
  contentType: string,
  options: HtmlImportQuery,
  slug: string | undefined,
): Promise<Article> {
  const { decodeHtml, importHtml } = await loadImportHtml();
  const html = decodeHtml(bytes, contentType);
  const depth = htmlNestingDepth(html);
  if (depth > MAX_HTML_DEPTH) {
    throw new ValidationError(
      [
        {
          path: '',
          message: `the page nests elements ${depth} levels deep; pages deeper than ${MAX_HTML_DEPTH} are not imported`,
        },
      ],
      'HTML page',
    );
  }
  const article = importHtml(html, {
    ...(options.url !== undefined && { url: options.url }),
    ...(options.language !== undefined && { language: options.language }),
  });
  return slug === undefined ? article : parseArticle({ ...article, slug });
}
