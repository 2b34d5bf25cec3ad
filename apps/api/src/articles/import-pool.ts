import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Article, ImportOptions } from '@broadsheet/model';
import { DEFAULT_IMAGE_LIMITS, type ImageLimits } from '@broadsheet/render/images';
import { Piscina } from 'piscina';
import type { Logger } from 'pino';
import { HttpProblem, serviceUnavailable } from '../http/problem.js';
import type { HtmlBudget } from './html-budget.js';
import type { FeedParseError, ParsedFeed } from '@broadsheet/feeds';
import type {
  FeedParseOutcome,
  FeedParseTask,
  HtmlImportOutcome,
  HtmlImportTask,
  TextImportOutcome,
  TextImportTask,
} from './import-worker.js';
import { WORKER_NICE_INCREMENT } from '../util/thread-priority.js';

/** Defaults of BROADSHEET_HTML_MAX_ELEMENTS, BROADSHEET_HTML_MAX_DEPTH, BROADSHEET_IMPORT_TIMEOUT_MS. */
export const DEFAULT_HTML_MAX_ELEMENTS = 20_000;
export const DEFAULT_HTML_MAX_DEPTH = 256;
/** Default of BROADSHEET_HTML_MAX_ATTRIBUTES; real pages stay far below (a few dozen at most). */
export const DEFAULT_HTML_MAX_ATTRIBUTES = 256;
export const DEFAULT_IMPORT_TIMEOUT_MS = 20_000;

/** Heap an import thread may use (BROADSHEET_IMPORT_MEMORY_MB): jsdom and Readability on a page near the element budget can want several hundred MB. */
export const DEFAULT_IMPORT_MEMORY_MB = 128;

/** Seconds a client is asked to wait when every import thread is busy. */
const RETRY_AFTER_S = 5;

export interface HtmlImportServiceOptions {
  logger: Logger;
  /** Import threads (BROADSHEET_IMPORT_THREADS); a pool of its own, so imports and renders never wait for each other. */
  threads?: number;
  /** Imports allowed to wait for a thread (BROADSHEET_IMPORT_QUEUE); beyond, 503 + Retry-After. */
  maxQueue?: number;
  /** An import running (or waiting) longer is stopped, its thread replaced, and the request answered 422. */
  timeoutMs?: number;
  /** An import whose thread needs a larger heap is stopped, its thread replaced, and the request answered 413. */
  memoryMb?: number;
  budget?: Partial<HtmlBudget>;
  images?: ImageLimits;
  /** The compiled worker; defaults to dist/articles/import-worker.js. */
  workerFile?: string;
  /** The worker for plain text (its `importText` export); defaults to the same compiled worker. */
  textWorkerFile?: string;
}

export interface HtmlImportRequest {
  bytes: Uint8Array;
  contentType: string;
  url?: string | undefined;
  language?: string | undefined;
  slug?: string | undefined;
}

export interface HtmlImportService {
  /**
   * The page as an Article, or an HttpProblem: 400 without an article, 413 over the element
   * or attribute budget, 422 over the depth budget or the time budget, 503 when the queue is full.
   */
  importPage(request: HtmlImportRequest): Promise<Article>;
  /**
   * A text/plain body as an Article, imported on a thread of its own (never the HTTP thread):
   * 400 for text without an article, 413 over the line budget, 422 over the time budget.
   */
  importText(text: string, options: ImportOptions): Promise<Article>;
  /**
   * Feed bytes as a ParsedFeed, parsed on a thread of its own: 422 naming the reason when they
   * are not a feed (with the page's `alternates` when they are an HTML page), are malformed, or
   * take longer than the time budget; 503 when the queue is full.
   */
  parseFeed(request: FeedParseRequest): Promise<ParsedFeed>;
  close(): Promise<void>;
}

export interface FeedParseRequest {
  bytes: Uint8Array;
  /** The feed's final URL: relative links resolve against it. */
  url: string;
  contentType?: string | undefined;
  now: Date;
}

/** Why a feed could not be read, in words an operator acts on. */
const FEED_PARSE_REASONS: Record<FeedParseError['code'], string> = {
  'not-a-feed': 'is not an RSS, Atom or JSON feed',
  malformed: 'is a malformed feed',
  'too-many-items': 'has more items than the server reads',
};

/**
 * The bytes in a buffer of their own: only that can be moved to a worker, and a view is sent
 * with its whole buffer (small ones share Node's pool).
 */
function ownBuffer(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.length ? bytes : bytes.slice();
}

function defaultWorkerFile(): string {
  const beside = fileURLToPath(new URL('./import-worker.js', import.meta.url));
  if (existsSync(beside)) return beside;
  const built = fileURLToPath(new URL('../../dist/articles/import-worker.js', import.meta.url));
  if (existsSync(built)) return built;
  throw new Error(`import worker not found at ${beside} or ${built}; run the build first`);
}

