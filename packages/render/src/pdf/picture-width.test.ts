import { parseArticle } from '@broadsheet/model';
import { pngBytes, requireTool, runProcess, withPdfFile } from '@broadsheet/testing';
import { describe, expect, it } from 'vitest';
import { renderPdf } from './index.js';

/** Horizontal pixels per inch of each picture as placed, from `pdfimages -list` (column x-ppi). */
async function placedPpi(pdf: Uint8Array): Promise<number[]> {
  const pdfimages = requireTool('pdfimages', 'poppler-utils');
  const { stdout } = await withPdfFile(pdf, (file) => runProcess(pdfimages, ['-list', file]));
  return stdout
    .split('\n')
    .slice(2)
    .filter((row) => row.trim() !== '')
    .map((row) => Number(row.trim().split(/\s+/)[12]));
}

// The API's PDF rendition of a large photo is 300 dpi at the A4 text width: 1929 px.
const PHOTO = `data:image/png;base64,${pngBytes(1929, 1286, [30, 90, 160]).toString('base64')}`;

describe('a picture in the PDF', { timeout: 60_000 }, () => {
  it.each([
    // 1929 px across the page width less the 66 pt side margins: 463 pt on A4, 480 on Letter.
    ['A4', 300],
    ['Letter', 289],
  ] as const)('is drawn across the text width on %s', async (pageSize, ppi) => {
    const article = parseArticle({
      headline: 'Harbour wall raised',
      language: 'en',
      body: [
        { type: 'paragraph', text: 'The wall was raised.' },
        { type: 'figure', image: { src: PHOTO, alt: 'The wall', caption: 'The wall.' } },
      ],
    });
    const [placed] = await placedPpi(await renderPdf(article, { pageSize }));
    expect(placed).toBe(ppi);
  });
});
