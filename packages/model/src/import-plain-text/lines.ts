import { normalizeText } from '../normalize-text.js';

/** One non-empty line of the input, normalised, with its 1-based line number. */
export interface SourceLine {
  text: string;
  line: number;
  /** Whether one or more blank lines came before it (paragraph structure of hard-wrapped text). */
  blankBefore: boolean;
}

/** Splits text into normalised non-empty lines; every line break convention is accepted. */
export function splitLines(input: string): SourceLine[] {
  const out: SourceLine[] = [];
  let blank = false;
  input.split(/\r\n|[\r\n\u2028\u2029\f\v\u0085]/).forEach((raw, index) => {
    const text = normalizeText(raw);
    if (text === '') {
      blank = true;
      return;
    }
    out.push({ text, line: index + 1, blankBefore: blank });
    blank = false;
  });
  return out;
}

/**
 * Lines in the text by the same line break conventions as splitLines, counting no further than
 * `stop` (so a huge text costs no more than the budget it is checked against).
 */
export function countLines(input: string, stop: number): number {
  let lines = 1;
  for (let i = 0; i < input.length && lines <= stop; i++) {
    const c = input.charCodeAt(i);
    if (c === 0x0d) {
      if (input.charCodeAt(i + 1) === 0x0a) i += 1;
      lines += 1;
    } else if (
      c === 0x0a ||
      c === 0x0b ||
      c === 0x0c ||
      c === 0x85 ||
      c === 0x2028 ||
      c === 0x2029
    ) {
      lines += 1;
    }
  }
  return lines;
}

/** Comparison key: case, punctuation and spacing ignored, so "Headline!" matches "HEADLINE". */
export function textKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .trim();
}

/** Ends like a sentence (or a quotation closing one), in any of the scripts we import. */
export function endsSentence(text: string): boolean {
  return /[.!?…。！？؟۔:;"”’»」』)）]$/u.test(text);
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303F\uFF00-\uFFEF]/u;

/**
 * Joins hard-wrapped lines: a space between words, nothing between CJK characters. Looks only
 * at the parts' own ends: testing the end of the growing result made V8 flatten it on every
 * line, which took time quadratic in the paragraph (80,000 one-letter lines: 10 s).
 */
export function joinWrapped(parts: readonly string[]): string {
  const pieces: string[] = [];
  let previous = '';
  for (const part of parts) {
    if (pieces.length > 0 && !(CJK.test(previous.slice(-1)) && CJK.test(part.charAt(0))))
      pieces.push(' ');
    pieces.push(part);
    previous = part;
  }
  return pieces.join('');
}
