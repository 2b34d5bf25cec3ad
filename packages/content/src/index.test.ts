import { parseArticle, plainText } from '@broadsheet/model';
import { describe, expect, it } from 'vitest';
import { defaultArticle, defaultArticleText } from './index.js';

describe('default content', () => {
  it('ships the seed text', () => {
    const text = defaultArticleText();
    expect(text.split('\n')[0]).toBe(
      'Pakistan, Russia look at ‘multidimensional strategic partnership’ in region',
    );
    expect(text).toContain('said Shoaib.');
  });

  it('imports it as the seed article: headline, kicker, figure, date and 15 paragraphs', () => {
    const article = defaultArticle();
    expect(article.headline).toBe(
      'Pakistan, Russia look at ‘multidimensional strategic partnership’ in region',
    );
    expect(article.kicker).toBe('Special');
    expect(article.updatedAt).toBe('2018-05-02');
    expect(article.dateline).toEqual({ place: 'ISLAMABAD' });
    expect(article.image?.credit).toBe('Pakistan Foreign Office');
    expect(article.highlights).toHaveLength(2);
    expect(article.body).toHaveLength(15);
    expect(article.body.every((b) => b.type === 'paragraph')).toBe(true);
    expect(article.body[0]).toMatchObject({
      text: expect.stringMatching(/^Pakistan-Russia relations are fast evolving/u) as unknown,
    });
    expect(article.source).toEqual({ name: 'Arab News' });
    expect(article.language).toBe('en');
    expect(plainText(article)).not.toContain('Follow');
  });

  it('is a valid article that parses to itself', () => {
    const article = defaultArticle();
    expect(parseArticle(article)).toEqual(article);
  });

  it('returns a fresh copy each time', () => {
    const first = defaultArticle();
    first.headline = 'changed';
    expect(defaultArticle().headline).not.toBe('changed');
  });
});
