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

/** Joins hard-wrapped lines: a space between words, nothing between CJK characters. */
export function joinWrapped(parts: readonly string[]): string {
  let out = '';
  for (const part of parts) {
    if (out === '') out = part;
    else if (CJK.test(out.slice(-1)) && CJK.test(part.charAt(0))) out += part;
    else out += ` ${part}`;
  }
  return out;
}
