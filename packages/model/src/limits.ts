/**
 * Size limits of the wire format. The API and the command line reuse these so that every
 * entry point rejects the same input with the same message.
 */
export const LIMITS = {
  /** Characters in a headline after normalisation. */
  headlineChars: 300,
  /** Characters in a kicker, section, tag, author name or other short label. */
  labelChars: 200,
  /** Characters in a standfirst, caption, highlight or other short prose. */
  summaryChars: 2_000,
  /** Characters in one block of text (paragraph, heading, quote, list item). */
  blockChars: 20_000,
  /** URLs and image sources (data: URIs are allowed up to this many characters). */
  urlChars: 4_000_000,
  /** Blocks in one article body. */
  blocks: 2_000,
  /** Items in one list block. */
  listItems: 500,
  /** Inline runs in one text. */
  runs: 2_000,
  /** Highlights (bullet summary points). */
  highlights: 20,
  /** Tags, authors. */
  tags: 100,
  authors: 50,
  /**
   * Lines of a plain-text article, blank ones included: a work budget beside the byte limit, so
   * a body of many short lines is refused before it is split and read. Enough for an article
   * of `articleChars` hard-wrapped at 60 columns.
   */
  textLines: 20_000,
  /** Characters of text in one article, all fields together. */
  articleChars: 1_000_000,
  /** Articles in one edition. */
  editionArticles: 1_000,
  /** Sections in one edition. */
  editionSections: 100,
} as const;
