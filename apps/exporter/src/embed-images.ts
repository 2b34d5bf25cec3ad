import type { Article } from '@broadsheet/model';
import { loadImportHtml } from './html-importer.js';
import type { LoadedInput } from './read-input.js';

export interface EmbedOptions {
  /** Deadline for each image, redirects included. */
  readonly timeoutMs: number;
  /** One line per image left as a link, and why. */
  readonly warn: (line: string) => void;
  /** The fetch to use (one refusing private addresses, unless the user allowed them). */
  readonly fetch?: typeof globalThis.fetch;
}

/** Per image; the model caps a `data:` URI below this anyway. */
export const IMAGE_LIMITS = { maxBytes: 2 * 1024 * 1024, concurrency: 4, maxRedirects: 5 } as const;

function hasWebImages(article: Article): boolean {
  const web = (src: string | undefined) => src !== undefined && /^https?:\/\//i.test(src);
  return (
    web(article.image?.src) ||
    web(article.publisher?.logo) ||
    article.body.some((block) => block.type === 'figure' && web(block.image.src))
  );
}

/**
 * `--fetch-images`: downloads the http(s) images of every article in `input` and embeds
 * them as `data:` URIs, so the renderers (which never touch the network) put them in the
 * book. An image that fails (timeout, size cap, not a raster image, HTTP error) stays a link
 * and is reported through `warn`; it does not fail the article.
 */
export async function embedWebImages(
  input: LoadedInput,
  options: EmbedOptions,
): Promise<LoadedInput> {
  const articles =
    input.document.kind === 'articles'
      ? input.document.articles
      : input.document.edition.sections.flatMap((s) => s.articles);
  if (!articles.some(hasWebImages)) return input;
  const { fetchImages } = await loadImportHtml();
  const embed = (article: Article) =>
    hasWebImages(article)
      ? fetchImages(article, {
          ...IMAGE_LIMITS,
          timeoutMs: options.timeoutMs,
          ...(options.fetch ? { fetch: options.fetch } : {}),
          onError: (_src, error) =>
            options.warn(`${input.label}: image not embedded, kept as a link: ${error.message}`),
        })
      : Promise.resolve(article);
  const { document } = input;
  if (document.kind === 'articles') {
    const embedded: Article[] = [];
    for (const article of document.articles) embedded.push(await embed(article));
    return { ...input, document: { kind: 'articles', articles: embedded } };
  }
  const sections = [];
  for (const section of document.edition.sections) {
    const sectionArticles: Article[] = [];
    for (const article of section.articles) sectionArticles.push(await embed(article));
    sections.push({ ...section, articles: sectionArticles });
  }
  return { ...input, document: { kind: 'edition', edition: { ...document.edition, sections } } };
}
