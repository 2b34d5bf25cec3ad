import { finished, type Writable } from 'node:stream';
import type { Article, Edition } from '@broadsheet/model';
import { directionOf } from '../display/direction.js';
import { labelsFor } from '../display/labels.js';
import { editionArticles, isEdition } from '../shared/index.js';
import { countArticlePages, layoutArticle, outlineTitle } from './article-pages.js';
import { ImageLoader } from './images/load-image.js';
import { articleMetadata, editionMetadata } from './document-metadata.js';
import { singleLine } from './draw/lines.js';
import type { TextLine } from './text/paragraph.js';
import { PdfWriter } from './draw/writer.js';
import { columnCount, layoutColumns } from './layout/columns.js';
import { coverPage, tocPages, type TocEntry } from './layout/edition.js';
import { frontPage } from './layout/front-page.js';
import { pageGeometry, type PageGeometry } from './layout/geometry.js';
import type { LaidPage } from './layout/page-model.js';
import type { PdfOptions } from './options.js';

type Outline = PDFKit.PDFOutline;

/** Bytes pdfkit may hold unread before the renderer waits for the consumer (streaming only). */
const HIGH_WATER = 1 << 16;
/** Editions up to this many articles keep their first layout for drawing; longer ones lay out twice. */
const KEEP_LAYOUTS = 64;

function outlineItem(parent: Outline, title: string, g: PageGeometry, y: number): Outline {
  // pdfkit computes the destination's left as page width minus `left`.
  return parent.addItem(title, { top: y, left: g.width } as { expanded?: boolean });
}

class Pager {
  page = 0;
  constructor(
    private readonly writer: PdfWriter,
    private readonly g: PageGeometry,
    readonly total: number,
    private readonly language: string,
  ) {}
  /** The running header of the last page: the same text on every page, laid out once. */
  private head: { text: string; line: TextLine | undefined } | undefined;
  start(header: string | undefined): void {
    this.page++;
    if (header !== undefined && this.head?.text !== header) {
      const dir = directionOf(this.language);
      const line = singleLine(
        header,
        this.g.styles.header,
        this.g.measure,
        this.language,
        dir,
        'start',
      );
      this.head = { text: header, line };
    }
    const head = header ? this.head?.line : undefined;
    const foot = singleLine(
      labelsFor(this.language).page(this.page, this.total),
      this.g.styles.header,
      this.g.measure,
      this.language,
      directionOf(this.language),
      'center',
    );
    if (!foot) throw new Error('footer did not lay out');
    this.writer.startPage(head, foot);
  }
}

type Drain = () => Promise<void>;

function drawArticle(
  writer: PdfWriter,
  pager: Pager,
  article: Article,
  pages: LaidPage[],
  header: string,
  g: PageGeometry,
  outline: Outline,
): void {
  writer.beginArticle(article.language);
  let item: Outline | undefined;
  pages.forEach((page, i) => {
    pager.start(header);
    if (i === 0) item = outlineItem(outline, outlineTitle(article), g, g.top);
    for (const mark of page.marks)
      if (item && mark.level <= 2) outlineItem(item, mark.title, g, mark.y);
    writer.drawFragments(page);
  });
  writer.endArticle();
}

function headerFor(article: Article): string {
  return article.publisher?.name ?? article.source?.name ?? article.section ?? 'Broadsheet';
}

async function writeArticle(
  writer: PdfWriter,
  article: Article,
  options: PdfOptions,
): Promise<void> {
  const g = pageGeometry(options);
  const images = new ImageLoader(options.imageBaseDir, options.maxImagePixels);
  const pages = layoutArticle(article, g, 'a', images, options.align);
  const pager = new Pager(writer, g, pages.length, article.language);
  drawArticle(writer, pager, article, pages, headerFor(article), g, writer.doc.outline);
  await Promise.resolve();
}

/**
 * The column layout: a front page, then the articles one after another in columns. Every
 * article's layout is kept until drawn (the front page needs their page numbers first).
 */
