import { createRequire } from 'node:module';
import type { Article, Edition } from '@broadsheet/model';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
/** One full TTF, the way a first pdfkit program embeds a font. */
export const BASELINE_TTF: string = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf');

function textOf(block: Article['body'][number]): string[] {
  switch (block.type) {
    case 'list':
      return block.items.map((i) => `• ${i.text}`);
    case 'figure':
      return block.image.caption ? [block.image.caption] : [];
    default:
      return [block.text];
  }
}

/**
 * The baseline renderPdf is measured against: a naive pdfkit document with one embedded TTF
 * (parsed anew per document, as a naive program does), headline and paragraphs per article,
 * pdfkit's own line wrapping, no tagging, no fallback fonts.
 */
export function naivePdf(input: Article | Edition): Promise<Buffer> {
  const articles = 'sections' in input ? input.sections.flatMap((s) => s.articles) : [input];
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { CreationDate: new Date(0) } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', BASELINE_TTF);
  articles.forEach((a, i) => {
    if (i > 0) doc.addPage();
    doc.font('body').fontSize(20).text(a.headline);
    doc.fontSize(10.5);
    for (const block of a.body) for (const t of textOf(block)) doc.text(t, { paragraphGap: 6 });
  });
  doc.end();
  return done;
}
