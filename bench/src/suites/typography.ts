// Typographic quality against LaTeX: the same paragraphs set by renderPdf's line breaker and by
// pandoc → pdflatex (Debian's texlive) at the same measure and size. LaTeX's side is read from
// its log with \hbadness=-1, which makes TeX report every justified line's badness (and so its
// adjustment ratio, r = (badness / 100)^(1/3)) with the line's text.
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { escapeMarkup } from '@broadsheet/render/display';
import {
  BODY_SIZE,
  bodyMeasure,
  setParagraph,
  type SetOptions,
} from '@broadsheet/render/typesetting';
import { goalCell } from '../harness/goal.js';
import type { Section } from '../harness/report.js';
import { formatRatio, ratio } from '../harness/stats.js';
import type { Suite, SuiteContext } from '../harness/suite.js';
import { generatedArticles } from '../content/generate.js';

const run = promisify(execFile);

/**
 * One full (justified) line: its adjustment ratio, whether it ends in a hyphen, overfull, and
 * whether it is its paragraph's last full line (the line before the last, set naturally).
 */
interface LineFigure {
  ratio: number;
  hyphenated: boolean;
  overfull: boolean;
  lastFull: boolean;
}

interface Figures {
  paragraphs: number;
  /** Full lines only: a paragraph's last line is set at its natural width. */
  lines: LineFigure[];
  characters: number;
}

const characters = (paragraphs: readonly string[]) =>
  paragraphs.reduce((n, p) => n + Array.from(p).length, 0);

/** TeX's fitness classes, and LaTeX's default warning threshold (\hbadness 1000: r > 2.15). */
function summarise(f: Figures) {
  const n = f.lines.length;
  const share = (p: (l: LineFigure) => boolean) => f.lines.filter(p).length / n;
  return {
    paragraphs: f.paragraphs,
    lines: n,
    charactersPerLine: f.characters / (n + f.paragraphs),
    meanAbs: f.lines.reduce((s, l) => s + Math.abs(l.ratio), 0) / n,
    tight: share((l) => l.ratio < -0.5),
    decent: share((l) => Math.abs(l.ratio) <= 0.5),
    loose: share((l) => l.ratio > 0.5 && l.ratio <= 1),
    veryLoose: share((l) => l.ratio > 1),
    underfull: f.lines.filter((l) => l.ratio > Math.cbrt(10)).length,
    overfull: f.lines.filter((l) => l.overfull).length,
    hyphenated: share((l) => l.hyphenated),
    hyphensPerParagraph: f.lines.filter((l) => l.hyphenated).length / f.paragraphs,
    // TeX's \finalhyphendemerits: paragraphs whose last full line ends in a hyphen.
    finalHyphens: f.lines.filter((l) => l.lastFull && l.hyphenated).length / f.paragraphs,
  };
}
type Summary = ReturnType<typeof summarise>;

function ours(
  paragraphs: readonly string[],
  language: string,
  width: number,
  options: SetOptions,
): Figures {
  const lines: LineFigure[] = [];
  for (const text of paragraphs) {
    const full = setParagraph(text, language, width, options).slice(0, -1);
    for (const [i, l] of full.entries())
      lines.push({
        // A line without a ratio was set greedily (a word wider than the measure).
        ratio: l.ratio ?? 0,
        hyphenated: l.hyphenated,
        overfull: l.width > width + 0.01,
        lastFull: i === full.length - 1,
      });
  }
  return { paragraphs: paragraphs.length, lines, characters: characters(paragraphs) };
}

/** Latin Modern Roman, TeX's face as pandoc's LaTeX sets it, from Debian's lmodern. */
async function latinModern(): Promise<string> {
  const { stdout } = await run('kpsewhich', ['lmroman10-regular.otf']);
  const file = stdout.trim();
  if (file === '') throw new Error('kpsewhich found no lmroman10-regular.otf (Debian lmodern)');
  return file;
}

/** The LaTeX preamble additions: the measure, the size, and a report of every line. */
function header(): string {
  return [
    '\\hbadness=-1',
    '\\hfuzz=0pt',
    `\\AtBeginDocument{\\fontsize{${BODY_SIZE}pt}{${(BODY_SIZE * 1.5).toFixed(2)}pt}\\selectfont}`,
    '',
  ].join('\n');
}

