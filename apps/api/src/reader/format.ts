/**
 * Site helpers shared by the pages, the catalog and the feeds. How an article's dates, labels
 * and bylines read is not here: that is @broadsheet/render/display, shared with EPUB and PDF.
 */
import type { Article, Image } from '@broadsheet/model';

const sizeFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

/** Bytes as a reader expects to see them on a download button: "48 KB", "1.2 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${sizeFormat.format(Math.max(1, Math.round(bytes / 1024)))} KB`;
  return `${sizeFormat.format(bytes / (1024 * 1024))} MB`;
}

/** Cuts text at a word boundary to at most `max` characters, adding an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** One-paragraph summary for listings, catalog entries and feed items. */
export function articleSummary(article: Article, max = 300): string | undefined {
  const first = article.body.find((b) => b.type === 'paragraph');
  const text = article.standfirst || article.highlights[0] || first?.text;
  return text ? truncate(text, max) : undefined;
}

/**
 * The address a browser can load for an image, or undefined. Relative paths only mean something
 * to the command line (they resolve against its input file), so the web pages show the caption
 * alone for them, as for images without a `src`.
 */
export function webImageSrc(image: Image | undefined): string | undefined {
  const src = image?.src;
  if (src === undefined) return undefined;
  return /^(https?:\/\/|data:image\/)/i.test(src) ? src : undefined;
}
