import type { Chapter, EPub as EPubClass, Options } from 'epub-gen-memory';
import type { BookPlan, NavPoint } from './book-plan.js';
import { labelsFor } from '../display/labels.js';
import { metadataXml } from './metadata.js';
import { STYLESHEET } from './stylesheet.js';
import { CHAPTER_XHTML, chapterXhtml, CONTENT_OPF, TOC_NCX, TOC_XHTML } from './templates.js';
import type { EmbeddedImage } from './images.js';
import { dropUnprintable, escapeMarkup } from '../display/escape.js';
import { zipEntries } from './zip.js';

type EPubConstructor = typeof EPubClass;

/** The cover picture as stored in the book. */
export interface CoverImage {
  bytes: Uint8Array;
  extension: 'png' | 'jpg' | 'gif';
  mediaType: 'image/png' | 'image/jpeg' | 'image/gif';
}

/** What the caller may add to the book's look and navigation. */
export interface WriterExtras {
  /** Appended after the built-in stylesheet. */
  css?: string;
  /** Levels of the nav and NCX kept (1: top level only). */
  tocDepth?: number;
}

function trimNav(points: readonly NavPoint[], depth: number): NavPoint[] {
  return points.map((p) => ({ ...p, children: depth > 1 ? trimNav(p.children, depth - 1) : [] }));
}

interface WriterAssets {
  identifier: string;
  images: readonly EmbeddedImage[];
  cover: CoverImage | undefined;
  /** Written into every zip entry, so the archive does not depend on when it was made. */
  entryDate: Date;
  /** Our own XHTML document per chapter, kept verbatim (see below). */
  chapterXhtml: readonly string[];
}

let epubClass: Promise<EPubConstructor> | undefined;
const STORED = { compression: 'STORE' } as const;

/**
 * epub-gen-memory with everything that reaches the network or the clock taken out:
 * - the identifier is ours, not a random UUID;
 * - images and the cover are written from bytes we already hold, never downloaded
 *   (its own loader fetches every <img> src with node-fetch);
 * - every zip entry gets a fixed date;
 * - the chapter XHTML is ours verbatim: its HTML clean-up drops attributes it does not know
 *   (datetime, cite), renames images with random ids and turns every non-ASCII character
 *   into a numeric entity; we hand it empty chapters and fill them in after construction.
 * The module is loaded on first use only (it costs hundreds of milliseconds to load).
 */
function loadWriter(): Promise<EPubConstructor> {
  epubClass ??= import('epub-gen-memory').then(({ EPub }) => EPub);
  return epubClass;
}

async function makeWriter(
  options: Options,
  chapters: Chapter[],
  assets: WriterAssets,
): Promise<EPubClass> {
  const EPub = await loadWriter();
  class BroadsheetEPub extends EPub {
    constructor() {
      super(options, chapters);
      this.uuid = assets.identifier;
      this.images = assets.images.map((i) => ({
        id: i.id,
        url: i.id,
        extension: i.extension,
        mediaType: i.mediaType,
      }));
      this.content.forEach((chapter, index) => {
        chapter.content = assets.chapterXhtml[index] ?? chapter.content;
      });
      if (assets.cover)
        this.cover = { extension: assets.cover.extension, mediaType: assets.cover.mediaType };
      else delete this.cover;
    }

    protected override downloadAllFonts(): Promise<void> {
      return Promise.resolve();
    }

    protected override downloadAllImages(): Promise<void> {
      if (assets.images.length === 0) return Promise.resolve();
      const folder = this.zip.folder('OEBPS')?.folder('images');
      // Stored, not deflated: PNG, JPEG and GIF are compressed already, and level 9 on them
      // costs time for nothing.
      for (const image of assets.images)
        folder?.file(`${image.id}.${image.extension}`, image.bytes, STORED);
      return Promise.resolve();
    }

    protected override makeCover(): Promise<void> {
      if (assets.cover)
        this.zip
          .folder('OEBPS')
          ?.file(`cover.${assets.cover.extension}`, assets.cover.bytes, STORED);
      return Promise.resolve();
    }

    /**
     * The archive is ours: JSZip's entries in the order it holds them, zipped with node:zlib
     * instead of its pure-JS deflate, every entry dated from the content, never the clock.
     */
    override async genEpub(): Promise<Buffer> {
      await this.render();
      const entries = await Promise.all(
        Object.values(this.zip.files).map(async (file) => ({
          name: file.name,
          data: file.dir ? new Uint8Array(0) : await file.async('uint8array'),
          compress: !file.dir && file.options.compression !== 'STORE',
        })),
      );
      return zipEntries(entries, assets.entryDate);
    }
  }
  return new BroadsheetEPub();
}

