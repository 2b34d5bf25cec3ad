import type { Article, Edition } from '@broadsheet/model';
import { isEdition } from '@broadsheet/render';
import { Router, type Request, type Response } from 'express';
import { slugParam } from '../articles/router.js';
import type { AppDeps } from '../deps.js';
import { resolveEdition } from '../editions/resolve.js';
import { answerConditional } from '../http/conditional.js';
import { CACHE_CONTROL } from '../http/revision-validators.js';
import { HttpProblem, notFound, serviceUnavailable } from '../http/problem.js';
import { parseParams } from '../http/validate.js';
import {
  RenderFailedError,
  RenderQueueFullError,
  RenderStorageError,
  type RenderFormat,
  type RenderOptions,
} from '../render/types.js';
import { attachment } from './filename.js';
import { sendOpenedFile } from './send-file.js';
import { DownloadImagesQuery, PdfDownloadQuery, PdfEditionDownloadQuery } from './schemas.js';
import { downloadInput } from './download-input.js';

export const MEDIA_TYPES: Record<RenderFormat, string> = {
  epub: 'application/epub+zip',
  pdf: 'application/pdf',
  cover: 'image/png',
};

interface Download {
  format: RenderFormat;
  /** Covers are shown, not saved: no attachment disposition. */
  input: Article | Edition;
  /**
   * SHA-256 of `input`'s canonical JSON (an article's stored content hash, an edition's
   * resolved one), when known: lets the cache key be remembered instead of hashed again.
   */
  inputHash?: string | undefined;
  /** File name without extension (UTF-8 allowed). */
  name?: string | undefined;
  fallbackName?: string | undefined;
  modifiedAt: string;
}

function renderOptions(req: Request, format: RenderFormat, edition: boolean): RenderOptions {
  if (format !== 'pdf') return {};
  const query = parseParams(
    edition ? PdfEditionDownloadQuery : PdfDownloadQuery,
    req.query,
    'query',
  );
  return {
    ...(query.pageSize && { pageSize: query.pageSize }),
    ...('layout' in query && query.layout === 'columns' && { layout: 'columns' as const }),
  };
}

/** Remembered render keys per renderer, by stored content hash, format and options; bounded, cleared when full. */
const knownKeysOf = new WeakMap<AppDeps['renderer'], Map<string, string>>();
const KNOWN_KEYS_MAX = 10_000;

/**
 * The render key (the ETag) of a download. It hashes the canonical JSON of the whole input,
 * which costs more than serving a cached file; an article's stored content hash stands for
 * that input, so its key is computed once per content, format and options.
 */
function downloadKey(
  deps: AppDeps,
  d: Download,
  options: RenderOptions,
  imageOptions: string,
): string {
  if (d.inputHash === undefined) return deps.renderer.key(d.format, d.input, options);
  let knownKeys = knownKeysOf.get(deps.renderer);
  if (knownKeys === undefined) {
    knownKeys = new Map();
    knownKeysOf.set(deps.renderer, knownKeys);
  }
  const memo = `${d.inputHash} ${d.format} ${JSON.stringify(options)} ${imageOptions}`;
  let key = knownKeys.get(memo);
  if (key === undefined) {
    key = deps.renderer.key(d.format, d.input, options);
    if (knownKeys.size >= KNOWN_KEYS_MAX) knownKeys.clear();
    knownKeys.set(memo, key);
  }
  return key;
}

/**
 * Covers, EPUB and PDF files alike: answers from the validators alone when the client's copy
 * is current (no render), otherwise renders or reuses the cached file and sends it with
 * Range, HEAD and precondition handling (send-file.ts).
 */
