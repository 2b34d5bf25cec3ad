import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { create, type Font } from 'fontkit';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { internalsProblems, type InternalShape } from '@broadsheet/testing';

/**
 * The pdfkit and fontkit internals this folder patches or reproduces byte for byte. pdfkit and
 * fontkit are pinned exactly in package.json; an upgrade (or a patch to node_modules) that
 * changes any of these fails here, naming the library, its pinned version and the internal,
 * before it can silently change the PDFs. The fingerprints are of the library's own functions,
 * read before anything patches them (nothing in this file renders).
 */

const require = createRequire(import.meta.url);
const proto = (o: unknown) => Object.getPrototypeOf(o) as Record<string, unknown>;

function pdfkitObjects() {
  const doc = new PDFDocument({
    autoFirstPage: false,
    font: null,
  } as unknown as ConstructorParameters<typeof PDFDocument>[0]);
  doc.addPage({ size: [200, 200], margin: 0 });
  const font: Font = create(
    readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
  ) as Font;
  doc.font(font as unknown as PDFKit.Mixins.PDFFontSource, 'DejaVuSans', 10);
  const internals = doc as unknown as Record<string, unknown> & {
    _font: Record<string, unknown> & { subset: Record<string, unknown> };
    page: Record<string, unknown> & { content: unknown };
    _root: unknown;
  };
  return { doc, internals, font };
}

