import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Article } from '@broadsheet/model';
import { isRelativeImagePath } from './image-paths.js';
import type { LoadedInput } from './read-input.js';

export interface PictureOptions {
  readonly grayscale: boolean;
  /**
   * Also `data:` pictures (fetched ones, or any under --grayscale). Local image files always
   * go through the pipeline.
   */
  readonly embedded: boolean;
  /** One line per picture left as it was, and why. */
  readonly warn: (line: string) => void;
}

const DATA_URI = /^data:[^,]*;base64,/i;

/**
 * The bytes of a local image file named relative to the input, read only inside its directory
 * (the renderers' rule for imageBaseDir); undefined when it is outside or cannot be read, and
 * the renderer then keeps the figure's caption, as before.
 */
async function readLocalPicture(baseDir: string, src: string): Promise<Buffer | undefined> {
  const root = path.resolve(baseDir);
  const rel = path.relative(root, path.resolve(root, src));
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  try {
    return await readFile(path.join(root, rel));
  } catch {
    return undefined;
  }
}

/**
 * Runs every local image file, and embedded (`data:`) picture when asked, through the API's
 * pipeline (@broadsheet/media):
 * decoded and encoded again without metadata (EXIF GPS, serials), orientation applied, first
 * frame only, WebP/AVIF/TIFF/GIF converted, at most 1600 px on the long edge (the EPUB
 * rendition, which is also about 250 dpi across the PDF's text width), never enlarged, grey
 * with --grayscale. A picture the pipeline refuses keeps its source and is reported.
 */
export async function processPictures(
  input: LoadedInput,
  options: PictureOptions,
): Promise<LoadedInput> {
  const done = new Map<string, Promise<string>>();
  const convert = (src: string | undefined): Promise<string | undefined> => {
    if (src === undefined) return Promise.resolve(src);
    const local = isRelativeImagePath(src);
    if (!local && !(options.embedded && DATA_URI.test(src))) return Promise.resolve(src);
    let out = done.get(src);
    if (out === undefined) {
      out = (async () => {
        try {
          const bytes = local
            ? await readLocalPicture(input.baseDir, src)
            : Buffer.from(src.slice(src.indexOf(',') + 1), 'base64');
          if (bytes === undefined) return src;
          // Loaded on first use: most runs have no picture to process.
          const { processImage, rendition } = await import('@broadsheet/media');
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
