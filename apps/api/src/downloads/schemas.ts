import { z } from 'zod';

/** Query of PDF downloads; EPUB takes none. */
export const PdfDownloadQuery = z.object({
  pageSize: z
    .enum(['A4', 'Letter'])
    .optional()
    .meta({ description: 'Paper size; A4 when absent.' }),
});
