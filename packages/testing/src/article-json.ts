/**
 * An article as the command line and the API read it, as JSON text: a headline and `paragraphs`
 * paragraphs of a sentence that names its place, long enough to fill several lines each.
 */
export function articleJson(headline: string, paragraphs = 1): string {
  return JSON.stringify({
    headline,
    language: 'en',
    body: Array.from({ length: paragraphs }, (_, i) => ({
      type: 'paragraph',
      text: `Paragraph ${i + 1} of ${headline}, long enough to fill a few lines. `.repeat(8).trim(),
    })),
  });
}

/** `count` such articles ("Story 1" …) as one JSON array: an edition's worth of input. */
export function articlesJson(count: number, paragraphs: number): string {
  return `[${Array.from({ length: count }, (_, i) => articleJson(`Story ${i + 1}`, paragraphs)).join(',')}]`;
}
