/** The role strings this package writes into ninjs and reads back. */
export const NINJS_ROLES = {
  headline: 'main',
  kicker: 'kicker',
  standfirst: 'summary',
  highlight: 'highlight',
  caption: 'caption',
  alt: 'alt',
  body: 'main',
  section: 'section',
  tag: 'tag',
  publisher: 'publisher',
  source: 'source',
  agency: 'agency',
} as const;

export const NINJS_STANDARD = {
  name: 'ninjs',
  version: '2.1',
  schema: 'http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json',
} as const;

/** Prefix of the item URI when the article has no web address of its own. */
export const ARTICLE_URN = 'urn:broadsheet:article:';
