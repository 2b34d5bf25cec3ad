import type { Font } from 'fontkit';

/**
 * The few pdfkit 0.20.2 internals we use (the version is pinned exactly). `_fragment` draws one
 * run at an explicit position without pdfkit's wrapping, which breaks words at font changes;
 * `_addInfo` writes the XMP packet, which pdfkit does without escaping.
 */
export interface PdfkitInternals {
  _fragment(text: string, x: number, y: number, options: Record<string, unknown>): void;
  _addInfo(): void;
  appendXML(xml: string, newline?: boolean): void;
  subset_conformance?: string;
  page: { height: number; width: number };
  font(src: Font, family: string, size?: number): unknown;
  /** The current EmbeddedFont. */
  _font: unknown;
}
