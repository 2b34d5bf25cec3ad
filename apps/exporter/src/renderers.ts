import type * as EpubExports from '@broadsheet/render/epub';
import type { EpubOptions, PdfOptions, renderEpub, renderPdfToStream } from '@broadsheet/render';

export type RenderEpub = typeof renderEpub;
export type RenderPdfToStream = typeof renderPdfToStream;
export type { EpubOptions, PdfOptions };

export type EpubModule = typeof EpubExports;
let epubModule: Promise<EpubModule> | undefined;
let epub: Promise<RenderEpub> | undefined;
let pdf: Promise<RenderPdfToStream> | undefined;

/*
 * The renderers load only when a format asks for them, each from its own subpath, because
 * module loading dominates a short export (epub-gen-memory, pdfkit and fontkit each cost
 * hundreds of milliseconds) and the benchmark times the whole process. The specifiers are
 * literal so the bundler (scripts/bundle.js) splits each renderer into its own chunk.
 */

export function loadEpubModule(): Promise<EpubModule> {
  epubModule ??= import('@broadsheet/render/epub');
  return epubModule;
}

export function loadEpubRenderer(): Promise<RenderEpub> {
  epub ??= loadEpubModule().then((m) => m.renderEpub);
  return epub;
}

export function loadPdfRenderer(): Promise<RenderPdfToStream> {
  pdf ??= import('@broadsheet/render/pdf').then((m) => m.renderPdfToStream);
  return pdf;
}
