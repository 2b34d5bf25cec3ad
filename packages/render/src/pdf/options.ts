/** Options of renderPdf and renderPdfToStream. */
export interface PdfOptions {
  /** Paper size; A4 unless given. */
  pageSize?: 'A4' | 'Letter';
  /** Write PDF/A-2u (archival): PDF 1.7, an sRGB output intent, pdfaid in the XMP. */
  pdfa?: boolean;
  /**
   * Folder that relative image paths resolve against. Without it relative paths are not read
   * (the image is left out and its caption kept); http(s) images are never fetched.
   */
  imageBaseDir?: string;
  /**
   * Body text: `justify` (the default) sets paragraphs, quotes and list items to the full measure
   * with total-fit line breaking and the language's hyphenation; `ragged` sets them ragged right
   * (ragged left in right-to-left text), broken greedily and never hyphenated.
   */
  align?: 'justify' | 'ragged';
}
