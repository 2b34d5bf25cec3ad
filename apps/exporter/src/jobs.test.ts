import { parseArticle, parseEdition } from '@broadsheet/model';
import { describe, expect, it } from 'vitest';
import { planJobs } from './jobs.js';
import type { LoadedInput } from './read-input.js';

const article = (headline: string, slug?: string) =>
  parseArticle({
    headline,
    language: 'en',
    body: [{ type: 'paragraph', text: 'x' }],
    ...(slug ? { slug } : {}),
  });

const articles = (label: string, ...list: ReturnType<typeof article>[]): LoadedInput => ({
  label,
  baseDir: `/in/${label}`,
  document: { kind: 'articles', articles: list },
});

const edition: LoadedInput = {
  label: 'ed.json',
  baseDir: '/in/ed',
  document: {
    kind: 'edition',
    edition: parseEdition({
      title: 'Weekend',
      date: '2018-05-05',
      language: 'en',
      sections: [{ title: 'World', articles: [article('In Edition')] }],
    }),
  },
};

describe('planJobs', () => {
  it('plans one file per article and one per edition input, with unique names', () => {
    const jobs = planJobs(
      [articles('a.json', article('Same'), article('Other', 'same')), edition],
      undefined,
      '2026-11-28',
    );
    expect(jobs.map((j) => [j.label, j.name, j.imageBaseDir])).toEqual([
      ['a.json', 'same', '/in/a.json'],
      ['a.json', 'same-2', '/in/a.json'],
      ['ed.json', '2018-05-05-weekend', '/in/ed'],
    ]);
  });

  it('plans a single edition with --edition, named from its id', () => {
    const jobs = planJobs(
      [articles('a.json', article('One')), edition],
      'Morning Brief',
      '2026-11-28',
    );
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      label: '--edition',
      name: '2018-05-05-morning-brief',
      imageBaseDir: '/in',
    });
  });

  it('reads no images from disk for the bundled article', () => {
    const bundled = articles('(bundled)', article('Seed'));
    expect(
      planJobs([bundled], undefined, '2026-11-28', new Set([bundled]))[0]?.imageBaseDir,
    ).toBeUndefined();
  });
});
