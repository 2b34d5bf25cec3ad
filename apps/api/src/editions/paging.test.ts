import { describe, expect, it } from 'vitest';
import { pageOf, type ListedEdition } from './paging.js';

const edition = (id: string, date: string, kind: 'daily' | 'curated', createdAt = '') =>
  ({
    id,
    kind,
    title: id,
    date,
    articleCount: 1,
    links: { self: '', epub: '', pdf: '' },
    createdAt,
  }) satisfies ListedEdition;

const all = [
  edition('2018-05-01', '2018-05-01', 'daily'),
  edition('2018-05-02', '2018-05-02', 'daily'),
  edition('c-old', '2018-05-02', 'curated', '2024-01-01T00:00:00.000Z'),
  edition('c-new', '2018-05-02', 'curated', '2024-01-02T00:00:00.000Z'),
  edition('c-first', '2018-05-01', 'curated', '2024-01-03T00:00:00.000Z'),
];

function walk(editions: ListedEdition[], limit: number, between?: () => void): string[] {
  const seen: string[] = [];
  let cursor: string | undefined;
  do {
    const page = pageOf(editions, limit, cursor);
    seen.push(...page.items.map((e) => e.id));
    cursor = page.nextCursor;
    between?.();
  } while (cursor !== undefined);
  return seen;
}

describe('edition pages', () => {
  it.each([1, 2, 3, 5, 10])('limit %i walks the list once, newest first', (limit) => {
    expect(walk(all, limit)).toEqual(['c-new', 'c-old', '2018-05-02', 'c-first', '2018-05-01']);
  });

  it('an edition added before the cursor neither repeats nor skips the others', () => {
    const editions = [...all];
    let added = false;
    const seen = walk(editions, 2, () => {
      if (added) return;
      added = true;
      editions.push(edition('c-newest', '2018-05-03', 'curated', '2024-01-04T00:00:00.000Z'));
    });
    expect(seen).toEqual(['c-new', 'c-old', '2018-05-02', 'c-first', '2018-05-01']);
  });

  it.each(['garbage!', 'eyJ4IjoxfQ', Buffer.from('[1,2,3]').toString('base64url')])(
    'refuses the cursor %s',
    (cursor) => {
      expect(() => pageOf(all, 2, cursor)).toThrow(/cursor/);
    },
  );
});
