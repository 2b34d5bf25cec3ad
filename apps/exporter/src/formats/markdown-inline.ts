import type { Run } from '@broadsheet/model';
import { escapeText, url } from './markdown-escape.js';

// Runs as CommonMark inline text. CommonMark reads `*` as emphasis only where it is "flanking"
// (an opener not followed by white space, a closer not preceded by it, with rules for
// punctuation beside them), so marks cannot simply be wrapped around each run: white space is
// moved outside the delimiters, runs are nested, and a pair whose `*` would not be read as
// emphasis where it stands is written as inline HTML (`<em>`), which CommonMark always reads.

const STRONG = 1;
const EMPHASIS = 2;
const MARKS = [STRONG, EMPHASIS] as const;
type Mark = (typeof MARKS)[number];

/** Text with marks, or a link whose text is pieces of its own (links do not nest). */
type TextPiece = { kind: 'text'; text: string; marks: number };
type Piece = TextPiece | { kind: 'link'; href: string; runs: TextPiece[]; marks: number };

type Token =
  | { kind: 'text'; text: string }
  | { kind: 'raw'; md: string }
  | { kind: 'delim'; mark: Mark; open: boolean; pair: number; html: boolean };

const marksOf = (run: Run) => (run.strong ? STRONG : 0) | (run.emphasis ? EMPHASIS : 0);
const isBlank = (text: string) => /^\s*$/u.test(text);
const LEAD = /^\s+/u;
const TRAIL = /\s+$/u;

/** Neighbours with the same marks become one piece; white space between takes the marks both sides share. */
function mergePieces<P extends Piece>(pieces: P[]): P[] {
  pieces.forEach((p, i) => {
    if (p.kind === 'text' && isBlank(p.text))
      p.marks = (pieces[i - 1]?.marks ?? 0) & (pieces[i + 1]?.marks ?? 0);
  });
  const out: P[] = [];
  for (const p of pieces) {
    const prev = out.at(-1);
    if (prev?.kind === 'text' && p.kind === 'text' && prev.marks === p.marks) prev.text += p.text;
    else out.push(p);
  }
  return out;
}

/**
 * Runs as pieces: consecutive runs with the same link become one link piece, carrying the marks
 * all its runs share; the link's outer white space is put outside it.
 */
function toPieces(runs: readonly Run[]): Piece[] {
  const pieces: Piece[] = [];
  for (let i = 0; i < runs.length;) {
    const href = runs[i]!.href;
    let j = i + 1;
    while (j < runs.length && href !== undefined && runs[j]!.href === href) j++;
    const group = runs
      .slice(i, j)
      .filter((r) => r.text !== '')
      .map((r): TextPiece => ({ kind: 'text', text: r.text, marks: marksOf(r) }));
    i = j;
    const text = group.map((p) => p.text).join('');
    if (href === undefined || isBlank(text)) {
      pieces.push(...group);
      continue;
    }
    const first = group[0]!;
    const last = group.at(-1)!;
    const lead = text.match(LEAD)?.[0] ?? '';
    const trail = text.match(TRAIL)?.[0] ?? '';
    // Blank runs at the link's ends go outside it with the rest of its outer white space.
    const firstText = group.findIndex((p) => !isBlank(p.text));
    const lastText = group.findLastIndex((p) => !isBlank(p.text));
    const inner = group.slice(firstText, lastText + 1).map((p) => ({ ...p }));
    inner[0]!.text = inner[0]!.text.replace(LEAD, '');
    inner.at(-1)!.text = inner.at(-1)!.text.replace(TRAIL, '');
    if (lead !== '') pieces.push({ kind: 'text', text: lead, marks: first.marks });
    const shared = inner.reduce((m, p) => m & p.marks, STRONG | EMPHASIS);
    pieces.push({ kind: 'link', href, runs: mergePieces(inner), marks: shared });
    if (trail !== '') pieces.push({ kind: 'text', text: trail, marks: last.marks });
  }
  return mergePieces(pieces);
}

class Tokens {
  readonly list: Token[] = [];
  private pairs = 0;

  text(text: string): void {
    if (text !== '') this.list.push({ kind: 'text', text });
  }

  /**
   * Pieces [lo, hi) inside marks `active`. Where marks start, the one lasting longest opens
   * first and holds the others, so crossing marks (`<b>a <i>b</b> c</i>`) become nested spans.
   */
  pieces(pieces: Piece[], lo: number, hi: number, active: number): void {
    for (let i = lo; i < hi;) {
      const piece = pieces[i]!;
      const own = piece.marks & ~active;
      if (own === 0) {
        this.piece(piece, active);
        i += 1;
        continue;
      }
      let mark: Mark = STRONG;
      let end = i;
      for (const m of MARKS) {
        if ((own & m) === 0) continue;
        let j = i;
        while (j < hi && (pieces[j]!.marks & m) !== 0) j++;
        if (j > end) [mark, end] = [m, j];
      }
      this.span(pieces, i, end, active, mark);
      i = end;
    }
  }

