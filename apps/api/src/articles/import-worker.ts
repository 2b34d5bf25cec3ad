import {
  importPlainText,
  parseArticle,
  ValidationError,
  type Article,
  type ImportOptions,
} from '@broadsheet/model';
import type { FeedParseError, ParsedFeed } from '@broadsheet/feeds';
import { imageSourceProblem, type ImageLimits } from '@broadsheet/render/images';
import { measureHtml, type HtmlBudget, type HtmlLimit } from './html-budget.js';

export interface HtmlImportTask {
  /** The page as sent, its buffer transferred. */
  bytes: Uint8Array;
  contentType: string;
  url?: string;
  language?: string;
  slug?: string;
  budget: HtmlBudget;
  images: ImageLimits;
}

/**
 * What an import did, as plain data: errors lose their class crossing the thread boundary, and
 * the server must tell a page without an article (400) from one over budget (413/422).
 */
export type HtmlImportOutcome =
  | { ok: true; article: Article; droppedImages: { path: string; reason: string }[] }
  | { ok: false; kind: 'invalid'; detail: string; errors: { path: string; message: string }[] }
  | {
      ok: false;
      kind: 'over-budget';
      limit: HtmlLimit;
      elements: number;
      depth: number;
    };

/**
 * `data:` pictures the renderers could not draw (over the pixel or byte cap, unreadable
 * headers, formats other than PNG, JPEG and GIF) are taken out of an imported page rather
 * than refusing the whole page: a figure keeps its caption, one without a caption goes.
 */
function dropUnusableImages(
  article: Article,
  limits: ImageLimits,
): { article: Article; dropped: { path: string; reason: string }[] } {
  const dropped: { path: string; reason: string }[] = [];
  const usable = (src: string | undefined, path: string): boolean => {
    if (src === undefined) return true;
    const reason = imageSourceProblem(src, limits);
    if (reason !== undefined) dropped.push({ path, reason });
    return reason === undefined;
  };
  const image = (img: NonNullable<Article['image']>, path: string) => {
    if (usable(img.src, path)) return img;
    if (img.caption === undefined) return undefined;
    const rest = { ...img };
    delete rest.src;
    return rest;
  };
  const lead = article.image ? image(article.image, 'image.src') : undefined;
  const body: Article['body'] = [];
  article.body.forEach((block, index) => {
    if (block.type !== 'figure') body.push(block);
    else {
      const kept = image(block.image, `body.${index}.image.src`);
      if (kept) body.push({ ...block, image: kept });
    }
  });
  if (dropped.length === 0) return { article, dropped };
  const rest: Partial<Article> = { ...article, body };
  delete rest.image;
  return { article: parseArticle(lead ? { ...rest, image: lead } : rest), dropped };
}

const latin1 = new TextDecoder('latin1');

export interface TextImportTask {
  text: string;
  options: ImportOptions;
}

/** A plain-text import as plain data; `limit` set when a work budget (lines) refused it (413). */
export type TextImportOutcome =
  | { ok: true; article: Article }
  | {
      ok: false;
      detail: string;
      errors: { path: string; message: string }[];
      overBudget: boolean;
    };

/**
 * Piscina worker (called by name): a text/plain body to an Article. Linear, but up to the line
 * budget it took 0.2 s of one core (16,384 date-like lines), all of which the HTTP thread
 * spent not answering anyone; here it costs one import thread instead.
 */
export function importText(task: TextImportTask): TextImportOutcome {
  try {
    return { ok: true, article: importPlainText(task.text, task.options) };
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    return {
      ok: false,
      detail: err.message,
      errors: err.issues.map((i) => ({ path: i.path, message: i.message })),
      overBudget: err.limit !== undefined,
    };
  }
}

/**
 * Piscina worker: a web page to an Article, within the element and depth budget. The budget is
 * measured before the importer (jsdom: seconds to load on a busy machine) is even loaded, on
 * the bytes read as Latin-1: tags are ASCII in every charset a page may declare, so the count
 * is the same as after decoding.
 */
export default async function importPage(task: HtmlImportTask): Promise<HtmlImportOutcome> {
  const measured = measureHtml(latin1.decode(task.bytes), task.budget);
  if (!measured.within) {
    return {
      ok: false,
      kind: 'over-budget',
      limit: measured.limit,
      elements: measured.elements,
      depth: measured.depth,
    };
  }
  const { decodeHtml, importHtml } = await import('@broadsheet/import-html');
  const html = decodeHtml(task.bytes, task.contentType);
  try {
    const imported = importHtml(html, {
      ...(task.url !== undefined && { url: task.url }),
      ...(task.language !== undefined && { language: task.language }),
    });
    const withSlug =
      task.slug === undefined ? imported : parseArticle({ ...imported, slug: task.slug });
    const { article, dropped } = dropUnusableImages(withSlug, task.images);
    return { ok: true, article, droppedImages: dropped };
  } catch (err) {
    if (err instanceof ValidationError) {
      return {
        ok: false,
        kind: 'invalid',
        detail: err.message,
        errors: err.issues.map((i) => ({ path: i.path, message: i.message })),
      };
    }
    throw err;
  }
}

export interface FeedParseTask {
  /** The feed as fetched, its buffer transferred. */
  bytes: Uint8Array;
  url: string;
  contentType?: string;
  /** ISO 8601: items dated after now + 1 day are dropped with a warning. */
  now: string;
}

/** A parse as plain data: FeedParseError loses its class crossing the thread boundary. */
export type FeedParseOutcome =
  | { ok: true; feed: ParsedFeed }
  | { ok: false; code: FeedParseError['code']; detail: string; alternates: string[] };

/**
 * Piscina worker (called by name): RSS, Atom, RDF or JSON Feed bytes to a ParsedFeed. XML
 * parsing and charset decoding of a feed near the byte cap take the HTTP thread's time, so
 * they run here, with the import time budget; feedsmith is loaded only in this thread.
 */
export async function parseFeed(task: FeedParseTask): Promise<FeedParseOutcome> {
  const feeds = await import('@broadsheet/feeds/parse');
  try {
    return {
      ok: true,
      feed: feeds.parseFeed(task.bytes, {
        url: task.url,
        ...(task.contentType !== undefined && { contentType: task.contentType }),
        now: new Date(task.now),
      }),
    };
  } catch (err) {
    if (err instanceof feeds.FeedParseError)
      return { ok: false, code: err.code, detail: err.message, alternates: err.alternates };
    throw err;
  }
}
