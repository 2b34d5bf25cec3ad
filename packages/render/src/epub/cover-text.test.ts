import { describe, expect, it } from 'vitest';
import { SCRIPT_SAMPLES } from '../pdf/test-support/all-scripts.js';
import { coverLines, tallness, type CoverText } from './cover-text.js';

/** The cover's measure on its grid (cover.ts: 800 wide, 56 margins). */
const WIDTH = 688;

const SAMPLES: [name: string, text: string, language: string][] = [
  ['Latin', SCRIPT_SAMPLES.latin, 'en'],
  ['Cyrillic', SCRIPT_SAMPLES.cyrillic, 'ru'],
  ['Greek', SCRIPT_SAMPLES.greek, 'el'],
  ['Arabic', SCRIPT_SAMPLES.arabic, 'ar'],
  ['Urdu', SCRIPT_SAMPLES.urdu, 'ur'],
  ['Hebrew', SCRIPT_SAMPLES.hebrew, 'he'],
  ['Chinese', SCRIPT_SAMPLES.chinese, 'zh'],
  ['Japanese', SCRIPT_SAMPLES.japanese, 'ja'],
  ['Korean', SCRIPT_SAMPLES.korean, 'ko'],
  ['Devanagari', SCRIPT_SAMPLES.devanagari, 'hi'],
  ['emoji', SCRIPT_SAMPLES.emoji, 'en'],
];

const RTL = new Set(['ar', 'ur', 'he']);
const block = (text: string, bold: boolean, maxLines = 10): CoverText => ({
  text,
  size: 36,
  bold,
  align: 'start',
  maxLines,
});
const glyphIds = (lines: ReturnType<typeof coverLines>) =>
  lines.flatMap((l) =>
    l.runs.flatMap((r) => r.glyphRuns.flatMap((g) => g.glyphs.map((x) => x.id))),
  );
const squash = (s: string) => s.replace(/\s+/g, '');

describe('cover text, set by the PDF paragraph layout', () => {
  it.each(SAMPLES)(
    'sets %s in bold and regular with no .notdef glyph, every line within the measure',
    (_, text, language) => {
      for (const bold of [true, false]) {
        const lines = coverLines(block(text, bold), WIDTH, language, RTL.has(language));
        expect(lines.length).toBeGreaterThan(0);
        expect(glyphIds(lines)).not.toContain(0);
        for (const line of lines) expect(line.width).toBeLessThanOrEqual(WIDTH + 0.01);
        expect(squash(lines.map((l) => l.text).join(''))).toBe(squash(text));
      }
    },
  );

  it('ends the last line allowed with an ellipsis when the text is longer, dropping whole words', () => {
    const text = Array.from(
      { length: 12 },
      () => 'Harbour authorities extend the morning ferry timetable',
    ).join(' ');
    const lines = coverLines(block(text, true, 2), WIDTH, 'en', false);
    expect(lines).toHaveLength(2);
    const last = lines[1]!.text;
    expect(last.endsWith('…')).toBe(true);
    expect(lines[1]!.width).toBeLessThanOrEqual(WIDTH + 0.01);
    // What is kept is the text's own start, cut between words.
    const kept = `${lines[0]!.text} ${last.slice(0, -1)}`.replace(/\s+/g, ' ').trim();
    expect(text.startsWith(kept)).toBe(true);
    expect(text[kept.length]).toBe(' ');
  });

  it('cuts a text without spaces (Japanese) between characters', () => {
    const text = SCRIPT_SAMPLES.japanese.repeat(6);
    const lines = coverLines(block(text, true, 2), WIDTH, 'ja', false);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.text.endsWith('…')).toBe(true);
    expect(lines[1]!.width).toBeLessThanOrEqual(WIDTH + 0.01);
  });

  it('gives no lines for empty text', () => {
    expect(coverLines(block('  ', true), WIDTH, 'en', false)).toEqual([]);
  });

  it('makes room for Nastaliq, and only for scripts taller than Latin', () => {
    const lines = (text: string, language: string) =>
      coverLines(block(text, true), WIDTH, language, RTL.has(language));
    expect(tallness(lines(SCRIPT_SAMPLES.latin, 'en'))).toBe(1);
    expect(tallness(lines(SCRIPT_SAMPLES.urdu, 'ur'))).toBeGreaterThan(1.7);
    const naskh = tallness(lines(SCRIPT_SAMPLES.arabic, 'ar'));
    expect(naskh).toBeGreaterThan(1);
    expect(naskh).toBeLessThan(tallness(lines(SCRIPT_SAMPLES.urdu, 'ur')));
  });
});