async function latex(
  ctx: SuiteContext,
  paragraphs: readonly string[],
  language: string,
  width: number,
  microtype: boolean,
): Promise<Figures> {
  const dir = join(ctx.tmp, `latex-${width.toFixed(0)}-${microtype ? 'mt' : 'plain'}`);
  await mkdir(dir, { recursive: true });
  const html = paragraphs.map((p) => `<p>${escapeMarkup(p)}</p>`).join('\n');
  await writeFile(join(dir, 'in.html'), html);
  await writeFile(join(dir, 'header.tex'), header());
  await run(
    'pandoc',
    [
      '-f',
      'html',
      '-t',
      'latex',
      '-s',
      '-V',
      `lang=${language === 'en' ? 'en-US' : language}`,
      '-V',
      'papersize=a4',
      '-V',
      `geometry:textwidth=${width.toFixed(2)}pt`,
      '-H',
      'header.tex',
      '-o',
      'doc.tex',
      'in.html',
    ],
    { cwd: dir },
  );
  if (!microtype) {
    // pandoc's template loads microtype when it is installed (font expansion, which renderPdf
    // does too, and protrusion): the plain variant shows TeX's line breaking alone.
    const tex = await readFile(join(dir, 'doc.tex'), 'utf8');
    await writeFile(join(dir, 'doc.tex'), tex.replace('{microtype.sty}', '{no-microtype.sty}'));
  }
  await run('pdflatex', ['-interaction=batchmode', '-halt-on-error', 'doc.tex'], {
    cwd: dir,
    maxBuffer: 1 << 26,
  }).catch((err: unknown) => {
    throw new Error(`pdflatex failed (see ${dir}/doc.log): ${String(err)}`);
  });
  const log = await readFile(join(dir, 'doc.log'), 'latin1');
  return {
    paragraphs: paragraphs.length,
    lines: parseLog(log),
    characters: characters(paragraphs),
  };
}

const MESSAGE =
  /^(Loose|Tight|Underfull|Overfull) \\hbox \((?:badness (\d+)|([\d.]+)pt too wide)\) in paragraph at lines (\d+--\d+)/;

/**
 * Every paragraph line TeX reported: the message, then the line's contents up to a blank line.
 * TeX reports the justified lines only (a last line's glue stretches infinitely), each naming
 * its paragraph's source lines, so a paragraph's last report is its last full line.
 */
export function parseLog(log: string): LineFigure[] {
  const lines = log.split('\n');
  const out: LineFigure[] = [];
  const paragraphOf: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = MESSAGE.exec(lines[i]!);
    if (!m) continue;
    let content = '';
    for (let j = i + 1; j < lines.length && lines[j]!.trim() !== ''; j++) content += lines[j];
    const kind = m[1]!;
    const badness = Number(m[2] ?? 0);
    const r = Math.cbrt(badness / 100);
    out.push({
      ratio: kind === 'Tight' ? -r : kind === 'Overfull' ? -1 : r,
      // The line's last item is the right skip, shown as "[]"; a hyphen before it ends the line.
      hyphenated: /\p{L}-$/u.test(content.replace(/\s*\[\]\s*$/, '')),
      overfull: kind === 'Overfull',
      lastFull: false,
    });
    paragraphOf.push(m[4]!);
  }
  for (const [i, line] of out.entries()) line.lastFull = paragraphOf[i + 1] !== paragraphOf[i];
  return out;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function rows(label: string, s: Summary): string[] {
  return [
    label,
    `${s.paragraphs} / ${s.lines}`,
    s.charactersPerLine.toFixed(1),
    s.meanAbs.toFixed(2),
    pct(s.tight),
    pct(s.decent),
    pct(s.loose),
    pct(s.veryLoose),
    String(s.underfull),
    String(s.overfull),
    pct(s.hyphenated),
    s.hyphensPerParagraph.toFixed(2),
    pct(s.finalHyphens),
  ];
}

