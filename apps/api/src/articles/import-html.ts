import type { Article } from '@broadsheet/model';
import type { AppDeps } from '../deps.js';
import type { HtmlImportQuery } from './schemas.js';

/**
 * A web page (its bytes and Content-Type) to an Article, imported in the import worker pool
 * (jsdom and Readability never run, nor load, on the HTTP thread). `options.url` only resolves
 * relative links and images: the server never fetches it, nor any image the page names.
 */
export function articleFromHtml(
  deps: AppDeps,
  bytes: Uint8Array,
  contentType: string,
  options: HtmlImportQuery,
  slug: string | undefined,
): Promise<Article> {
  return deps.htmlImporter.importPage({
    bytes,
    contentType,
    url: options.url,
    language: options.language,
    slug,
  });
}
