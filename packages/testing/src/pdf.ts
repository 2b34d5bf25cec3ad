import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { XMLValidator } from 'fast-xml-parser';
import { requireTool } from './tools.js';

const run = promisify(execFile);

/** A PDF given as bytes or as a file path. */
export type PdfInput = Uint8Array | string;

/** Calls `fn` with a path to the PDF, writing bytes to a temporary file first (removed afterwards). */
export async function withPdfFile<T>(pdf: PdfInput, fn: (path: string) => Promise<T>): Promise<T> {
  if (typeof pdf === 'string') return fn(pdf);
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-pdf-'));
  try {
    const path = join(dir, 'document.pdf');
    await writeFile(path, pdf);
    return await fn(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The Debian package of each command this file runs. */
const PACKAGES = {
  qpdf: 'qpdf',
  pdffonts: 'poppler-utils',
  pdfinfo: 'poppler-utils',
  pdftotext: 'poppler-utils',
  pdfimages: 'poppler-utils',
} as const;

async function tool(
  cmd: keyof typeof PACKAGES,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const path = requireTool(cmd, PACKAGES[cmd]);
  try {
    const { stdout, stderr } = await run(path, args, {
      maxBuffer: 256 * 1024 * 1024,
      encoding: 'utf8',
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw error; // could not run at all: fail loudly, never skip
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** Width x height (`"64x48"`) of each image drawn in a PDF, from poppler's `pdfimages -list`. */
export async function pdfImageSizes(pdf: PdfInput): Promise<string[]> {
  const { code, stdout, stderr } = await withPdfFile(pdf, (path) =>
    tool('pdfimages', ['-list', path]),
  );
  if (code !== 0) throw new Error(`pdfimages failed: ${stderr}`);
  return stdout
    .split('\n')
    .slice(2)
    .filter((row) => row.trim() !== '')
    .map((row) => {
      const [, , , width, height] = row.trim().split(/\s+/);
      return `${width}x${height}`;
    });
}

/** `qpdf --check`: ok only when qpdf exits 0 (no errors and no warnings). */
export async function qpdfCheck(pdf: PdfInput): Promise<{ ok: boolean; output: string }> {
  return withPdfFile(pdf, async (path) => {
    const r = await tool('qpdf', ['--check', path]);
    return { ok: r.code === 0, output: `${r.stdout}${r.stderr}` };
  });
}

export interface PdfFont {
  name: string;
  type: string;
  encoding: string;
  embedded: boolean;
  subset: boolean;
  unicode: boolean;
}

/** `pdffonts`: one row per font resource. */
export async function pdffonts(pdf: PdfInput): Promise<PdfFont[]> {
  return withPdfFile(pdf, async (path) => {
    const r = await tool('pdffonts', [path]);
    if (r.code !== 0) throw new Error(`pdffonts failed: ${r.stderr}`);
    return r.stdout
      .split('\n')
      .slice(2)
      .filter((line) => line.trim() !== '')
      .map((line) => {
        // name type encoding emb sub uni objectID gen; type may contain spaces ("CID TrueType").
        const m = /^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(
          line,
        );
        if (!m) throw new Error(`unexpected pdffonts line: ${line}`);
        return {
          name: m[1]!,
          type: m[2]!,
          encoding: m[3]!,
          embedded: m[4] === 'yes',
          subset: m[5] === 'yes',
          unicode: m[6] === 'yes',
        };
      });
  });
}

/** `pdfinfo`: "Key: value" pairs (Title, Tagged, Pages, PDF version, ...). */
export async function pdfinfo(pdf: PdfInput): Promise<Record<string, string>> {
  return withPdfFile(pdf, async (path) => {
    const r = await tool('pdfinfo', ['-enc', 'UTF-8', path]);
    if (r.code !== 0) throw new Error(`pdfinfo failed: ${r.stderr}`);
    const out: Record<string, string> = {};
    for (const line of r.stdout.split('\n')) {
      const m = /^([^:]+):\s*(.*)$/.exec(line);
      if (m) out[m[1]!.trim()] = m[2]!.trim();
    }
    return out;
  });
}

/** Unicode bidi embedding controls that pdftotext wraps right-to-left runs in. */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200e\u200f]/g;

/**
 * `pdftotext -raw` (content-stream order, which for our PDFs is reading order), with the bidi
 * embedding controls poppler adds around right-to-left runs removed. Pages are split on form feeds.
 */
export async function pdftotext(
  pdf: PdfInput,
  options: { keepBidiControls?: boolean } = {},
): Promise<string[]> {
  return withPdfFile(pdf, async (path) => {
    const r = await tool('pdftotext', ['-raw', '-enc', 'UTF-8', path, '-']);
    if (r.code !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
    const text = options.keepBidiControls ? r.stdout : r.stdout.replace(BIDI_CONTROLS, '');
    return text.split('\f').slice(0, -1);
  });
}

/** The whole file with streams uncompressed and objects spelled out (`qpdf --qdf`), as text. */
export async function qdfText(pdf: PdfInput): Promise<string> {
  return withPdfFile(pdf, async (path) => {
    const r = await tool('qpdf', ['--qdf', '--object-streams=disable', path, '-']);
    if (r.code !== 0 && r.code !== 3) throw new Error(`qpdf --qdf failed: ${r.stderr}`);
    return r.stdout;
  });
}

/** Undefined when the XML is well-formed, else the parser's complaint. */
export function xmlProblem(xml: string): string | undefined {
  const result = XMLValidator.validate(
    xml.replace(/^\s*<\?xpacket[^>]*\?>/, '').replace(/<\?xpacket[^>]*\?>\s*$/, ''),
  );
  return result === true ? undefined : `${result.err.msg} (line ${result.err.line})`;
}

/** ToUnicode entries that map a glyph to nothing (PDF/A-2u forbids them), over all fonts. */
export function emptyToUnicodeEntries(qdf: string): number {
  let count = 0;
  for (const m of qdf.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    count += (m[1]?.match(/<>/g) ?? []).length;
  return count;
}

/**
 * Glyph ids drawn by text-showing operators, per font resource, read from the uncompressed
 * content streams (`qpdf --qdf`). With Identity-H fonts a two-byte code is the glyph id, and
 * glyph 0 is .notdef: a box where a character had no glyph.
 */
export async function drawnGlyphIds(pdf: PdfInput): Promise<Map<string, Set<number>>> {
  return withPdfFile(pdf, async (path) => {
    const r = await tool('qpdf', ['--qdf', '--object-streams=disable', path, '-']);
    if (r.code !== 0 && r.code !== 3) throw new Error(`qpdf --qdf failed: ${r.stderr}`);
    const ids = new Map<string, Set<number>>();
    let font = '';
    const ops =
      /\/(\S+)\s+[\d.]+\s+Tf|\[((?:<[0-9a-fA-F]*>|[-\d.\s])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g;
    for (const m of r.stdout.matchAll(ops)) {
      if (m[1] !== undefined) {
        font = m[1];
        continue;
      }
      const hexes =
        m[2] !== undefined
          ? [...m[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1] ?? '')
          : [m[3] ?? ''];
      let set = ids.get(font);
      if (!set) ids.set(font, (set = new Set()));
      for (const hex of hexes)
        for (let i = 0; i + 4 <= hex.length; i += 4) set.add(parseInt(hex.slice(i, i + 4), 16));
    }
    return ids;
  });
}

export interface PdfjsSummary {
  pages: number;
  /** Text of each page as pdf.js extracts it (lines joined with "\n"). */
  text: string[];
  info: Record<string, unknown>;
  /** The XMP packet as stored in the file, or undefined. */
  xmp: string | undefined;
  /** Outline titles, depth first, indented two spaces per level. */
  outline: string[];
  /** Link annotations: URIs and internal destinations, per page. */
  links: { page: number; url?: string; dest?: unknown }[];
  /** Structure elements with content on each page, in tree order: role and, for figures, alt text. */
  structure: { role: string; alt?: string }[][];
  /** dc:title as pdf.js parses it from the XMP (undefined when the XMP did not parse). */
  xmpTitle: string | undefined;
}

interface StructNode {
  role?: string;
  alt?: string;
  type?: string;
  children?: StructNode[];
}

function flattenStructure(node: StructNode | null, out: { role: string; alt?: string }[]): void {
  if (!node) return;
  if (node.role && node.role !== 'Root') {
    const entry: { role: string; alt?: string } = { role: node.role };
    if (node.alt !== undefined) entry.alt = node.alt;
    out.push(entry);
  }
  for (const child of node.children ?? []) flattenStructure(child, out);
}

interface OutlineNode {
  title: string;
  items: OutlineNode[];
}

/** Reads a PDF in-process with pdf.js (legacy build, no worker): text, metadata, outline, links. */
/** Opens a PDF with pdf.js (legacy build, no worker, no eval, no system fonts). */
async function openPdfjs(pdf: PdfInput) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const data =
    typeof pdf === 'string'
      ? new Uint8Array(await import('node:fs/promises').then((fs) => fs.readFile(pdf)))
      : new Uint8Array(pdf);
  return pdfjs.getDocument({
    data,
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
}

export async function readPdf(pdf: PdfInput): Promise<PdfjsSummary> {
  const doc = await openPdfjs(pdf);
  try {
    const text: string[] = [];
    const links: PdfjsSummary['links'] = [];
    const structure: { role: string; alt?: string }[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      text.push(
        content.items
          .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
          .join(''),
      );
      const roles: { role: string; alt?: string }[] = [];
      flattenStructure(await page.getStructTree(), roles);
      structure.push(roles);
      for (const a of (await page.getAnnotations()) as {
        subtype?: string;
        url?: string;
        dest?: unknown;
      }[]) {
        if (a.subtype !== 'Link') continue;
        const link: PdfjsSummary['links'][number] = { page: n };
        if (a.url !== undefined) link.url = a.url;
        if (a.dest !== undefined) link.dest = a.dest;
        links.push(link);
      }
    }
    const meta = await doc.getMetadata();
    const outline: string[] = [];
    const walk = (nodes: OutlineNode[] | null, depth: number) => {
      for (const node of nodes ?? []) {
        outline.push(`${'  '.repeat(depth)}${node.title}`);
        walk(node.items, depth + 1);
      }
    };
    walk(await doc.getOutline(), 0);
    const xmp = meta.metadata as { getRaw?: () => string; get?: (name: string) => unknown } | null;
    const title = xmp?.get?.('dc:title');
    return {
      pages: doc.numPages,
      text,
      info: meta.info as Record<string, unknown>,
      xmp: xmp?.getRaw?.(),
      xmpTitle: typeof title === 'string' ? title : undefined,
      outline,
      links,
      structure,
    };
  } finally {
    await doc.destroy();
  }
}

/** One text-showing operation as pdf.js sees it: its text and where it is drawn, in points. */
export interface PdfTextItem {
  page: number;
  str: string;
  /** Left edge and baseline from the page's bottom-left corner; width along the baseline. */
  x: number;
  y: number;
  width: number;
}

/**
 * Where each drawn run of text sits on its page (pdf.js, in-process). For glyph-position
 * checks: right alignment, and the visual order of the runs of a right-to-left line.
 */
export async function pdfTextItems(pdf: PdfInput): Promise<PdfTextItem[]> {
  const doc = await openPdfjs(pdf);
  try {
    const items: PdfTextItem[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const [, , , , x = 0, y = 0] = item.transform as number[];
        items.push({ page: n, str: item.str, x, y, width: item.width });
      }
    }
    return items;
  } finally {
    await doc.destroy();
  }
}

/** One text-showing operator and the fill colour a viewer draws it in. */
export interface PdfTextColor {
  page: number;
  /** The operator's text (its glyphs' Unicode). */
  text: string;
  /** The fill colour in force, as "#rrggbb" ("#000000" when none was set). */
  color: string;
}

/**
 * The colour every run of text is drawn in (pdf.js's operator list, with the graphics state's
 * save and restore followed), for checks that a colour set inside a saved state is not assumed
 * to outlive its restore.
 */
export async function pdfTextColors(pdf: PdfInput): Promise<PdfTextColor[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await openPdfjs(pdf);
  try {
    const out: PdfTextColor[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const { fnArray, argsArray } = await (await doc.getPage(n)).getOperatorList();
      const stack: string[] = [];
      let color = '#000000';
      fnArray.forEach((fn, i) => {
        const args = argsArray[i] as unknown[] | null;
        if (fn === pdfjs.OPS.save) stack.push(color);
        else if (fn === pdfjs.OPS.restore) color = stack.pop() ?? '#000000';
        else if (fn === pdfjs.OPS.setFillRGBColor) color = String(args?.[0]);
        else if (fn === pdfjs.OPS.showText) {
          const glyphs = (args?.[0] ?? []) as ({ unicode?: string } | number | null)[];
          const text = glyphs
            .map((g) => (g && typeof g === 'object' ? (g.unicode ?? '') : ''))
            .join('');
          out.push({ page: n, text, color });
        }
      });
    }
    return out;
  } finally {
    await doc.destroy();
  }
}

/** A marked-content sequence of a page as the structure tree orders it. */
export interface PdfStructText {
  /** Role of the structure element that owns the content (P, H1, Link, ...). */
  role: string;
  text: string;
  /** Left edge and baseline of its first text item, from the page's bottom-left corner. */
  x: number;
  y: number;
}

interface StructContentNode {
  role?: string;
  type?: string;
  id?: string;
  children?: StructContentNode[];
}

/**
 * Each page's tagged text in structure-tree order (pdf.js getStructTree joined to the marked
 * content of getTextContent), with where it is drawn: the reading order a screen reader follows.
 */
export async function pdfStructText(pdf: PdfInput): Promise<PdfStructText[][]> {
  const doc = await openPdfjs(pdf);
  try {
    const pages: PdfStructText[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent({ includeMarkedContent: true });
      const byId = new Map<string, { text: string; x: number; y: number; placed: boolean }>();
      const stack: string[] = [];
      for (const item of content.items as {
        type?: string;
        id?: string;
        str?: string;
        transform?: number[];
      }[]) {
        if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') {
          stack.push(item.id ?? '');
          if (item.id) byId.set(item.id, { text: '', x: 0, y: 0, placed: false });
        } else if (item.type === 'endMarkedContent') stack.pop();
        else if (item.str !== undefined) {
          const entry = byId.get(stack.at(-1) ?? '');
          if (!entry) continue;
          if (!entry.placed && item.str.trim() !== '') {
            entry.x = item.transform?.[4] ?? 0;
            entry.y = item.transform?.[5] ?? 0;
            entry.placed = true;
          }
          entry.text += item.str;
        }
      }
      const out: PdfStructText[] = [];
      const walk = (node: StructContentNode | null, role: string) => {
        if (!node) return;
        const own = node.role && node.role !== 'Root' ? node.role : role;
        if (node.type === 'content' && node.id) {
          const entry = byId.get(node.id);
          if (entry?.placed) out.push({ role, text: entry.text, x: entry.x, y: entry.y });
        }
        for (const child of node.children ?? []) walk(child, own);
      };
      walk(await page.getStructTree(), '');
      pages.push(out);
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** One word as `pdftotext -bbox` places it: page (from 1) and its box in points, y down. */
export interface PdfWordBox {
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
}

/** Every word of the PDF with its box (`pdftotext -bbox`), in the order poppler reads them. */
export async function pdfWordBoxes(pdf: PdfInput): Promise<PdfWordBox[]> {
  return withPdfFile(pdf, async (path) => {
    const r = await tool('pdftotext', ['-bbox', '-enc', 'UTF-8', path, '-']);
    if (r.code !== 0) throw new Error(`pdftotext -bbox failed: ${r.stderr}`);
    const words: PdfWordBox[] = [];
    let page = 0;
    const tag =
      /<page\b|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
    for (let m = tag.exec(r.stdout); m; m = tag.exec(r.stdout)) {
      if (m[1] === undefined) {
        page++;
        continue;
      }
      words.push({
        page,
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        yMax: Number(m[4]),
        text: (m[5] ?? '')
          .replace(/&amp;/g, '&')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&quot;/g, '"'),
      });
    }
    return words;
  });
}