async function writeNewspaper(
  writer: PdfWriter,
  edition: Edition,
  options: PdfOptions,
  drain: Drain,
): Promise<void> {
  const g = pageGeometry(options);
  const images = new ImageLoader(options.imageBaseDir, options.maxImagePixels);
  const entries = editionArticles(edition);
  const count = columnCount(options.pageSize);
  const tocOf = (starts: readonly number[], first: number): TocEntry[] =>
    entries.map((e, i) => ({
      entry: e,
      page: (starts[i] ?? 0) + first,
      destination: `article-${e.index + 1}`,
    }));
  // The headlines' list may run onto more front pages; how many does not depend on the page
  // numbers it prints (their column has a fixed width), so a count with placeholders decides
  // where the inner pages start.
  const frontCount = frontPage(edition, tocOf([], 9999), g, count, images).pages.length;
  const first = frontCount + 1;
  const news = layoutColumns(entries, g, count, {
    images,
    align: options.align,
    rtl: directionOf(edition.language) === 'rtl',
    pageNumber: (inner) => inner + first,
  });
  const front = frontPage(edition, tocOf(news.starts, first), g, count, images);
  const pager = new Pager(writer, g, news.pages.length + front.pages.length, edition.language);
  pager.start(undefined);
  const editionItem = outlineItem(writer.doc.outline, edition.title, g, g.top);
  front.pages.forEach((page, i) => {
    if (i > 0) pager.start(edition.title);
    drawToc(writer, page, front.links);
  });
  writer.closeTo(0);
  let sectionItem: Outline = editionItem;
  let sectionIndex = -1;
  let current = -1;
  for (const page of news.pages) {
    pager.start(edition.title);
    for (const piece of page.pieces) {
      const e = entries[piece.entry]!;
      if (piece.entry !== current) {
        writer.beginArticle(e.article.language);
        current = piece.entry;
      }
      if (piece.start !== undefined) {
        writer.destination(`article-${e.index + 1}`, piece.start);
        if (e.sectionIndex !== sectionIndex) {
          sectionIndex = e.sectionIndex;
          sectionItem = outlineItem(editionItem, e.sectionTitle, g, piece.start);
        }
        outlineItem(sectionItem, outlineTitle(e.article), g, piece.start);
      }
      writer.drawFragments(piece.page);
    }
    await drain();
  }
}

async function writeEdition(
  writer: PdfWriter,
  edition: Edition,
  options: PdfOptions,
  drain: Drain,
): Promise<void> {
  if (options.layout === 'columns') return writeNewspaper(writer, edition, options, drain);
  const g = pageGeometry(options);
  const images = new ImageLoader(options.imageBaseDir, options.maxImagePixels);
  const entries = editionArticles(edition);
  // Pass 1: lay out every article to learn its page count, which the TOC and "page X of Y" need.
  // Layouts are kept for small editions and recomputed in pass 2 for large ones, so memory stays
  // bounded by one article's layout however long the edition is.
  const keep = entries.length <= KEEP_LAYOUTS;
  const counts: number[] = [];
  const kept: LaidPage[][] = [];
  for (const e of entries) {
    if (keep) {
      const pages = layoutArticle(e.article, g, `a${e.index}`, images, options.align);
      counts.push(pages.length);
      kept.push(pages);
    } else counts.push(countArticlePages(e.article, g, `a${e.index}`, images, options.align));
  }
  const cover = coverPage(edition, g, images);
  const tocEntries = (starts: number[]): TocEntry[] =>
    entries.map((e, i) => ({
      entry: e,
      page: starts[i] ?? 0,
      destination: `article-${e.index + 1}`,
    }));
  const tocCount = tocPages(edition, tocEntries(entries.map(() => 9999)), g).pages.length;
  const starts: number[] = [];
  let next = 1 + tocCount + 1;
  for (const c of counts) {
    starts.push(next);
    next += c;
  }
  const total = next - 1;
  const toc = tocPages(edition, tocEntries(starts), g);
  const pager = new Pager(writer, g, total, edition.language);

  const root = writer.doc.outline;
  pager.start(undefined);
  const editionItem = outlineItem(root, edition.title, g, g.top);
  writer.drawFragments(cover);
  toc.pages.forEach((page) => {
    pager.start(edition.title);
    drawToc(writer, page, toc.links);
  });
  writer.closeTo(0);
  let sectionItem: Outline = editionItem;
  let sectionIndex = -1;
  for (const e of entries) {
    const pages = keep
      ? kept[e.index]!
      : layoutArticle(e.article, g, `a${e.index}`, images, options.align);
    if (keep) kept[e.index] = [];
    const opensSection = e.sectionIndex !== sectionIndex;
    sectionIndex = e.sectionIndex;
    writer.beginArticle(e.article.language);
    pages.forEach((page, i) => {
      pager.start(edition.title);
      if (i === 0) {
        writer.destination(`article-${e.index + 1}`, g.top);
        // Outline items point at the page current when they are added: the article's first page.
        if (opensSection) sectionItem = outlineItem(editionItem, e.sectionTitle, g, g.top);
        outlineItem(sectionItem, outlineTitle(e.article), g, g.top);
      }
      writer.drawFragments(page);
    });
    writer.endArticle();
    await drain();
  }
}