describe('pinned internals', () => {
  it('pdfkit 0.20.2: what batched-output, page-buffer, sized-deflate, font patches, show-text and writer rely on', () => {
    const { doc, internals } = pdfkitObjects();
    const docProto = proto(doc);
    const embedded = internals._font;
    const fontProto = proto(embedded);
    const reference = proto(internals._root);
    const shapes: InternalShape[] = [
      // batched-output.ts replaces _write and reads push and _offset.
      {
        name: 'PDFDocument.prototype._write',
        usedBy: 'pdf/draw/batched-output.ts',
        value: docProto['_write'],
        type: 'function',
        arity: 1,
        source: '2b218ce0d0944cf0',
      },
      {
        name: 'PDFDocument#_offset',
        usedBy: 'pdf/draw/batched-output.ts',
        value: internals['_offset'],
        type: 'number',
      },
      // page-buffer.ts replaces page.write and wraps page.end.
      {
        name: 'PDFPage.prototype.write',
        usedBy: 'pdf/draw/page-buffer.ts',
        value: proto(internals.page)['write'],
        type: 'function',
        arity: 1,
        source: '4456fb75b8d1eb9a',
      },
      {
        name: 'PDFPage.prototype.end',
        usedBy: 'pdf/draw/page-buffer.ts',
        value: proto(internals.page)['end'],
        type: 'function',
        arity: 0,
        source: 'e5001b59c4cd3adb',
      },
      {
        name: 'PDFPage#content.write',
        usedBy: 'pdf/draw/page-buffer.ts',
        value: (internals.page.content as Record<string, unknown>)['write'],
        type: 'function',
        arity: 1,
      },
      // sized-deflate.ts wraps PDFReference.prototype.finalize, reached through _root.
      {
        name: 'PDFReference.prototype.finalize',
        usedBy: 'pdf/draw/sized-deflate.ts',
        value: reference['finalize'],
        type: 'function',
        arity: 0,
        source: '5bd76daeae042045',
      },
      // pdfkit-font-patches.ts replaces EmbeddedFont.encode and wraps toUnicodeCmap.
      {
        name: 'EmbeddedFont.prototype.encode',
        usedBy: 'pdf/draw/pdfkit-font-patches.ts',
        value: fontProto['encode'],
        type: 'function',
        arity: 2,
        source: 'a2b65b1c325cb483',
      },
      {
        name: 'EmbeddedFont.prototype.toUnicodeCmap',
        usedBy: 'pdf/draw/pdfkit-font-patches.ts',
        value: fontProto['toUnicodeCmap'],
        type: 'function',
        arity: 0,
        source: '9dbd2d140cb0201e',
      },
      {
        name: 'EmbeddedFont#unicode',
        usedBy: 'pdf/draw/pdfkit-font-patches.ts',
        value: embedded['unicode'],
        type: 'object',
      },
      {
        name: 'EmbeddedFont#widths',
        usedBy: 'pdf/draw/pdfkit-font-patches.ts',
        value: embedded['widths'],
        type: 'object',
      },
      // show-text.ts writes the operators _fragment writes, through _font.ref() and page.fonts.
      {
        name: 'PDFDocument.prototype._fragment',
        usedBy: 'pdf/draw/show-text.ts',
        value: docProto['_fragment'],
        type: 'function',
        arity: 4,
        source: '0c789fb7eb5acf9d',
      },
      {
        name: 'EmbeddedFont.prototype.ref',
        usedBy: 'pdf/draw/show-text.ts',
        value: proto(fontProto)['ref'],
        type: 'function',
        arity: 0,
      },
      {
        name: 'EmbeddedFont#id',
        usedBy: 'pdf/draw/show-text.ts',
        value: embedded['id'],
        type: 'string',
      },
      {
        name: 'PDFDocument#_fontSize',
        usedBy: 'pdf/draw/show-text.ts',
        value: internals['_fontSize'],
        type: 'number',
      },
      {
        name: 'PDFPage#fonts',
        usedBy: 'pdf/draw/show-text.ts',
        value: internals.page['fonts'],
        type: 'object',
      },
      // writer.ts replaces _addInfo (XMP pdfkit writes unescaped) and calls appendXML.
      {
        name: 'PDFDocument.prototype._addInfo',
        usedBy: 'pdf/draw/writer.ts',
        value: docProto['_addInfo'],
        type: 'function',
        arity: 0,
        source: '753a5eb232c7efd2',
      },
      {
        name: 'PDFDocument.prototype.appendXML',
        usedBy: 'pdf/draw/writer.ts',
        value: docProto['appendXML'],
        type: 'function',
        arity: 1,
      },
    ];
    const problems = internalsProblems(
      { library: 'pdfkit', version: '0.20.2', from: import.meta.url },
      shapes,
    );
    expect(problems.join('\n')).toBe('');
  });

  it('fontkit 2.0.4: what subset-cache and pdfkit-font-patches rely on', () => {
    const { internals, font } = pdfkitObjects();
    // guardNullAnchors reaches GPOSProcessor (not exported) through the font's layout engine.
    const layoutEngine = (font as unknown as { _layoutEngine: Record<string, unknown> })
      ._layoutEngine;
    const engine = layoutEngine['engine'] as Record<string, unknown> | undefined;
    const gposProto = engine?.['GPOSProcessor'] ? proto(engine['GPOSProcessor']) : {};
    const subset = internals._font.subset;
    const subsetProto = proto(subset);
    const glyph = font.getGlyph(36) as unknown as Record<string, unknown>;
    const fontInternals = font as unknown as Record<string, unknown>;
    const shapes: InternalShape[] = [
      {
        name: 'TTFSubset.prototype._addGlyph',
        usedBy: 'pdf/draw/subset-cache.ts',
        value: subsetProto['_addGlyph'],
        type: 'function',
        arity: 1,
        source: 'd30b53107a26b255',
      },
      {
        name: 'Subset.prototype.includeGlyph',
        usedBy: 'pdf/draw/subset-cache.ts',
        value: proto(subsetProto)['includeGlyph'],
        type: 'function',
        arity: 1,
        source: '005f6deeb4ef6d72',
      },
      {
        name: 'TTFSubset#glyphEncoder',
        usedBy: 'pdf/draw/subset-cache.ts',
        value: subset['glyphEncoder'],
        type: 'object',
      },
      {
        name: 'TTFSubset#glyphs',
        usedBy: 'pdf/draw/pdfkit-font-patches.ts',
        value: subset['glyphs'],
        type: 'object',
      },
      {
        name: 'TTFFont.prototype._getTableStream',
        usedBy: 'pdf/draw/subset-cache.ts',
        value: proto(fontInternals)['_getTableStream'],
        type: 'function',
        arity: 1,
      },
      {
        name: 'TTFFont#loca',
        usedBy: 'pdf/draw/subset-cache.ts',
        value: fontInternals['loca'],
        type: 'object',
      },
      {
        name: 'TTFGlyph.prototype._decode',
        usedBy: 'pdf/draw/subset-cache.ts',
        value: proto(glyph)['_decode'],
        type: 'function',
        arity: 0,
      },
      {
        name: 'Glyph.prototype._getMetrics',
        usedBy: 'pdf/draw/subset-cache.ts',
        value: proto(proto(glyph))['_getMetrics'],
        type: 'function',
      },
      {
        name: 'TTFFont#_layoutEngine.engine.GPOSProcessor',
        usedBy: 'pdf/draw/pdfkit-font-patches.ts (guardNullAnchors)',
        value: engine?.['GPOSProcessor'],
        type: 'object',
      },
      {
        // The guard wraps this; a fontkit that fixes #367 changes its source, and the guard can go.
        name: 'GPOSProcessor.prototype.applyAnchor',
        usedBy: 'pdf/draw/pdfkit-font-patches.ts (guardNullAnchors)',
        value: gposProto['applyAnchor'],
        type: 'function',
        arity: 3,
        source: '5af90825a26c4582',
      },
      {
        name: 'GPOSProcessor.prototype.getAnchor',
        usedBy: 'pdf/draw/pdfkit-font-patches.ts (guardNullAnchors)',
        value: gposProto['getAnchor'],
        type: 'function',
        arity: 1,
        source: 'c2a6414f939d7682',
      },
      {
        name: 'TTFFont.prototype.stringsForGlyph',
        usedBy: 'pdf/draw/pdfkit-font-patches.ts',
        value: proto(fontInternals)['stringsForGlyph'],
        type: 'function',
        arity: 1,
      },
    ];
    const problems = internalsProblems(
      { library: 'fontkit', version: '2.0.4', from: import.meta.url },
      shapes,
    );
    expect(problems.join('\n')).toBe('');
  });
});
