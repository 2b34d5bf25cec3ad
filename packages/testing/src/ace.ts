import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromiumPath } from './chromium-flags.js';
import { runProcess } from './run-process.js';
import { requireTool } from './tools.js';

/** One failed Ace (axe-core + EPUB rules) check. */
export interface AceViolation {
  file: string;
  rule: string;
  impact: string;
  description: string;
}

export interface AceReport {
  outcome: 'pass' | 'fail';
  violations: AceViolation[];
}

interface AceJson {
  'earl:result'?: { 'earl:outcome'?: string };
  assertions?: {
    'earl:testSubject'?: { url?: string };
    assertions?: {
      'earl:test'?: { 'dct:title'?: string; 'earl:impact'?: string; 'dct:description'?: string };
      'earl:result'?: { 'earl:outcome'?: string };
    }[];
  }[];
}

/**
 * Runs Ace by DAISY (@daisy/ace-cli, installed with --ignore-scripts so puppeteer downloads
 * nothing) on an EPUB with Debian's Chromium. Slow: 10-30 s a run, mostly browser start.
 */
export async function aceCheck(epub: Uint8Array): Promise<AceReport> {
  const require = createRequire(import.meta.url);
  const bin = join(dirname(require.resolve('@daisy/ace-cli/package.json')), 'bin', 'ace.js');
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-ace-'));
  try {
    const file = join(dir, 'book.epub');
    const out = join(dir, 'report');
    await writeFile(file, epub);
    // Ace's own puppeteer download is never used: it drives the same Chromium as the tests.
    const { stderr } = await runProcess(
      process.execPath,
      [bin, '--silent', '--force', '--outdir', out, file],
      { env: { PUPPETEER_EXECUTABLE_PATH: requireTool(chromiumPath(), 'chromium') } },
    );
    let report: AceJson;
    try {
      report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as AceJson;
    } catch {
      throw new Error(`Ace wrote no report: ${stderr.slice(0, 2000)}`);
    }
    const violations: AceViolation[] = [];
    for (const subject of report.assertions ?? []) {
      for (const a of subject.assertions ?? []) {
        if (a['earl:result']?.['earl:outcome'] !== 'fail') continue;
        violations.push({
          file: subject['earl:testSubject']?.url ?? '',
          rule: a['earl:test']?.['dct:title'] ?? '',
          impact: a['earl:test']?.['earl:impact'] ?? '',
          description: a['earl:test']?.['dct:description'] ?? '',
        });
      }
    }
    return {
      outcome: report['earl:result']?.['earl:outcome'] === 'pass' ? 'pass' : 'fail',
      violations,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
