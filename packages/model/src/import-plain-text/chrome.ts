import { textKey } from './lines.js';

// Page furniture that scrapers copy along with the article: buttons, share bars, ad labels.
// Matched against whole lines only, so prose that merely contains these words is never lost.
const CHROME = new Set(
  [
    'follow',
    'follow us',
    'unfollow',
    'share',
    'shares',
    'share this',
    'share this article',
    'share this story',
    'share on facebook',
    'share on twitter',
    'share on whatsapp',
    'share via email',
    'tweet',
    'email',
    'e mail',
    'print',
    'save',
    'saved',
    'bookmark',
    'copy link',
    'link copied',
    'subscribe',
    'subscribe now',
    'sign up',
    'sign in',
    'log in',
    'login',
    'register',
    'comments',
    'comment',
    'view comments',
    'leave a comment',
    'advertisement',
    'advertising',
    'ad',
    'sponsored',
    'read more',
    'read also',
    'see also',
    'related',
    'related articles',
    'related stories',
    'related news',
    'recommended',
    'most read',
    'most popular',
    'trending',
    'listen',
    'listen to this article',
    'play',
    'menu',
    'home',
    'skip to content',
    'skip to main content',
    'close',
    'facebook',
    'twitter',
    'x',
    'whatsapp',
    'linkedin',
    'telegram',
    'reddit',
    'pinterest',
    'google news',
    'top',
    'back to top',
    'next',
    'previous',
    'more',
    'show more',
    'load more',
    // Russian
    'поделиться',
    'подписаться',
    'реклама',
    'читайте также',
    'читать далее',
    'комментарии',
    'подробнее',
    // Urdu
    'شیئر کریں',
    'شیئر',
    'اشتہار',
    'مزید پڑھیں',
    'فالو کریں',
    // Chinese
    '分享',
    '广告',
    '廣告',
    '关注',
    '關注',
    '返回顶部',
    '阅读更多',
    '相关新闻',
    '打印',
    '评论',
  ].map(textKey),
);

/** A short line that is page furniture rather than article text. */
export function isChrome(text: string): boolean {
  // "Copyright 2021 The Associated Press. All rights reserved." and the like.
  if (text.length <= 200 && /^(©|\(c\)|copyright\b)/iu.test(text) && /rights reserved/iu.test(text))
    return true;
  if (text.length > 60) return false;
  const key = textKey(text);
  if (key === '') return true; // punctuation or symbols only: separators like "* * *" or "|"
  if (CHROME.has(key)) return true;
  // "Follow us on Twitter", "Share on Facebook", "5 min read", "Reading time: 3 minutes"
  return (
    /^(follow|share|subscribe|sign up) (us )?(on|to|via|for) [\p{L}\p{N} ]{1,30}$/u.test(key) ||
    /^(\d+ min(ute)?s? read|reading time \d+ min(ute)?s?)$/u.test(key)
  );
}
