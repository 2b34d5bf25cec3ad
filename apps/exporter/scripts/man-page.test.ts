import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { helpText } from '../src/options.js';
import { manPage } from './man-page.js';

const page = manPage(helpText('1.2.3'), '1.2.3');

/** The page as `man -l` shows it (plain text, as it is not a terminal), or undefined without man-db. */
function rendered(): string | undefined {
  const env: NodeJS.ProcessEnv = { ...process.env, MANPAGER: 'cat', PAGER: 'cat', MANWIDTH: '100' };
  delete env.MAN_KEEP_FORMATTING;
  const dir = mkdtempSync(path.join(tmpdir(), 'man-page-'));
  try {
    const file = path.join(dir, 'broadsheet-export.1');
    writeFileSync(file, page);
    const r = spawnSync('man', ['-l', file], {
      encoding: 'utf8',
      env,
    });
    if (r.error || r.status !== 0) return undefined;
    return r.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the man page made from --help', () => {
  it('has one section per heading of the help, options in their own case', () => {
    const headings = page
      .split('\n')
      .filter((l) => l.startsWith('.SH '))
      .map((l) => l.slice(4));
    expect(headings).toEqual([
      'NAME',
      'SYNOPSIS',
      'DESCRIPTION',
      'ARGUMENTS',
      'OPTIONS',
      'INPUTS',
      'FEEDS (\\-\\-feed URL, repeatable; needs \\-\\-edition)',
      'OUTPUT (\\-o)',
      'FORMATS',
      'EXIT STATUS',
      'EXAMPLES',
      'SEE ALSO',
    ]);
  });

  it.skipIf(rendered() === undefined)('reads as such in man -l', () => {
    const text = rendered() ?? '';
    const headings = text.split('\n').filter((l) => /^[A-Z]/.test(l));
    expect(headings).toEqual(
      expect.arrayContaining([
        'FEEDS (--feed URL, repeatable; needs --edition)',
        'OUTPUT (-o)',
        'EXIT STATUS',
      ]),
    );
    expect(text).toMatch(
      /^ +The items of RSS 0\.9x\/1\.0\/2\.0, Atom 1\.0 and JSON Feed 1\.1 feeds/m,
    );
    expect(text).toMatch(/^ +--toc-depth/m);
  });
});
