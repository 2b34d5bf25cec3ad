import { ValidationError } from '@broadsheet/model';
import type { FetchError } from '@broadsheet/import-html';
import { InputError } from './errors.js';
import { loadImportHtml } from './html-importer.js';
import type { LoadedInput } from './read-input.js';

export interface UrlSources {
  readonly cwd: string;
  /** Deadline for the whole page download, redirects included. */
  readonly timeoutMs: number;
  /** The fetch to use (one refusing private addresses, unless the user allowed them). */
  readonly fetch?: typeof globalThis.fetch;
}

/** The largest page accepted, and the redirects followed, before giving up. */
export const PAGE_LIMITS = { maxBytes: 5 * 1024 * 1024, maxRedirects: 5 } as const;

/**
 * The reason in words, without the URL the message starts with: the command prints the URL
 * the user typed in front. A failure after a redirect keeps the address it happened at.
 */
export function fetchReason(error: FetchError, requested: string): string {
  const prefix = `${error.url}: `;
  const reason = error.message.startsWith(prefix)
    ? error.message.slice(prefix.length)
    : error.message;
  const where = error.url === requested ? '' : ` (at ${error.url})`;
  return error.code === 'timeout' ? `timed out${where}: ${reason}` : `${reason}${where}`;
}

/**
 * Fetches one `--url` page and imports its article. Every way the page can fail (not
 * reachable, an HTTP error, not HTML, too large, too slow, no article in it) is bad input:
 * InputError labelled with the URL, so the command exits 2 and writes nothing for it.
 */
export async function readUrl(url: string, sources: UrlSources): Promise<LoadedInput> {
  const { fetchPage, importHtml, FetchError: FetchFailure } = await loadImportHtml();
  try {
    const page = await fetchPage(url, {
      timeoutMs: sources.timeoutMs,
      ...PAGE_LIMITS,
      ...(sources.fetch ? { fetch: sources.fetch } : {}),
    });
    const article = importHtml(page.html, { url: page.url });
    // Web images are absolute URLs, so the base directory only matters for consistency.
    return {
      label: url,
      baseDir: sources.cwd,
      document: { kind: 'articles', articles: [article] },
    };
  } catch (error) {
    if (error instanceof FetchFailure)
      throw new InputError(url, [{ path: '', message: fetchReason(error, url) }]);
    if (error instanceof ValidationError) throw new InputError(url, error.issues);
    throw error;
  }
}
