import { createHash } from 'node:crypto';
import { renameSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { renderCoverPng, renderEpub, renderPdf } from '@broadsheet/render';
import type { Article, Edition } from '@broadsheet/model';
import { isStorageErrorCode } from '../store/storage-errors.js';
import { CHECKSUM_SUFFIX, type RenderFormat, type RenderOptions } from './types.js';

export interface RenderTask {
  format: RenderFormat;
  /**
   * The article or edition as UTF-8 JSON, its buffer transferred: the server builds it from
   * stored articles' bytes, and parsing it here keeps a structured clone of a large edition
   * (milliseconds) off the HTTP thread.
   */
  inputJson: Uint8Array;
  options: RenderOptions;
  /** Final path; the file appears there complete or not at all. */
  target: string;
  /** Pictures over this many pixels (by their header) are left out; the renderers' default otherwise. */
  maxImagePixels?: number;
}

/**
 * What a render did. A storage failure (full or read-only disk) is an answer, not a thrown
 * error: errors crossing the thread boundary lose their `code`, and the server must tell
 * "try again later" (503) apart from a renderer bug.
 */
export type RenderOutcome =
  { ok: true; sha256: string } | { ok: false; storageCode: string; message: string };

const utf8 = new TextDecoder();

function renderBytes(task: RenderTask, input: Article | Edition): Promise<Uint8Array> {
  const images = task.maxImagePixels === undefined ? {} : { maxImagePixels: task.maxImagePixels };
  return task.format === 'epub'
    ? renderEpub(input, images)
    : task.format === 'cover'
      ? renderCoverPng(input, images)
      : renderPdf(input, {
          ...images,
          ...(task.options.pageSize && { pageSize: task.options.pageSize }),
          ...(task.options.layout && { layout: task.options.layout }),
        });
}

/** Writes `bytes` to `path` via a temp file and rename, so readers never see half a file. */
function writeAtomically(path: string, bytes: Uint8Array | string): void {
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(temp, bytes);
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

/**
 * Piscina worker: renders one file and moves it into the cache atomically, with its SHA-256 in
 * a sidecar written first, so the server can tell a damaged cache file from a good one.
 */
export default async function render(task: RenderTask): Promise<RenderOutcome> {
  // The server serialised a validated model value; it is not validated again here.
  const input = JSON.parse(utf8.decode(task.inputJson)) as Article | Edition;
  const bytes = await renderBytes(task, input);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  try {
    mkdirSync(dirname(task.target), { recursive: true });
    writeAtomically(`${task.target}${CHECKSUM_SUFFIX}`, `${sha256}\n`);
    writeAtomically(task.target, bytes);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && isStorageErrorCode(code)) {
      return {
        ok: false,
        storageCode: code,
        message: err instanceof Error ? err.message : String(err),
      };
    }
    throw err;
  }
  return { ok: true, sha256 };
}
