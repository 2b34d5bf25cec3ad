import { parseArticle, type Article } from '@broadsheet/model';

/** One paragraph per script the renderer must draw without a single .notdef glyph. */
export const SCRIPT_SAMPLES = {
  latin:
    'Café déjà vu: a naïve façade, “curly quotes” and ‘single ones’ — Łódź, İstanbul, Ærøskøbing.',
  cyrillic: 'Съешь же ещё этих мягких французских булок, да выпей чаю.',
  greek: 'Ξεσκεπάζω την ψυχοφθόρα βδελυγμία στην Αθήνα.',
  arabic: 'قال المتحدث إن العلاقات بين البلدين تطورت منذ عام 2018 بحسب وكالة Reuters للأنباء.',
  urdu: 'اردو ایک خوبصورت زبان ہے جو پاکستان میں بولی جاتی ہے۔',
  hebrew: 'ירושלים היא עיר הבירה של ישראל ומרכז התרבות שלה.',
  chinese: '中华人民共和国成立于1949年。北京是中国的首都，也是政治和文化中心。',
  japanese: '日本語のテキストです。ひらがなとカタカナと漢字が混在しています。',
  korean: '한국어 텍스트입니다. 대한민국의 수도는 서울입니다.',
  devanagari: 'हिन्दी एक सुंदर भाषा है। नमस्ते दुनिया, यह एक परीक्षण है।',
  emoji: 'Emoji too: 🎉 👍🏽 👨‍👩‍👧 🇵🇰 ❤️ ✅',
} as const;

export function allScriptsArticle(): Article {
  return parseArticle({
    headline: 'Every script: Ελληνικά, Русский, العربية, עברית, 中文, 日本語, 한국어, हिन्दी 🌍',
    language: 'en',
    publishedAt: '2024-05-01T08:00:00Z',
    body: Object.values(SCRIPT_SAMPLES).map((text) => ({ type: 'paragraph', text })),
  });
}

/** An Urdu article: right-to-left paragraphs with a Latin name and numbers inside. */
export function rtlArticle(): Article {
  return parseArticle({
    headline: 'پاکستان اور روس کے تعلقات',
    language: 'ur',
    publishedAt: '2018-05-02',
    body: [
      {
        type: 'paragraph',
        text: 'اسلام آباد: پاکستان اور روس کے تعلقات تیزی سے ترقی کر رہے ہیں، تجزیہ کار Qamar Cheema نے Arab News کو بتایا۔',
      },
      {
        type: 'paragraph',
        text: 'دونوں ممالک نے یکم مئی 2018 کو سفارتی تعلقات کی 70ویں سالگرہ منائی۔',
      },
    ],
  });
}
