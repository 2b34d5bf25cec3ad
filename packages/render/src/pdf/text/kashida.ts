import type { FontFace } from '../fonts/catalog.js';
import { measureRuns } from '../fonts/measure.js';
import type { DrawRun } from './paragraph.js';

/**
 * Kashida: Arabic-script lines justified by lengthening the joins between letters with tatweel
 * (U+0640) rather than by widening the spaces between words, as Arabic typesetting does in
 * Naskh. Nastaliq (Urdu) is left alone: its joins are not drawn on a baseline to lengthen.
 */

export const TATWEEL = '\u0640';

/** Letters that join only to the letter before them (alef, dal, ra, waw and their kin). */
const RIGHT_JOINING = new Set(Array.from('اأإآٱٲٳٵدذرزژڈډڊڋڌڍڎڏڐڑڒړڔڕږڗڙوؤۄۅۆۇۈۉۊۋۏةۀەےۓ'));
const ARABIC = /^\p{Script=Arabic}$/u;
const LETTER = /^\p{L}$/u;
/** Letters that join on both sides: every other Arabic letter but the hamza. */
const dualJoining = (c: string) =>
  c !== 'ء' && !RIGHT_JOINING.has(c) && ARABIC.test(c) && LETTER.test(c);
const joinsBefore = (c: string) => dualJoining(c) || RIGHT_JOINING.has(c);
const ALEFS = new Set(Array.from('اأإآٱ'));
/** Seen, sheen, sad and dad: their long tails are where a scribe stretches a word first. */
const SEEN = new Set(Array.from('سشصض'));
const MARK = /^\p{M}$/u;

/**
 * Where in `word` (an index into it) a tatweel lengthens the word best, or undefined when it has
 * no join that may be lengthened. A join may be lengthened between a letter that joins both ways
 * and the next letter, never inside lam-alef (a ligature), in the name of God or in a word of
 * fewer than three letters. Preferred: after seen or sad, then the word's last join.
 */
export function kashidaPoint(word: string): number | undefined {
  if (word.includes('لله')) return undefined;
  // Letters with the index just after each (and after its marks: a tatweel follows the marks).
  const letters: { char: string; end: number }[] = [];
  let i = 0;
  for (const char of word) {
    if (MARK.test(char) && letters.length > 0) letters.at(-1)!.end = i + char.length;
    else letters.push({ char, end: i + char.length });
    i += char.length;
  }
  // Short words are left as they are: a stretched two-letter word reads as a gap.
  if (letters.length < 3) return undefined;
  let last: number | undefined;
  let seen: number | undefined;
  for (let k = 1; k < letters.length; k++) {
    const before = letters[k - 1]!;
    const after = letters[k]!.char;
    if (!dualJoining(before.char) || !joinsBefore(after)) continue;
    if (before.char === 'ل' && ALEFS.has(after)) continue;
    last = before.end;
    if (SEEN.has(before.char)) seen ??= before.end;
  }
  return seen ?? last;
}

/** The words of `text` that have a join to lengthen: where each starts, and its kashidaPoint. */
function lengthenable(text: string): { start: number; point: number }[] {
  const words: { start: number; point: number }[] = [];
  for (const m of text.matchAll(/\S+/gu)) {
    const point = kashidaPoint(m[0]);
    if (point !== undefined) words.push({ start: m.index, point });
  }
  return words;
}

/**
 * Lengthens the words of `text` with `count` tatweels: one per word in turn, from the line's last
 * word, at most `perWord` in any one word. Returns the text and how many were placed (fewer than
 * asked when the words run out of joins).
 */
export function insertKashidas(
  text: string,
  count: number,
  perWord = 3,
): { text: string; placed: number } {
  const words = lengthenable(text).map((w) => ({ ...w, n: 0 }));
  let placed = 0;
  for (let round = 0; round < perWord && placed < count; round++)
    for (let w = words.length - 1; w >= 0 && placed < count; w--) {
      words[w]!.n++;
      placed++;
    }
  let out = '';
  let from = 0;
  for (const { start, point, n } of words) {
    if (n === 0) continue;
    out += text.slice(from, start + point) + TATWEEL.repeat(n);
    from = start + point;
  }
  return { text: out + text.slice(from), placed };
}

/** Naskh faces lengthen their joins; Nastaliq's are not on a baseline to lengthen. */
const lengthens = (face: FontFace) => face.id.startsWith('noto-naskh-arabic');

/**
 * Gives a justified right-to-left line's slack to its Arabic words' joins before its spaces:
 * as many tatweels as fit in the slack, spread over the words (at most three in a word), so
 * that the spaces keep about their natural width. Runs are reshaped with the tatweels and moved
 * along; what they extract is unchanged (each run's `visual` is its original text, and the line
 * carries ActualText). Returns the line's new natural width, never more than `width`.
 */
export function lengthenJoins(runs: DrawRun[], width: number, natural: number): number {
  const slack = width - natural;
  const candidates = runs.filter((r) => r.shaped && lengthens(r.face));
  const first = candidates[0];
  if (slack <= 0 || !first) return natural;
  const tatweel = measureRuns(first.face, TATWEEL, first.size, true).width;
  if (tatweel <= 0) return natural;
  const wanted = Math.floor(slack / tatweel);
  if (wanted === 0) return natural;
  // Per run: its share of the tatweels by the words it has to lengthen.
  const joins = candidates.map((r) => lengthenable(r.text).length);
  const total = joins.reduce((a, b) => a + b, 0);
  if (total === 0) return natural;
  const original = new Map(candidates.map((r) => [r, r.text]));
  const counts = joins.map((j) => Math.floor((wanted * j) / total));
  let rest = wanted - counts.reduce((a, b) => a + b, 0);
  for (let i = counts.length - 1; rest > 0; i = (i - 1 + counts.length) % counts.length, rest--)
    counts[i]! += 1;
  const reshape = (run: DrawRun, count: number) => {
    const { text } = insertKashidas(original.get(run)!, count);
    const measured = measureRuns(run.face, text, run.size, true);
    run.text = text;
    run.width = measured.width;
    run.glyphRuns = measured.glyphRuns;
  };
  candidates.forEach((run, i) => reshape(run, counts[i]!));
  // A tatweel can part a ligature and widen a word by more than its own width: take tatweels
  // back, from the line's end, until the line fits.
  const lineWidth = () => runs.reduce((w, r) => w + r.width, 0);
  for (let i = candidates.length - 1; lineWidth() > width && i >= 0;) {
    if (counts[i]! === 0) {
      i--;
      continue;
    }
    counts[i]! -= 1;
    reshape(candidates[i]!, counts[i]!);
  }
  let x = runs[0]!.x;
  for (const run of runs) {
    run.x = x;
    x += run.width;
  }
  return x - runs[0]!.x;
}