/**
 * Web-page imports (jsdom and Readability, whose time grows with a page's elements and depth)
 * run in a small piscina pool of their own, never on the HTTP thread: the HTTP thread does not
 * even load jsdom. Each import is measured first (element count and depth, one streaming pass
 * in the worker) and stopped at the time budget; the thread that ran it is then replaced.
 */
export function createHtmlImportService(options: HtmlImportServiceOptions): HtmlImportService {
  const threads = options.threads ?? 1;
  const maxQueue = options.maxQueue ?? threads * 4;
  const timeoutMs = options.timeoutMs ?? DEFAULT_IMPORT_TIMEOUT_MS;
  const budget: HtmlBudget = {
    maxElements: options.budget?.maxElements ?? DEFAULT_HTML_MAX_ELEMENTS,
    maxDepth: options.budget?.maxDepth ?? DEFAULT_HTML_MAX_DEPTH,
    maxAttributes: options.budget?.maxAttributes ?? DEFAULT_HTML_MAX_ATTRIBUTES,
  };
  const images = options.images ?? DEFAULT_IMAGE_LIMITS;
  const memoryMb = options.memoryMb ?? DEFAULT_IMPORT_MEMORY_MB;
  /** A pool of import threads running the worker's export `name` (its default when absent). */
  const threadPool = <Task, Outcome>(filename: string | undefined, name?: string) =>
    new Piscina<Task, Outcome>({
      filename: filename ?? defaultWorkerFile(),
      ...(name !== undefined && { name }),
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: 60_000,
      // Below the HTTP thread, as renders are: a page being measured or a long text being split
      // takes the core the HTTP thread leaves over, and /health keeps answering.
      niceIncrement: WORKER_NICE_INCREMENT,
      // The element budget bounds the work of a page but not its memory: a page of deeply nested
      // blocks under that budget took jsdom and Readability past 400 MB. A heap cap per thread
      // bounds what one request can add to the server; V8 ends the thread when it is reached.
      resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 16 },
    });
  const pool = threadPool<HtmlImportTask, HtmlImportOutcome>(options.workerFile);
  // Plain text in a pool of its own: a text import never waits behind a slow web page, and
  // needs neither jsdom nor a large heap.
  const textPool = threadPool<TextImportTask, TextImportOutcome>(
    options.textWorkerFile,
    'importText',
  );
  // Feeds in a pool of their own too: a poll never waits behind a slow page import, which a
  // poll itself may be waiting on.
  const feedPool = threadPool<FeedParseTask, FeedParseOutcome>(options.workerFile, 'parseFeed');
  let running = 0;
  let runningText = 0;
  let runningFeeds = 0;

  async function parseFeed(request: FeedParseRequest): Promise<ParsedFeed> {
    if (closing) throw serviceUnavailable('the server is shutting down', RETRY_AFTER_S);
    if (runningFeeds >= threads + maxQueue) {
      throw serviceUnavailable(
        `${runningFeeds} feeds are being parsed or waiting; try again shortly`,
        RETRY_AFTER_S,
      );
    }
    const bytes = ownBuffer(request.bytes);
    runningFeeds += 1;
    let outcome: FeedParseOutcome;
    try {
      outcome = await feedPool.run(
        {
          bytes,
          url: request.url,
          ...(request.contentType !== undefined && { contentType: request.contentType }),
          now: request.now.toISOString(),
        },
        { signal: AbortSignal.timeout(timeoutMs), transferList: [bytes.buffer as ArrayBuffer] },
      );
    } catch (err) {
      throw stopped(err, 'feed');
    } finally {
      runningFeeds -= 1;
    }
    if (outcome.ok) return outcome.feed;
    const alternates = outcome.code === 'not-a-feed' ? outcome.alternates : [];
    const offer =
      alternates.length > 0 ? `; the page names these feeds: ${alternates.join(', ')}` : '';
    const reason = `${request.url} ${FEED_PARSE_REASONS[outcome.code]} (${outcome.detail})${offer}`;
    throw new HttpProblem(422, reason, {
      errors: [{ path: 'body.url', message: reason }],
      ...(outcome.code === 'not-a-feed' && { extensions: { alternates } }),
    });
  }
  let closing = false;

  async function importText(text: string, importOptions: ImportOptions): Promise<Article> {
    if (closing) throw serviceUnavailable('the server is shutting down', RETRY_AFTER_S);
    if (runningText >= threads + maxQueue) {
      throw serviceUnavailable(
        `${runningText} texts are being imported or waiting; try again shortly`,
        RETRY_AFTER_S,
      );
    }
    runningText += 1;
    let outcome: TextImportOutcome;
    try {
      outcome = await textPool.run(
        { text, options: importOptions },
        { signal: AbortSignal.timeout(timeoutMs) },
      );
    } catch (err) {
      throw stopped(err, 'text');
    } finally {
      runningText -= 1;
    }
    if (outcome.ok) return outcome.article;
    throw new HttpProblem(outcome.overBudget ? 413 : 400, outcome.detail, {
      errors: outcome.errors,
    });
  }

  /** The problem for an import its thread did not finish: time budget, memory budget, or a crash. */
  function stopped(err: unknown, what: 'page' | 'text' | 'feed'): HttpProblem {
    if (err instanceof Error && err.name === 'AbortError') {
      options.logger.warn({ timeoutMs, what }, 'import stopped at the time budget');
      return new HttpProblem(
        422,
        `the ${what} took longer than ${timeoutMs} ms to import and was stopped (BROADSHEET_IMPORT_TIMEOUT_MS)`,
        { errors: [{ path: '', message: `import time over ${timeoutMs} ms` }] },
      );
    }
    if ((err as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
      options.logger.warn({ memoryMb, what }, 'import stopped at the memory budget');
      return new HttpProblem(
        413,
        `the ${what} needs more than ${memoryMb} MB to import and was stopped (BROADSHEET_IMPORT_MEMORY_MB)`,
        { errors: [{ path: '', message: `import memory over ${memoryMb} MB` }] },
      );
    }
    options.logger.error({ err, what }, 'import failed');
    return serviceUnavailable('the import worker stopped unexpectedly; try again', RETRY_AFTER_S);
  }

  /**
   * One page in an import thread, retried once in a fresh thread when its thread died at the heap
   * cap: a long-lived thread's heap grows over the pages it imported (about one ordinary 5 KB
   * page in 60 hit 128 MB in the feeds bench), so the first death may not be this page's doing.
   * A page that really needs more dies again and answers 413.
   */
  async function runPage(task: HtmlImportTask): Promise<HtmlImportOutcome> {
    // The bytes are copied to the thread, not transferred, so a retry can send them again (a
    // transfer would need a spare copy made for every page, the same one copy).
    const run = () => pool.run(task, { signal: AbortSignal.timeout(timeoutMs) });
    try {
      return await run();
    } catch (err) {
      if ((err as { code?: unknown }).code !== 'ERR_WORKER_OUT_OF_MEMORY' || closing) throw err;
      options.logger.info(
        { memoryMb },
        'import thread reached its heap cap; trying the page again',
      );
      try {
        return await run();
      } catch (again) {
        // The time budget speaks for itself; any other death of the second thread is the page's
        // own heap again (seen as "Unable to deserialize cloned data" when it dies receiving it).
        throw again instanceof Error && again.name === 'AbortError' ? again : err;
      }
    }
  }

  async function importPage(request: HtmlImportRequest): Promise<Article> {
    if (closing) throw serviceUnavailable('the server is shutting down', RETRY_AFTER_S);
    if (running >= threads + maxQueue) {
      throw serviceUnavailable(
        `${running} web pages are being imported or waiting; try again shortly`,
        RETRY_AFTER_S,
      );
    }
    const bytes = ownBuffer(request.bytes);
    const task: HtmlImportTask = {
      bytes,
      contentType: request.contentType,
      budget,
      images,
      ...(request.url !== undefined && { url: request.url }),
      ...(request.language !== undefined && { language: request.language }),
      ...(request.slug !== undefined && { slug: request.slug }),
    };
    running += 1;
    let outcome: HtmlImportOutcome;
    try {
      outcome = await runPage(task);
    } catch (err) {
      throw stopped(err, 'page');
    } finally {
      running -= 1;
    }
    if (outcome.ok) {
      if (outcome.droppedImages.length > 0)
        options.logger.info({ dropped: outcome.droppedImages }, 'imported page: images left out');
      return outcome.article;
    }
    if (outcome.kind === 'invalid')
      throw new HttpProblem(400, outcome.detail, { errors: outcome.errors });
    if (outcome.limit === 'elements') {
      throw new HttpProblem(
        413,
        `the page has more than ${budget.maxElements} elements (BROADSHEET_HTML_MAX_ELEMENTS); it was not imported`,
        { errors: [{ path: '', message: `more than ${budget.maxElements} elements` }] },
      );
    }
    if (outcome.limit === 'attributes') {
      throw new HttpProblem(
        413,
        `an element of the page has more than ${budget.maxAttributes} attributes (BROADSHEET_HTML_MAX_ATTRIBUTES); it was not imported`,
        {
          errors: [
            { path: '', message: `more than ${budget.maxAttributes} attributes on one element` },
          ],
        },
      );
    }
    throw new HttpProblem(
      422,
      `the page nests elements more than ${budget.maxDepth} levels deep (BROADSHEET_HTML_MAX_DEPTH); it was not imported`,
      { errors: [{ path: '', message: `nested more than ${budget.maxDepth} levels deep` }] },
    );
  }

  return {
    importPage,
    importText,
    parseFeed,
    async close() {
      closing = true;
      await Promise.all([pool.close(), textPool.close(), feedPool.close()]);
    },
  };
}
