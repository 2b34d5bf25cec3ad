/** The few words the EPUB adds around the article text, in the article's language. */
export interface Labels {
  by: string;
  published: string;
  updated: string;
  highlights: string;
  contents: string;
  source: string;
  tags: string;
  cover: string;
  landmarks: string;
  articles: (n: number) => string;
}

const en: Labels = {
  by: 'By',
  published: 'Published',
  updated: 'Updated',
  highlights: 'Highlights',
  contents: 'Contents',
  source: 'Source',
  tags: 'Tags',
  cover: 'Cover',
  landmarks: 'Landmarks',
  articles: (n) => `${n} ${n === 1 ? 'article' : 'articles'}`,
};

const LABELS: Record<string, Labels> = {
  en,
  ru: {
    by: 'Автор:',
    published: 'Опубликовано',
    updated: 'Обновлено',
    highlights: 'Главное',
    contents: 'Содержание',
    source: 'Источник',
    tags: 'Теги',
    cover: 'Обложка',
    landmarks: 'Ориентиры',
    articles: (n) => `Статей: ${n}`,
  },
  ur: {
    by: 'از',
    published: 'شائع شدہ',
    updated: 'تازہ کاری',
    highlights: 'اہم نکات',
    contents: 'فہرست',
    source: 'ماخذ',
    tags: 'ٹیگز',
    cover: 'سرورق',
    landmarks: 'نشانات',
    articles: (n) => `${n} مضامین`,
  },
  ar: {
    by: 'بقلم',
    published: 'نُشر',
    updated: 'حُدّث',
    highlights: 'أبرز النقاط',
    contents: 'المحتويات',
    source: 'المصدر',
    tags: 'الوسوم',
    cover: 'الغلاف',
    landmarks: 'معالم',
    articles: (n) => `${n} مقالات`,
  },
  zh: {
    by: '作者：',
    published: '发布于',
    updated: '更新于',
    highlights: '要点',
    contents: '目录',
    source: '来源',
    tags: '标签',
    cover: '封面',
    landmarks: '导航',
    articles: (n) => `${n} 篇文章`,
  },
};

/** Labels for a BCP 47 tag by its primary language; English when we have no translation. */
export function labelsFor(language: string): Labels {
  const primary = language.split('-')[0]?.toLowerCase() ?? 'en';
  return LABELS[primary] ?? en;
}
