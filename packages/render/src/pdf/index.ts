export { renderPdf, renderPdfToStream } from './render.js';
export type { PdfOptions } from './options.js';
