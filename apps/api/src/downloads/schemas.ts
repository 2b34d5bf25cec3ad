import { z } from 'zod';

/** Query of PDF downloads; EPUB takes none. */
export const PdfDownloadQuery = z.object({
  pageSize: z
    .enum(['A4', 'Letter'])
    .optional()
    .meta({ description: 'Paper size; A4 when absent.' }),
});

/** `?images=` on EPUB and PDF downloads: `grayscale` for e-ink readers. */
export const DownloadImagesQuery = z.object({
  images: z.enum(['grayscale', 'color']).optional().meta({
    description: '`grayscale`: pictures in one grey channel (e-ink); colour when absent.',
  }),
});
export type DownloadImagesQuery = z.infer<typeof DownloadImagesQuery>;
