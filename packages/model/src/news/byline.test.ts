import { describe, expect, it } from 'vitest';
import { parseAuthorNames, parseByline } from './byline.js';

describe('parseByline (a line of text)', () => {
  it.each([
    ['By Jane Doe', [{ name: 'Jane Doe', role: 'author' }]],
    [
      'By Jane Doe and John Roe, Reuters',
      [
        { name: 'Jane Doe', role: 'author', affiliation: 'Reuters' },
        { name: 'John Roe', role: 'author', affiliation: 'Reuters' },
      ],
    ],
    ['By Jane Doe, Moscow correspondent', [{ name: 'Jane Doe', role: 'correspondent' }]],
    [
      'By ALICE SMITH Associated Press',
      [{ name: 'ALICE SMITH', role: 'author', affiliation: 'Associated Press' }],
    ],
    ['By Reuters', [{ name: 'Reuters', role: 'author' }]],
    ['By Jane Doe in Islamabad', [{ name: 'Jane Doe', role: 'author' }]],
    ['By Jane Doe | Updated March 4, 2024', [{ name: 'Jane Doe', role: 'author' }]],
    ['Von Katrin Oberländer', [{ name: 'Katrin Oberländer', role: 'author' }]],
    ['Par Amélie Tremblay', [{ name: 'Amélie Tremblay', role: 'author' }]],
    ['Автор: Иван Петров', [{ name: 'Иван Петров', role: 'author' }]],
    [
      'Автор: Иван Петров и Анна Смирнова',
      [
        { name: 'Иван Петров', role: 'author' },
        { name: 'Анна Смирнова', role: 'author' },
      ],
    ],
    ['Του Γιώργου Παπαδόπουλου', [{ name: 'Γιώργου Παπαδόπουλου', role: 'author' }]],
    ['מאת דני כהן', [{ name: 'דני כהן', role: 'author' }]],
    ['بقلم أحمد علي', [{ name: 'أحمد علي', role: 'author' }]],
    ['लेखक: राम शर्मा', [{ name: 'राम शर्मा', role: 'author' }]],
    ['记者 王明', [{ name: '王明', role: 'author' }]],
    ['홍길동 기자', [{ name: '홍길동', role: 'reporter' }]],
    ['تحریر: عائشہ صدیقی', [{ name: 'عائشہ صدیقی', role: 'author' }]],
  ])('%j', (line, authors) => {
    expect(parseByline(line)).toEqual(authors);
  });

  it.each([
    'By the end of the day, the road was closed.',
    'By 2020, the company had doubled in size',
    'Byron Bay is a town in New South Wales, Australia, known for its beaches.',
    'Reporting by Anna Smirnova; Editing by Peter Graff',
    'Jane Doe',
    'The council said by Monday the road would reopen.',
  ])('%j is no byline', (line) => {
    expect(parseByline(line)).toBeUndefined();
  });
});

describe('parseAuthorNames (a value that names authors)', () => {
  it.each([
    ['Jane Doe', ['Jane Doe']],
    ['By Jane Doe and John Roe', ['Jane Doe', 'John Roe']],
    ['By Amélie Tremblay · Education reporter', ['Amélie Tremblay']],
    ['Jane Doe in Islamabad', ['Jane Doe']],
    ['By Jane Doe, with additional reporting by Sam Lee', ['Jane Doe']],
    ['Reuters', ['Reuters']],
    ['By Reuters staff', ['Reuters']],
    ['Jane Doe / Reuters', ['Jane Doe']],
    ['Jane Doe und Max Mustermann', ['Jane Doe', 'Max Mustermann']],
    ['عائشہ صدیقی', ['عائشہ صدیقی']],
    ['', []],
    ['the editorial board of the day', []],
  ])('%j', (value, names) => {
    expect(parseAuthorNames(value).map((a) => a.name)).toEqual(names);
  });

  it('gives every named person the agency as affiliation', () => {
    expect(parseAuthorNames('By Priya Raman and Tom Okafor, Reuters')).toEqual([
      { name: 'Priya Raman', role: 'author', affiliation: 'Reuters' },
      { name: 'Tom Okafor', role: 'author', affiliation: 'Reuters' },
    ]);
  });
});
