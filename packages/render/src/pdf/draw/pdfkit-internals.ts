import type { Font } from 'fontkit';

/**
 * The few pdfkit 0.20.2 internals we use (the version is pinned exactly). Runs are drawn at
 * explicit positions without pdfkit's wrapping, which breaks words at font changes (see
 * show-text.ts for how); `_addInfo` writes the XMP packet, which pdfkit does without escaping.
 */
export interface PdfkitInternals {
  _addInfo(): void;
  appendXML(xml: string, newline?: boolean): void;
  subset_conformance?: string;
  page: { height: number; width: number; fonts: Record<string, unknown> };
  _fontSize: number;
  addContent(data: string): unknown;
  font(src: Font, family: string, size?: number): unknown;
  /** The current EmbeddedFont. */
  _font: unknown;
}