export const typographySuite: Suite = {
  name: 'typography',
  async run(ctx) {
    const articles = generatedArticles(ctx.template, 50);
    const language = ctx.template.language;
    const paragraphs = articles.flatMap((a) =>
      a.body.flatMap((b) => (b.type === 'paragraph' ? [b.text] : [])),
    );
    const sections: Section[] = [];
    const texFace = await latinModern();
    for (const [label, layout, face] of [
      ['A4, one column', 'single', 'Noto Serif'],
      ['A4, newspaper column', 'columns', 'Noto Serif SemiCondensed'],
    ] as const) {
      const width = bodyMeasure('A4', layout);
      ctx.log(`typography: ${label} (${width.toFixed(1)} pt), ${paragraphs.length} paragraphs`);
      const mine = summarise(ours(paragraphs, language, width, { layout }));
      const breaking = summarise(ours(paragraphs, language, width, { layout, expand: false }));
      // The same line breaking in TeX's own face: what is left between us and LaTeX is then
      // the line breaker's, not the face's.
      const inTex = summarise(ours(paragraphs, language, width, { font: texFace }));
      const inTexAlone = summarise(
        ours(paragraphs, language, width, { font: texFace, expand: false }),
      );
      const plain = summarise(await latex(ctx, paragraphs, language, width, false));
      const pandoc = summarise(await latex(ctx, paragraphs, language, width, true));
      // Noto Serif is wider than Latin Modern: the same text at a measure that holds as many
      // characters per line as LaTeX's separates the line breaker from the font.
      const scaled = width * (plain.charactersPerLine / mine.charactersPerLine);
      const alike = summarise(ours(paragraphs, language, scaled, { layout }));
      // Like for like: renderPdf as it sets text (with font expansion) against pandoc's LaTeX
      // (with microtype's), and the line breaking alone against TeX's alone.
      const veryLoose = ratio(mine.veryLoose, pandoc.veryLoose);
      const within = (a: Summary, b: Summary) =>
        a.veryLoose <= b.veryLoose && a.overfull <= b.overfull;
      const goal = {
        text: "very loose and overfull lines within LaTeX's as pandoc sets it",
        met: within(mine, pandoc),
      };
      const quotient = (label: string, a: Summary, b: Summary) => [
        label,
        '',
        '',
        formatRatio(ratio(a.meanAbs, b.meanAbs)),
        '',
        '',
        '',
        formatRatio(ratio(a.veryLoose, b.veryLoose)),
        '',
        '',
        formatRatio(ratio(a.hyphenated, b.hyphenated)),
        formatRatio(ratio(a.hyphensPerParagraph, b.hyphensPerParagraph)),
        formatRatio(ratio(a.finalHyphens, b.finalHyphens)),
      ];
      sections.push({
        title: `Typography against LaTeX: ${label}`,
        about:
          `The body paragraphs of the generated 50-article edition (${paragraphs.length}, plain text, ${language}) ` +
          `at ${width.toFixed(2)} pt and ${BODY_SIZE} pt: renderPdf's line breaking (${face}) against ` +
          `pandoc → pdflatex (Latin Modern, babel ${language}), read from \\hbadness=-1 reports. ` +
          'Ratios are adjustment ratios of full lines (last lines excluded), counting font expansion ' +
          'where it is on: tight < -0.5, decent, loose ≤ 1, very loose > 1; underfull = badness > 1000 ' +
          '(LaTeX warns), overfull = wider than the measure; the last column counts paragraphs whose ' +
          'last full line ends in a hyphen (TeX charges \\finalhyphendemerits, 5000, for one).',
        headers: [
          'setter',
          'paragraphs / full lines',
          'characters per line',
          'mean |r|',
          'tight',
          'decent',
          'loose',
          'very loose',
          'underfull',
          'overfull',
          'hyphenated lines',
          'hyphens per paragraph',
          'paragraphs with a hyphen on the last full line',
        ],
        rows: [
          rows('renderPdf (font expansion ±2%)', mine),
          rows(`renderPdf at ${scaled.toFixed(0)} pt (LaTeX's characters per line)`, alike),
          rows('renderPdf without font expansion (line breaking alone)', breaking),
          rows("renderPdf's line breaking in Latin Modern (TeX's face)", inTex),
          rows("renderPdf's line breaking alone in Latin Modern", inTexAlone),
          rows('pdflatex as pandoc sets it (microtype: font expansion ±2%)', pandoc),
          rows('pdflatex without microtype (TeX breaking alone)', plain),
          quotient('renderPdf ÷ pdflatex as pandoc sets it', mine, pandoc),
          quotient(
            "renderPdf at LaTeX's characters per line ÷ pdflatex as pandoc sets it",
            alike,
            pandoc,
          ),
          quotient('line breaking alone: renderPdf ÷ TeX', breaking, plain),
          quotient("in TeX's face: renderPdf ÷ pdflatex as pandoc sets it", inTex, pandoc),
          quotient("in TeX's face, line breaking alone: renderPdf ÷ TeX", inTexAlone, plain),
        ],
        notes: [
          goalCell(goal),
          `${face} and Latin Modern hold different numbers of characters to a line at the same ` +
            "measure and size, and fewer make a measure harder to justify; the row at LaTeX's " +
            'characters per line compares the line breakers alone.',
          "In Latin Modern, the face LaTeX sets, renderPdf's line breaking is " +
            (within(inTex, pandoc) ? 'within' : 'over') +
            " LaTeX's very loose and overfull lines as pandoc sets them, and " +
            (within(inTexAlone, plain) ? 'within' : 'over') +
            " TeX's alone: the goal's gap is the face's, not the line breaker's.",
        ],
        summary: [
          `typography ${label}: very loose ${pct(mine.veryLoose)} vs pandoc's ${pct(pandoc.veryLoose)} (${formatRatio(veryLoose)}), ` +
            `hyphenated ${pct(mine.hyphenated)} vs ${pct(pandoc.hyphenated)}, ` +
            `overfull ${mine.overfull} vs ${pandoc.overfull}; line breaking alone very loose ` +
            `${pct(breaking.veryLoose)} vs TeX's ${pct(plain.veryLoose)} ` +
            `(${within(breaking, plain) ? 'within' : 'over'}); in Latin Modern very loose ` +
            `${pct(inTex.veryLoose)} (${within(inTex, pandoc) ? 'within' : 'over'}), alone ` +
            `${pct(inTexAlone.veryLoose)} (${within(inTexAlone, plain) ? 'within' : 'over'})`,
        ],
        failed: !goal.met,
      });
    }
    return sections;
  },
};
