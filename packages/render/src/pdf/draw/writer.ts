import PDFDocument from 'pdfkit';
import { loadFace } from '../fonts/catalog.js';
import type { PageGeometry } from '../layout/geometry.js';
import type { Fragment, LaidPage, StructPath, TextFragment } from '../layout/page-model.js';
import type { DrawRun, TextLine } from '../text/paragraph.js';
import { infoDictionary, xmpDescription, type DocumentMetadata } from './metadata.js';
import type { PdfkitInternals } from './pdfkit-internals.js';
import { patchEmbeddedFont } from './pdfkit-font-patches.js';
import { batchOutput } from './batched-output.js';
import { deflateStreamsSized } from './sized-deflate.js';
import { bufferPageContent } from './page-buffer.js';
import { flipForText, showText } from './show-text.js';

type Doc = PDFKit.PDFDocument;
type StructElement = PDFKit.PDFStructureElement;

export interface WriterOptions {
  geometry: PageGeometry;
  pdfa: boolean;
  metadata: DocumentMetadata;
}

/** A link target inside the document (TOC entries) or outside it (URLs in the text). */
export interface InternalLink {
  line: TextLine;
  destination: string;
}

/**
 * Draws laid-out pages with pdfkit, page by page (pages are flushed to the output as soon as
 * the next one starts), and keeps the structure tree in reading order:
 * Document > Art > H1/P/L/Figure/BlockQuote..., with headers, footers and rules as artifacts.
 */
export class PdfWriter {
  readonly doc: Doc;
  private readonly internals: PdfkitInternals;
  private readonly root: StructElement;
  private art: StructElement | undefined;
  private open: { key: string; el: StructElement }[] = [];
  private currentFont = '';
  private currentSize = 0;
  private currentColor = '';

  constructor(private readonly options: WriterOptions) {
    const { geometry: g, metadata } = options;
    const docOptions: Omit<PDFKit.PDFDocumentOptions, 'font'> & { font: null } = {
      size: [g.width, g.height],
      margin: 0,
      autoFirstPage: false,
      bufferPages: false,
      tagged: true,
      lang: metadata.language,
      displayTitle: true,
      pdfVersion: '1.7',
      info: infoDictionary(metadata),
      // No default font: the standard 14 fonts are never used (they are WinAnsi only).
      font: null,
    };
    if (options.pdfa) docOptions.subset = 'PDF/A-2b';
    this.doc = new PDFDocument(docOptions as unknown as PDFKit.PDFDocumentOptions);
    this.internals = this.doc as unknown as PdfkitInternals;
    batchOutput(this.doc);
    deflateStreamsSized(this.doc);
    // pdfkit knows only the a/b conformance levels; level U adds nothing to write but the letter.
    if (options.pdfa) this.internals.subset_conformance = 'U';
    this.internals._addInfo = () => this.internals.appendXML(xmpDescription(metadata));
    this.root = this.doc.struct('Document');
    this.doc.addStructure(this.root);
  }

  beginArticle(language: string): void {
    this.closeTo(0);
    this.art?.end();
    this.art = this.doc.struct('Art', { lang: language });
    this.root.add(this.art);
  }

  endArticle(): void {
    this.closeTo(0);
    this.art?.end();
    this.art = undefined;
  }

  /** Starts a page and draws its header and footer as pagination artifacts. */
  startPage(header: TextLine | undefined, footer: TextLine): void {
    const g = this.options.geometry;
    this.doc.addPage({ size: [g.width, g.height], margin: 0 });
    bufferPageContent(this.internals.page);
    // A new page starts with a fresh graphics state.
    this.currentColor = '';
    this.doc.markContent('Artifact', { type: 'Pagination' });
    if (header) {
      this.drawLine(header, g.left, g.top - 34);
      this.rect(g.left, g.top - 16, g.measure, 0.5, '#c9c3b6');
    }
    this.drawLine(footer, g.left, g.bottom + 22);
    this.doc.endMarkedContent();
  }

  drawFragments(page: LaidPage): void {
    for (const f of page.fragments) this.drawFragment(f);
  }

  /** A named destination (for TOC links) at the top of the current page. */
  destination(name: string, y: number): void {
    this.doc.addNamedDestination(name, 'XYZ', 0, y, null);
  }

  end(): void {
    this.endArticle();
    this.root.end();
    this.doc.end();
  }

  /** The structure element for a path, ending elements the reading order has left. */
  private element(path: StructPath): StructElement {
    let depth = 0;
    while (
      depth < path.length &&
      depth < this.open.length &&
      this.open[depth]?.key === path[depth]?.key
    )
      depth++;
    this.closeTo(depth);
    for (let i = depth; i < path.length; i++) {
      const node = path[i]!;
      const options: { alt?: string; lang?: string } = {};
      if (node.alt) options.alt = node.alt;
      if (node.lang) options.lang = node.lang;
      const el = this.doc.struct(node.tag, options);
      (this.open[i - 1]?.el ?? this.art ?? this.root).add(el);
      this.open.push({ key: node.key, el });
    }
    const leaf = this.open[path.length - 1];
    if (!leaf) throw new Error('empty structure path');
    return leaf.el;
  }

