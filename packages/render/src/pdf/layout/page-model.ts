import type { TextLine } from '../text/paragraph.js';

/** One element of the structure tree, from the article element (Art) downwards. */
export interface StructNode {
  /** Unique within the document; fragments with the same key belong to the same element. */
  key: string;
  tag: string;
  alt?: string;
  lang?: string;
}

export type StructPath = readonly StructNode[];

export interface TextFragment {
  kind: 'text';
  struct: StructPath;
  /** Left edge of the measure and top of the first line, in page coordinates (y down). */
  x: number;
  y: number;
  width: number;
  lines: TextLine[];
  /** Drawn as a pagination artifact, outside the structure tree (jump lines of columns). */
  artifact?: boolean;
}

export interface ImageFragment {
  kind: 'image';
  struct: StructPath;
  data: Buffer;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Decoration (rules, tints): drawn as an artifact, invisible to the structure tree. */
export interface RectFragment {
  kind: 'rect';
  x: number;
  y: number;
  width: number;
  height: number;
  color: string;
}

export type Fragment = TextFragment | ImageFragment | RectFragment;

export interface LaidPage {
  fragments: Fragment[];
  /** Outline entries starting on this page (headings), in order. */
  marks: { title: string; level: number; y: number }[];
}
