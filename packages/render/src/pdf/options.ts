/** Paper sizes renderPdf knows, in the order interfaces list them. */
export const PAGE_SIZES = ['A4', 'Letter', 'A3', 'Tabloid'] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

/** Page layouts of editions: one column (the default, for phones) or a newspaper's columns. */
export const PDF_LAYOUTS = ['single', 'columns'] as const;
export type PdfLayout = (typeof PDF_LAYOUTS)[number];

/** Options of renderPdf and renderPdfToStream. */
export interface PdfOptions {
  /** Paper size; A4 unless given. A3 and Tabloid are for the column layout's broadsheet pages. */
  pageSize?: PageSize;
  /** Write PDF/A-2u (archival): PDF 1.7, an sRGB output intent, pdfaid in the XMP. */
  pdfa?: boolean;
  /** Page margins in points, all four sides; the default leaves about 75 characters a line. */
  margins?: number;
  /** Body text size in points (default 10.5); every other size keeps its proportion to it. */
  fontSize?: number;
  /**
   * Folder that relative image paths resolve against. Without it relative paths are not read
   * (the image is left out and its caption kept); http(s) images are never fetched.
   */
  imageBaseDir?: string;
  /**
   * Pictures whose header claims more pixels (width × height) are left out, caption kept,
   * before anything is decoded. Default DEFAULT_MAX_IMAGE_PIXELS (40 million).
   */
  maxImagePixels?: number;
  /**
   * Body text: `justify` (the default) sets paragraphs, quotes and list items to the full measure
   * with total-fit line breaking and the language's hyphenation; `ragged` sets them ragged right
   * (ragged left in right-to-left text), broken greedily and never hyphenated.
   */
  align?: 'justify' | 'ragged';
  /**
   * Editions only: `single` (the default) starts every article on a new page in one column;
   * `columns` sets a newspaper: a front page (masthead, lead story, headlines with their pages),
   * then the articles one after another in 2 columns (A4, Letter) or 3 (A3, Tabloid), balanced
   * at each article's end, with "Continued on page N" where one jumps. Articles alone ignore it.
   */
  layout?: PdfLayout;
}