  closeTo(depth: number): void {
    while (this.open.length > depth) this.open.pop()?.el.end();
  }

  drawFragment(f: Fragment): void {
    if (f.kind === 'rect') {
      this.doc.markContent('Artifact', { type: 'Layout' });
      this.rect(f.x, f.y, f.width, f.height, f.color);
      this.doc.endMarkedContent();
      return;
    }
    if (f.kind === 'text' && f.artifact) {
      this.doc.markContent('Artifact', { type: 'Pagination' });
      let top = f.y;
      for (const line of f.lines) {
        this.drawLine(line, f.x, top);
        top += line.height;
      }
      this.doc.endMarkedContent();
      return;
    }
    const el = this.element(f.struct);
    if (f.kind === 'image') {
      el.add(() => {
        try {
          this.doc.image(f.data, f.x, f.y, { width: f.width, height: f.height });
        } catch {
          // pdfkit parses headers here and throws strings on ones it dislikes; the images were
          // vetted before layout, so this is a last resort: the space stays empty, the caption stays.
        }
      });
      return;
    }
    this.drawTextFragment(f, el);
  }

  private drawTextFragment(f: TextFragment, el: StructElement): void {
    let top = f.y;
    let pending: { line: TextLine; top: number }[] = [];
    const flush = () => {
      if (pending.length === 0) return;
      const batch = pending;
      pending = [];
      el.add(() => {
        for (const { line, top: t } of batch) this.drawLine(line, f.x, t);
      });
    };
    for (const line of f.lines) {
      if (line.runs.some((r) => r.href)) {
        flush();
        this.drawLinkedLine(line, f.x, top, el);
      } else pending.push({ line, top });
      top += line.height;
    }
    flush();
  }

  /** A line with links: each link is its own Link element holding its text and its annotation. */
  private drawLinkedLine(line: TextLine, x: number, top: number, el: StructElement): void {
    const groups: DrawRun[][] = [];
    for (const run of line.runs) {
      const last = groups.at(-1);
      if (last && last[0]?.href === run.href) last.push(run);
      else groups.push([run]);
    }
    for (const runs of groups) {
      const href = runs[0]?.href;
      const part: TextLine = { ...line, runs };
      if (line.actualText !== undefined) part.actualText = runs.map((r) => r.visual).join('');
      if (!href) {
        el.add(() => this.drawLine(part, x, top));
        continue;
      }
      const link = this.doc.struct('Link');
      el.add(link);
      link.add(() => this.drawLine(part, x, top));
      const left = Math.min(...runs.map((r) => r.x));
      const right = Math.max(...runs.map((r) => r.x + r.width));
      const label = runs.map((r) => r.visual).join('');
      this.doc.link(x + left, top, right - left, line.height, href, {
        structParent: link,
        Contents: new String(label),
      } as unknown as PDFKit.Mixins.AnnotationOption);
      link.end();
    }
  }

  /** Draws one line's runs on its baseline; wraps them in ActualText when extraction needs help. */
  drawLine(line: TextLine, x: number, top: number): void {
    if (line.runs.length === 0) return;
    const actual = line.actualText;
    // pdfkit's markContent leaves out an empty ActualText, which is what hides the rest of a
    // hyphenated word on the next line (see TextLine.actualText).
    if (actual !== undefined) flipForText(this.internals);
    if (actual === '') this.doc.addContent('/Span <</ActualText ()>> BDC');
    else if (actual !== undefined) this.doc.markContent('Span', { actual });
    const baseline = top + line.baseline;
    for (const run of line.runs) {
      if (this.currentFont !== run.face.id || this.currentSize !== run.size) {
        this.internals.font(loadFace(run.face), run.face.id, run.size);
        patchEmbeddedFont(this.internals._font, run.face);
        this.currentFont = run.face.id;
        this.currentSize = run.size;
      }
      if (this.currentColor !== run.color) {
        this.doc.fillColor(run.color);
        this.currentColor = run.color;
      }
      showText(
        this.internals,
        run.text,
        x + run.x,
        baseline,
        run.shaped,
        run.glyphRuns,
        run.spacing,
        actual !== undefined,
      );
    }
    if (actual === '') this.doc.addContent('EMC');
    else if (actual !== undefined) this.doc.endMarkedContent();
    if (actual !== undefined) {
      this.doc.addContent('Q');
      // A colour set inside the saved state is gone with it: the next run sets its own.
      this.currentColor = '';
    }
  }

  private rect(x: number, y: number, w: number, h: number, color: string): void {
    this.doc.save().rect(x, y, w, h).fill(color).restore();
    this.currentColor = '';
  }

  internalLink(
    x: number,
    y: number,
    w: number,
    h: number,
    destination: string,
    el: StructElement,
  ): void {
    this.doc.goTo(x, y, w, h, destination, {
      structParent: el,
    } as unknown as PDFKit.Mixins.AnnotationOption);
  }

  /** The struct element for a path (for callers that add annotations of their own). */
  structFor(path: StructPath): StructElement {
    return this.element(path);
  }
}
