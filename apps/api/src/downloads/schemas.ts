import { z } from 'zod';

/** Query of PDF downloads; EPUB takes none. */
export const PdfDownloadQuery = z.object({
  pageSize: z
    .enum(['A4', 'Letter', 'A3', 'Tabloid'])
    .optional()
    .meta({ description: 'Paper size; A4 when absent.' }),
});

/** Query of PDF edition downloads: the page size, and the newspaper layout. */
export const PdfEditionDownloadQuery = PdfDownloadQuery.extend({
  layout: z.enum(['single', 'columns']).optional().meta({
    description:
      'single (the default): each article on new pages, one column. columns: a newspaper, with a front page (masthead, lead story, headlines with their pages) and the articles in 2 columns on A4 and Letter, 3 on A3 and Tabloid.',
  }),
});
/** `?images=` on EPUB and PDF downloads: `grayscale` for e-ink readers. */
export const DownloadImagesQuery = z.object({
  images: z.enum(['grayscale', 'color']).optional().meta({
    description: '`grayscale`: pictures in one grey channel (e-ink); colour when absent.',
  }),
});
export type DownloadImagesQuery = z.infer<typeof DownloadImagesQuery>;
