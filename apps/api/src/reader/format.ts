/** Display helpers shared by the pages, the catalog and the feeds. Pure and locale-explicit. */
import type { Article, Image } from '@broadsheet/model';

export interface DisplayDate {
  /** Machine-readable value for `<time datetime>`. */
  iso: string;
  /** Human-readable, in the content's language. */
  text: string;
}

/**
 * A date or date-time formatted in `language`, always in UTC so that the same article reads the
 * same on every server. A bare `YYYY-MM-DD` is a calendar date and shows no time.
 */
export function displayDate(value: string, language: string): DisplayDate {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = new Date(dateOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return { iso: value, text: value };
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' });
  } catch {
    format = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' });
  }
  return { iso: value, text: format.format(date) };
}

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

/** "By Jane Doe and Omar Khan" or undefined when the article names nobody. */
export function byline(article: Article): string | undefined {
  const names = article.authors.map((a) => a.name);
  if (names.length === 0) return undefined;
  const list = new Intl.ListFormat('en', { style: 'long', type: 'conjunction' }).format(names);
  return `By ${list}`;
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