/** TOC pages: each entry's Link element holds its text, its page number and its GoTo annotation. */
function drawToc(writer: PdfWriter, page: LaidPage, links: Map<string, string>): void {
  page.fragments.forEach((f, i) => {
    writer.drawFragment(f);
    if (f.kind !== 'text') return;
    const key = f.struct.at(-1)?.key ?? '';
    const destination = links.get(key);
    const next = page.fragments[i + 1];
    if (!destination || (next?.kind === 'text' && next.struct.at(-1)?.key === key)) return;
    const height = f.lines.reduce((h, l) => h + l.height, 0);
    writer.internalLink(f.x, f.y, f.width, height, destination, writer.structFor(f.struct));
    writer.closeTo(f.struct.length - 1);
  });
}

/** Renders into a writer, calling `drain` between articles so a consumer can keep up. */
async function write(
  input: Article | Edition,
  options: PdfOptions,
  writer: PdfWriter,
  drain: Drain,
): Promise<void> {
  if (isEdition(input)) await writeEdition(writer, input, options, drain);
  else await writeArticle(writer, input, options);
  writer.end();
}

function newWriter(input: Article | Edition, options: PdfOptions): PdfWriter {
  return new PdfWriter({
    geometry: pageGeometry(options),
    pdfa: options.pdfa === true,
    metadata: isEdition(input) ? editionMetadata(input) : articleMetadata(input),
  });
}

/** Renders an article or an edition to PDF bytes. Same input and options, same bytes. */
export async function renderPdf(
  input: Article | Edition,
  options: PdfOptions = {},
): Promise<Buffer> {
  const writer = newWriter(input, options);
  const chunks: Buffer[] = [];
  writer.doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    writer.doc.on('end', resolve);
    writer.doc.on('error', reject);
  });
  await write(input, options, writer, () => Promise.resolve());
  await done;
  return Buffer.concat(chunks);
}

/**
 * Renders to a writable stream as pages complete. pdfkit writes each page when the next one
 * starts; between articles the renderer waits while more than 1 MiB is unread, so a
 * 1000-article edition never sits whole in memory.
 *
 * A failure of `out` (it could not be opened, the disk is full) rejects with the stream's
 * error: at once if `out` has already failed, else at the next article boundary, and at the
 * latest when the document ends. It is never left unobserved, and never left waiting for a
 * 'finish' that will not come.
 */
export async function renderPdfToStream(
  input: Article | Edition,
  out: NodeJS.WritableStream,
  options: PdfOptions = {},
): Promise<void> {
  const stream = out as Writable;
  // A file stream that failed to open has already emitted its error, before we could listen.
  if (stream.errored) throw stream.errored;
  const writer = newWriter(input, options);
  const doc = writer.doc;
  let failure: { error: unknown } | undefined;
  const done = new Promise<void>((resolve, reject) => {
    const fail = (error: Error) => {
      failure ??= { error };
      reject(error);
    };
    // pipe() never ends stdout or stderr, so for them the document's end is the finish line.
    if (out === process.stdout || out === process.stderr) {
      doc.once('end', resolve);
      stream.once('error', fail);
    } else {
      // Also settles for a stream destroyed or failed before now (premature close).
      finished(stream, { readable: false }, (error) => (error ? fail(error) : resolve()));
    }
    doc.once('error', fail);
  });
  // Observed now, awaited after rendering: a failure mid-render must not be an unhandled rejection.
  done.catch(() => undefined);
  doc.pipe(stream);
  const drain: Drain = async () => {
    for (;;) {
      // pipe() stops reading when `out` fails: stop rendering instead of buffering the rest.
      if (failure) throw failure.error;
      if (doc.readableLength <= HIGH_WATER) return;
      await new Promise((r) => setImmediate(r));
    }
  };
  await write(input, options, writer, drain);
  await done;
}