async function sendDownload(
  deps: AppDeps,
  req: Request,
  res: Response,
  d: Download,
): Promise<void> {
  const options = renderOptions(req, d.format, isEdition(d.input));
  let imageOptions = '';
  if (d.format !== 'cover') {
    const grayscale = parseParams(DownloadImagesQuery, req.query, 'query').images === 'grayscale';
    imageOptions = grayscale ? 'grayscale' : 'color';
    d = {
      ...d,
      input: await downloadInput(deps.store.media, d.input, d.format, options, grayscale),
    };
  }
  const key = downloadKey(deps, d, options, imageOptions);
  // A URL that names the file by its render key (`?v=<ETag>`, the content hash of what was
  // rendered) can only ever mean these bytes: caches may keep it for good. Without it, or with
  // a key that is no longer current, the URL follows the content and is revalidated.
  const pinned = req.query.v === key;
  if (pinned) res.setHeader('Cache-Control', CACHE_CONTROL.immutable);
  if (answerConditional(req, res, key, d.modifiedAt)) return;
  let file;
  try {
    file = await deps.renderer.open(d.format, d.input, options, key);
  } catch (err) {
    if (err instanceof RenderQueueFullError)
      throw serviceUnavailable(`too many renders at once (${err.message}); try again shortly`, 5);
    const what = d.format === 'cover' ? 'cover' : d.format.toUpperCase();
    if (err instanceof RenderStorageError) {
      throw serviceUnavailable(
        `the ${what} could not be stored: the server's data directory is full or read-only (${err.code}); try again later`,
        60,
      );
    }
    if (err instanceof RenderFailedError) {
      // A renderer that threw is a bug in this input's rendering; a lost or stopped worker may
      // be load or memory, so the client is told when to try again.
      if (err.reason === 'threw')
        throw new HttpProblem(500, `rendering the ${what} failed: ${err.message}`);
      throw serviceUnavailable(
        `rendering the ${what} failed: ${err.message}`,
        err.reason === 'timeout' ? 30 : 5,
      );
    }
    throw err;
  }
  res.setHeader('Content-Type', MEDIA_TYPES[d.format]);
  if (d.name !== undefined)
    res.setHeader(
      'Content-Disposition',
      attachment(d.name, d.format, d.fallbackName ?? 'download'),
    );
  await sendOpenedFile(req, res, file);
}

export function createDownloadsRouter(deps: AppDeps): Router {
  const router = Router();

  for (const format of ['epub', 'pdf'] as const) {
    router.get(`/v1/articles/:slug.${format}`, async (req, res) => {
      const slug = slugParam(req);
      const stored = await deps.store.articles.get(slug);
      if (!stored) throw notFound(`no article with slug "${slug}"`);
      await sendDownload(deps, req, res, {
        format,
        input: stored.article,
        inputHash: stored.contentHash,
        name: slug,
        fallbackName: `article-${stored.article.id}`,
        modifiedAt: stored.modifiedAt,
      });
    });

    router.get(`/v1/editions/:id.${format}`, async (req, res) => {
      const id = req.params.id;
      const resolved = await resolveEdition(deps.store, id);
      if (!resolved) throw notFound(`no edition "${id.slice(0, 120)}"`);
      await sendDownload(deps, req, res, {
        format,
        input: resolved.edition,
        inputHash: resolved.contentHash,
        name: resolved.edition.id,
        fallbackName: `edition-${resolved.edition.date}`,
        modifiedAt: resolved.modifiedAt,
      });
    });
  }

  // The PNG cover the EPUB carries, for catalogs and feeds. `/cover.png` under the resource
  // rather than `{slug}.png`: it is a picture of the publication, not the publication as an image.
  router.get('/v1/articles/:slug/cover.png', async (req, res) => {
    const slug = slugParam(req);
    const stored = await deps.store.articles.get(slug);
    if (!stored) throw notFound(`no article with slug "${slug}"`);
    await sendDownload(deps, req, res, {
      format: 'cover',
      input: stored.article,
      inputHash: stored.contentHash,
      modifiedAt: stored.modifiedAt,
    });
  });

  router.get('/v1/editions/:id/cover.png', async (req, res) => {
    const id = req.params.id;
    const resolved = await resolveEdition(deps.store, id);
    if (!resolved) throw notFound(`no edition "${id.slice(0, 120)}"`);
    await sendDownload(deps, req, res, {
      format: 'cover',
      input: resolved.edition,
      inputHash: resolved.contentHash,
      modifiedAt: resolved.modifiedAt,
    });
  });

  return router;
}
