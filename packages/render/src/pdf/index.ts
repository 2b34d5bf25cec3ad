import type { Article, Edition } from '@broadsheet/model';
import type { PdfOptions } from './options.js';

export type { PdfLayout, PdfOptions, PageSize } from './options.js';
export { PAGE_SIZES, PDF_LAYOUTS } from './options.js';

/**
 * Renders an article or an edition to PDF bytes. Same input and options, same bytes.
 * pdfkit and the fonts load on first use, so importing @broadsheet/render stays cheap.
 */
export async function renderPdf(
  input: Article | Edition,
  options: PdfOptions = {},
): Promise<Buffer> {
  const { renderPdf: render } = await import('./render.js');
  return render(input, options);
}

/**
 * Renders to a writable stream as pages complete (a 1000-article edition never sits whole in
 * memory); resolves when the stream has finished.
 */
export async function renderPdfToStream(
  input: Article | Edition,
  out: NodeJS.WritableStream,
  options: PdfOptions = {},
): Promise<void> {
  const { renderPdfToStream: render } = await import('./render.js');
  return render(input, out, options);
}