  /** One mark over pieces [lo, hi), its white space at either end kept outside the delimiters. */
  private span(pieces: Piece[], lo: number, hi: number, active: number, mark: Mark): void {
    const first = pieces[lo]!;
    const last = pieces[hi - 1]!;
    const lead = first.kind === 'text' ? (first.text.match(LEAD)?.[0] ?? '') : '';
    if (first.kind === 'text') first.text = first.text.slice(lead.length);
    const trail = last.kind === 'text' ? (last.text.match(TRAIL)?.[0] ?? '') : '';
    if (last.kind === 'text') last.text = last.text.slice(0, last.text.length - trail.length);
    this.text(lead);
    const pair = this.pairs++;
    const open = this.list.length;
    this.list.push({ kind: 'delim', mark, open: true, pair, html: false });
    this.pieces(pieces, lo, hi, active | mark);
    // Nothing but white space under the mark: it shows no differently without it.
    if (this.list.length === open + 1) this.list.pop();
    else this.list.push({ kind: 'delim', mark, open: false, pair, html: false });
    this.text(trail);
  }

  private piece(piece: Piece, active: number): void {
    if (piece.kind === 'text') return this.text(piece.text);
    this.list.push({ kind: 'raw', md: '[' });
    this.pieces(piece.runs, 0, piece.runs.length, active);
    this.list.push({ kind: 'raw', md: `](${url(piece.href)})` });
  }
}

const DELIM: Record<Mark, [star: string, open: string, close: string]> = {
  [STRONG]: ['**', '<strong>', '</strong>'],
  [EMPHASIS]: ['*', '<em>', '</em>'],
};

function tokenMd(t: Token): string {
  if (t.kind === 'text') return escapeText(t.text);
  if (t.kind === 'raw') return t.md;
  const [star, open, close] = DELIM[t.mark];
  if (!t.html) return star;
  return t.open ? open : close;
}

// As CommonMark classifies the characters beside a delimiter run; a line end is white space.
// Punctuation and symbols outside the BMP (emoji) are punctuation by the spec, but the
// reference parser reads them one UTF-16 unit at a time and so as letters: both readings are
// allowed for, and a delimiter must be read right under each.
type CharClass = 'space' | 'punct' | 'other';
function classes(c: string): CharClass[] {
  if (/^\s$/u.test(c)) return ['space'];
  if (!/^[\p{P}\p{S}]$/u.test(c)) return ['other'];
  return c.length > 1 ? ['punct', 'other'] : ['punct'];
}
const firstChar = (s: string) => String.fromCodePoint(s.codePointAt(0)!);
const lastChar = (s: string) => Array.from(s.slice(-2)).at(-1)!;
/** Whether a `*` run between these characters can open (left) and close (right), by each reading. */
function flanking(before: string, after: string): { left: boolean; right: boolean }[] {
  return classes(before).flatMap((b) =>
    classes(after).map((a) => ({
      left: a !== 'space' && (a !== 'punct' || b !== 'other'),
      right: b !== 'space' && (b !== 'punct' || a !== 'other'),
    })),
  );
}
const isStar = (t: Token | undefined): t is Token & { kind: 'delim' } =>
  t?.kind === 'delim' && !t.html;

/**
 * Writes as HTML each pair whose `*` would not be read as the emphasis meant. A run of opening
 * delimiters must be able only to open: one that could also close might close an earlier span.
 * A run of closing ones must be able to close; that it could also open does no harm (`*"no"*.`),
 * as spans nest, so its opener is the nearest open one, and it is used up closing: the lengths
 * of the two runs (1 to 3 each; `*` opens in a run of 1 or 3, `**` in one of 2 or 3) never add
 * up to the multiples of 3 that CommonMark skips. A run mixing closers and openers cannot pass
 * both tests and is split. One pair per run per pass, since switching one puts `<`/`>` beside
 * the rest, which can mend them; switching is for good, so this ends.
 */
function settleDelimiters(tokens: Token[], md: string[]): void {
  const ends = new Map<number, number[]>();
  tokens.forEach((t, i) => {
    if (t.kind === 'delim') ends.set(t.pair, [...(ends.get(t.pair) ?? []), i]);
  });
  for (let changed = true; changed;) {
    changed = false;
    for (let i = 0; i < tokens.length;) {
      if (!isStar(tokens[i])) {
        i += 1;
        continue;
      }
      let j = i + 1;
      while (isStar(tokens[j])) j++;
      const before = i === 0 ? '\n' : lastChar(md[i - 1]!);
      const after = j === tokens.length ? '\n' : firstChar(md[j]!);
      const readings = flanking(before, after);
      const wrong = tokens
        .slice(i, j)
        .find(
          (d) =>
            isStar(d) && readings.some(({ left, right }) => (d.open ? !left || right : !right)),
        );
      if (wrong?.kind === 'delim') {
        for (const n of ends.get(wrong.pair)!) {
          (tokens[n] as Token & { kind: 'delim' }).html = true;
          md[n] = tokenMd(tokens[n]!);
        }
        changed = true;
      }
      i = j;
    }
  }
}

/** Runs as CommonMark inline text: nested `*`/`**`, `[text](<url>)`, Markdown characters escaped. */
export function runsMd(runs: readonly Run[]): string {
  const pieces = toPieces(runs);
  const tokens = new Tokens();
  tokens.pieces(pieces, 0, pieces.length, 0);
  const list = tokens.list;
  const md = list.map(tokenMd);
  settleDelimiters(list, md);
  // `!` right before a link's `[` would make it an image.
  list.forEach((t, i) => {
    if (t.kind === 'text' && md[i + 1] === '[' && md[i]!.endsWith('!'))
      md[i] = `${md[i]!.slice(0, -1)}\\!`;
  });
  return md.join('');
}
