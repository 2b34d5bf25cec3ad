import type { Article } from '@broadsheet/model';
import type { LoadedInput } from './read-input.js';

export interface PictureOptions {
  readonly grayscale: boolean;
  /** One line per picture left as it was, and why. */
  readonly warn: (line: string) => void;
}

const DATA_URI = /^data:[^,]*;base64,/i;

/**
 * Runs every embedded (`data:`) picture through the API's pipeline (@broadsheet/media):
 * decoded and encoded again without metadata (EXIF GPS, serials), orientation applied, first
 * frame only, WebP/AVIF/TIFF/GIF converted, at most 1600 px on the long edge (the EPUB
 * rendition, which is also about 250 dpi across the PDF's text width), never enlarged, grey
 * with --grayscale. A picture the pipeline refuses keeps its source and is reported.
 */
export async function processPictures(
  input: LoadedInput,
  options: PictureOptions,
): Promise<LoadedInput> {
  const { processImage, rendition } = await import('@broadsheet/media');
  const done = new Map<string, Promise<string>>();
  const convert = (src: string | undefined): Promise<string | undefined> => {
    if (src === undefined || !DATA_URI.test(src)) return Promise.resolve(src);
    let out = done.get(src);
    if (out === undefined) {
      out = (async () => {
        try {
          const bytes = Buffer.from(src.slice(src.indexOf(',') + 1), 'base64');
          const stored = await processImage(bytes);
          const r = await rendition(stored.bytes, stored.type, {
            target: 'epub',
            grayscale: options.grayscale,
          });
          return `data:${r.type};base64,${r.bytes.toString('base64')}`;
        } catch (e) {
          options.warn(`${input.label}: picture left as it was: ${(e as Error).message}`);
          return src;
        }
      })();
      done.set(src, out);
    }
    return out;
  };
  const article = async (a: Article): Promise<Article> => {
    const body = [];
    for (const b of a.body)
      body.push(
        b.type === 'figure' && b.image.src !== undefined
          ? { ...b, image: { ...b.image, src: (await convert(b.image.src)) ?? b.image.src } }
          : b,
      );
    const lead = a.image?.src === undefined ? undefined : await convert(a.image.src);
    return {
      ...a,
      ...(a.image !== undefined && lead !== undefined && { image: { ...a.image, src: lead } }),
      body,
    };
  };
  const { document } = input;
  if (document.kind === 'articles') {
    const articles: Article[] = [];
    for (const a of document.articles) articles.push(await article(a));
    return { ...input, document: { kind: 'articles', articles } };
  }
  const sections = [];
  for (const section of document.edition.sections) {
    const articles: Article[] = [];
    for (const a of section.articles) articles.push(await article(a));
    sections.push({ ...section, articles });
  }
  return { ...input, document: { kind: 'edition', edition: { ...document.edition, sections } } };
}
