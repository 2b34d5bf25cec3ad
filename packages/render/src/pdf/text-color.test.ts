import { parseArticle } from '@broadsheet/model';
import { pdfTextColors } from '@broadsheet/testing';
import { describe, expect, it } from 'vitest';
import { renderPdf } from './index.js';
import { INK } from './layout/styles.js';

// Lines with ActualText (right-to-left, hyphenated) are drawn inside a saved graphics state.
const ARABIC =
  'أعلنت اللجنة الدولية المسؤولة عن الاستدامة البيئية أمس أن مداولاتها الاستثنائية بشأن البنية التحتية للنقل وتنظيم الاتصالات وتحديث الزراعة ستؤجل إلى أجل غير مسمى، مشيرة إلى صعوبات تنظيمية غير مسبوقة.';
const PARAGRAPH =
  'The international commission responsible for environmental sustainability announced ' +
  'yesterday that its extraordinary deliberations concerning transportation infrastructure, ' +
  'telecommunications regulation and agricultural modernisation would be postponed ' +
  'indefinitely, citing unprecedented organisational difficulties and considerable ' +
  'administrative uncertainty surrounding intergovernmental negotiations.';

describe('text colour', () => {
  it('draws body text in ink on every page, after lines drawn with ActualText too', async () => {
    // The grey date line comes right before a right-to-left paragraph, all of whose lines carry
    // ActualText; English paragraphs with hyphenated lines follow, over several pages.
    const body = [ARABIC, ...Array.from({ length: 14 }, () => PARAGRAPH)].map((text) => ({
      type: 'paragraph' as const,
      text,
    }));
    const article = { headline: 'Colour', language: 'en', publishedAt: '2026-12-04', body };
    const pdf = await renderPdf(parseArticle(article));
    const runs = (await pdfTextColors(pdf)).filter(
      (r) => r.text.trim().length > 3 && PARAGRAPH.includes(r.text.trim()),
    );
    // Several pages, so page headers and footers (grey) come between body lines.
    expect(new Set(runs.map((r) => r.page)).size).toBeGreaterThan(1);
    expect(runs.filter((r) => r.color !== INK.toLowerCase())).toEqual([]);
  });
});
