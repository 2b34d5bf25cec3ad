import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { epubcheckJava } from './epubcheck.js';
import { launchChromium } from './chromium.js';
import { pdffonts, pdfinfo, pdftotext, qpdfCheck } from './pdf.js';
import { MissingToolError, requireTool } from './tools.js';

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1');

describe('requireTool', () => {
  it('finds an installed tool on PATH', () => {
    expect(requireTool('qpdf', 'qpdf')).toMatch(/\/qpdf$/);
  });

  describe('with the tools missing', () => {
    const saved = { ...process.env };
    let empty: string;
    beforeEach(() => {
      empty = mkdtempSync(join(tmpdir(), 'broadsheet-no-tools-'));
      process.env['PATH'] = empty;
      process.env['CHROMIUM_PATH'] = join(empty, 'chromium');
      process.env['EPUBCHECK_JAR'] = join(empty, 'epubcheck.jar');
    });
    afterEach(() => {
      process.env = { ...saved };
      rmSync(empty, { recursive: true, force: true });
    });

    it.each([
      ['qpdfCheck', () => qpdfCheck(PDF), 'qpdf'],
      ['pdftotext', () => pdftotext(PDF), 'poppler-utils'],
      ['pdfinfo', () => pdfinfo(PDF), 'poppler-utils'],
      ['pdffonts', () => pdffonts(PDF), 'poppler-utils'],
      ['epubcheckJava', () => epubcheckJava(new Uint8Array()), 'epubcheck'],
      ['launchChromium', () => launchChromium(), 'chromium'],
    ] as const)('%s fails with one line naming the Debian package %s', async (_, run, pkg) => {
      const error: unknown = await run().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(MissingToolError);
      const { message, stack } = error as MissingToolError;
      expect(message).toContain(`install the Debian package ${pkg} (apt-get install ${pkg})`);
      expect(`${message}\n${stack ?? ''}`).not.toMatch(/ENOENT|spawn/);
      expect(stack?.split('\n')).toHaveLength(1);
    });
  });
});
