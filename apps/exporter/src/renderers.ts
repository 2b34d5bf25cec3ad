import type { EpubOptions, PdfOptions, renderEpub, renderPdfToStream } from '@broadsheet/render';

export type RenderEpub = typeof renderEpub;
export type RenderPdfToStream = typeof renderPdfToStream;
export type { EpubOptions, PdfOptions };

function missingExport(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === 'ERR_PACKAGE_PATH_NOT_EXPORTED' || code === 'ERR_MODULE_NOT_FOUND') return true;
  // Vite's resolver (under vitest) says the same in words, without a code.
  return typeof message === 'string' && /is not exported under the conditions/.test(message);
}

/**
 * Imports the first specifier that exists. The renderers are loaded only when a format asks
 * for them, and from a per-format subpath where the package offers one, because module
 * loading dominates a short export (epub-gen-memory alone costs a bare Node process most
 * of its 0.46 s; pdfkit and fontkit are as heavy) and the benchmark runs the whole process.
 */
async function importFirst<T>(specifiers: readonly [...string[], string]): Promise<T> {
  const last = specifiers.at(-1) as string;
  for (const specifier of specifiers.slice(0, -1)) {
    try {
      return (await import(specifier)) as T;
    } catch (error) {
      if (!missingExport(error)) throw error;
    }
  }
  return (await import(last)) as T;
}

let epub: Promise<RenderEpub> | undefined;
let pdf: Promise<RenderPdfToStream> | undefined;

export function loadEpubRenderer(): Promise<RenderEpub> {
  epub ??= importFirst<{ renderEpub: RenderEpub }>([
    '@broadsheet/render/epub',
    '@broadsheet/render',
  ]).then((m) => m.renderEpub);
  return epub;
}

export function loadPdfRenderer(): Promise<RenderPdfToStream> {
  pdf ??= importFirst<{ renderPdfToStream: RenderPdfToStream }>([
    '@broadsheet/render/pdf',
    '@broadsheet/render',
  ]).then((m) => m.renderPdfToStream);
  return pdf;
}
