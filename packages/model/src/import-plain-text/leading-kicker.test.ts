import { describe, expect, it } from 'vitest';
import { importPlainText } from './index.js';

const story = 'A powerful storm hit the coast on Monday.\n\nThousands lost power.';

describe('a caps line at the top of plain text', () => {
  it.each([
    ['directly above the headline', 'ANALYSIS\nWhy the port deal matters\n\n' + story],
    [
      'of three words directly above the headline',
      'WORLD CUP 2026\nHosts name the venues\n\n' + story,
    ],
    ['after page furniture', 'Share\nEXCLUSIVE\nMinister quits over leak\n\n' + story],
  ])('is the kicker when %s', (_name, text) => {
    const article = importPlainText(text);
    expect(article.kicker).toMatch(/^[\p{Lu}\d ]+$/u);
    expect(article.headline).not.toBe(article.kicker);
    expect(article.body[0]).toMatchObject({ text: 'A powerful storm hit the coast on Monday.' });
  });

  // A blank line after it means the caps line is a block on its own: the headline itself, all in
  // capitals as many wires and scraped title bars print it.
  it.each([
    ['STORM HITS COAST', `STORM HITS COAST\n\n${story}`, 2],
    ['NASA', 'NASA\n\nNASA launched its new rocket on Monday.', 1],
    ['EXCLUSIVE', `EXCLUSIVE\n\n${story}`, 2],
    ['after page furniture', `Menu\nSTORM HITS COAST\n\n${story}`, 2],
  ])('is the headline when a blank line follows it: %s', (_name, text, paragraphs) => {
    const article = importPlainText(text);
    expect(article.kicker).toBeUndefined();
    expect(article.headline).toBe(text.replace(/^Menu\n/u, '').split('\n')[0]);
    expect(article.body).toHaveLength(paragraphs);
  });

  it('is a headline with no body, reported on its own line, when nothing else follows', () => {
    expect(() => importPlainText('Menu\nNASA\n\n')).toThrow(
      /line 2: no body: only a headline was found \(line 2\)/u,
    );
  });
});