interface NcxPoint {
  id: string;
  href: string;
  label: string;
  playOrder: number;
  children: NcxPoint[];
}
/**
 * Escapes the nav tree and numbers it in reading order (NCX playOrder); entries that open the
 * same file share a number, as the NCX specification requires.
 */
function escapeNav(points: readonly NavPoint[], order = new Map<string, number>()): NcxPoint[] {
  return points.map((p) => {
    const playOrder = order.get(p.href) ?? order.size + 1;
    order.set(p.href, playOrder);
    return {
      id: escapeMarkup(p.id),
      href: escapeMarkup(p.href),
      label: escapeMarkup(p.label),
      playOrder,
      children: escapeNav(p.children, order),
    };
  });
}

/** Builds the EPUB file from a plan and the pictures it embeds. */
export async function writeEpub(
  plan: BookPlan,
  images: readonly EmbeddedImage[],
  cover: CoverImage | undefined,
  extras: WriterExtras = {},
): Promise<Buffer> {
  const l = labelsFor(plan.language);
  const navPoints = escapeNav(
    extras.tocDepth === undefined ? plan.nav : trimNav(plan.nav, extras.tocDepth),
  );
  const lang = escapeMarkup(plan.language);
  const chapters = plan.chapters.map(
    (c) =>
      ({
        id: c.id,
        title: dropUnprintable(c.title),
        filename: c.filename,
        // Empty here: the real XHTML is put back after the constructor (see makeWriter), so
        // epub-gen-memory does not parse and re-serialise markup it would only throw away.
        content: '',
      }) as Chapter,
  );
  const m = plan.metadata;
  const options = {
    title: dropUnprintable(m.title),
    author: m.creators.map(dropUnprintable),
    publisher: dropUnprintable(m.publisher ?? ''),
    description: dropUnprintable(m.description),
    lang: plan.language,
    date: m.modified,
    css:
      extras.css === undefined
        ? STYLESHEET
        : `${STYLESHEET}\n/* added with the book */\n${extras.css}\n`,
    version: 3,
    verbose: false,
    fonts: [],
    tocTitle: dropUnprintable(l.contents),
    chapterXHTML: CHAPTER_XHTML,
    contentOPF: CONTENT_OPF,
    tocNCX: TOC_NCX,
    tocXHTML: TOC_XHTML,
    // Our templates' own variables (epub-gen-memory passes unknown options through to EJS).
    metadataXml: metadataXml(m),
    packageAttrs: ` xml:lang="${lang}"${plan.dir === 'rtl' ? ' dir="rtl"' : ''}`,
    spineAttrs: plan.dir === 'rtl' ? ' page-progression-direction="rtl"' : '',
    titleXml: escapeMarkup(m.title),
    contentsXml: escapeMarkup(l.contents),
    landmarksXml: escapeMarkup(l.landmarks),
    dir: plan.dir,
    navPoints,
    navDepth: navPoints.some((p) => p.children.length > 0) ? 2 : 1,
    landmarks: plan.landmarks.map((mark) => ({
      type: mark.type,
      href: escapeMarkup(mark.href),
      label: escapeMarkup(mark.label),
    })),
  } as Options;
  const writer = await makeWriter(options, chapters, {
    identifier: m.identifier,
    images,
    cover,
    entryDate: new Date(m.modified),
    chapterXhtml: plan.chapters.map((c) =>
      chapterXhtml({
        lang: escapeMarkup(c.lang),
        dir: c.dir,
        titleXml: escapeMarkup(c.title),
        bodyType: c.bodyType,
        content: c.content,
      }),
    ),
  });
  return writer.genEpub();
}
