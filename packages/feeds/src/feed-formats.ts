import type { AnyFeed, AtomFeed, MediaNs } from 'feedsmith';
import { collapse, htmlText, textHtml } from './html-text.js';

/** One item as its format gives it: links maybe relative, dates as written. */
export interface RawItem {
  guid?: string;
  link?: string;
  title?: string;
  contentHtml?: string;
  summaryHtml?: string;
  authors: { name: string; url?: string }[];
  categories: string[];
  published?: string;
  updated?: string;
  imageUrl?: string;
}

export interface RawFeed {
  title?: string;
  siteUrl?: string;
  language?: string;
  items: RawItem[];
}

type Optional<T> = { [K in keyof T]?: T[K] | undefined };

/** Drops the keys whose value is undefined or empty (exactOptionalPropertyTypes). */
function defined<T extends object>(value: Optional<T>): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && v !== ''),
  ) as T;
}

const nonEmpty = (s: string | undefined): string | undefined => {
  const t = s === undefined ? undefined : collapse(s);
  return t === '' ? undefined : t;
};

const unique = (values: (string | undefined)[]): string[] => [
  ...new Set(values.map(nonEmpty).filter((v): v is string => v !== undefined)),
];

function mediaImage(media: MediaNs.ItemOrFeed | undefined): string | undefined {
  const contents = [
    ...(media?.contents ?? []),
    ...(media?.groups ?? []).flatMap((g) => g.contents ?? []),
  ];
  const image = contents.find(
    (c) => c.medium === 'image' || (c.type ?? '').toLowerCase().startsWith('image/'),
  );
  return image?.url ?? media?.thumbnails?.[0]?.url;
}

/** Atom text constructs: `text` is plain, `html` and `xhtml` carry markup. */
function atomTextHtml(text: AtomFeed.Text | AtomFeed.Content | undefined): string | undefined {
  const value = text?.value;
  if (value === undefined || value.trim() === '') return undefined;
  const type = (text?.type ?? 'text').toLowerCase();
  return type === 'html' || type === 'xhtml' || type.includes('html') ? value : textHtml(value);
}

function atomPlain(text: AtomFeed.Text | undefined): string | undefined {
  if (text === undefined) return undefined;
  const type = (text.type ?? 'text').toLowerCase();
  return nonEmpty(type === 'html' || type === 'xhtml' ? htmlText(text.value) : text.value);
}

function atomLink(links: AtomFeed.Link<string>[] | undefined): string | undefined {
  const alternates = (links ?? []).filter((l) => (l.rel ?? 'alternate') === 'alternate');
  return (alternates.find((l) => (l.type ?? 'text/html').includes('html')) ?? alternates[0])?.href;
}

/** The RSS `<author>` is `email (Name)` by the spec, often just a name in practice. */
function rssAuthor(p: { name?: string; email?: string }): string | undefined {
  return nonEmpty(p.name) ?? nonEmpty(p.email?.replace(/^.*\((.*)\)\s*$/, '$1'));
}

export function readFeed(parsed: AnyFeed): RawFeed {
  switch (parsed.format) {
    case 'rss': {
      const f = parsed.feed;
      return defined<RawFeed>({
        title: nonEmpty(f.title),
        siteUrl: f.link,
        language: nonEmpty(f.language ?? f.dc?.languages?.[0]),
        items: (f.items ?? []).map((i) =>
          defined<RawItem>({
            guid: nonEmpty(i.guid?.value),
            // A permalink GUID is the item's address when it has no <link>.
            link:
              nonEmpty(i.link) ??
              (i.guid?.isPermaLink !== false ? nonEmpty(i.guid?.value) : undefined),
            title: nonEmpty(i.title),
            contentHtml: i.content?.encoded,
            summaryHtml: i.description,
            authors: unique([...(i.authors ?? []).map(rssAuthor), ...(i.dc?.creators ?? [])]).map(
              (name) => ({ name }),
            ),
            categories: unique([
              ...(i.categories ?? []).map((c) => c.name),
              ...(i.dc?.subjects ?? []),
            ]),
            published: i.pubDate ?? i.dc?.dates?.[0],
            updated: i.atom?.updated ?? i.dcterms?.modified?.[0],
            imageUrl:
              (i.enclosures ?? []).find((e) => (e.type ?? '').toLowerCase().startsWith('image/'))
                ?.url ?? mediaImage(i.media),
          }),
        ),
      });
    }
    case 'atom': {
      const f = parsed.feed;
      return defined<RawFeed>({
        title: atomPlain(f.title),
        siteUrl: atomLink(f.links),
        language: nonEmpty(f.xml?.lang),
        items: (f.entries ?? []).map((e) =>
          defined<RawItem>({
            guid: nonEmpty(e.id),
            link: atomLink(e.links),
            title: atomPlain(e.title),
            // Out-of-line content (src=…) is only a pointer: the linked page is the full text.
            contentHtml: e.content?.src === undefined ? atomTextHtml(e.content) : undefined,
            summaryHtml: atomTextHtml(e.summary),
            authors: (e.authors ?? f.authors ?? []).flatMap((a) => {
              const name = nonEmpty(a.name);
              return name === undefined
                ? []
                : [defined<{ name: string; url?: string }>({ name, url: a.uri })];
            }),
            categories: unique((e.categories ?? []).map((c) => c.label ?? c.term)),
            // Atom requires <updated> but not <published>: readers date the entry by the first.
            published: e.published ?? e.updated,
            updated: e.updated,
            imageUrl:
              (e.links ?? []).find(
                (l) => l.rel === 'enclosure' && (l.type ?? '').toLowerCase().startsWith('image/'),
              )?.href ?? mediaImage(e.media),
          }),
        ),
      });
    }
    case 'rdf': {
      const f = parsed.feed;
      return defined<RawFeed>({
        title: nonEmpty(f.title),
        siteUrl: f.link,
        language: nonEmpty(f.dc?.languages?.[0]),
        items: (f.items ?? []).map((i) =>
          defined<RawItem>({
            guid: nonEmpty(i.rdf?.about),
            link: nonEmpty(i.link) ?? nonEmpty(i.rdf?.about),
            title: nonEmpty(i.title),
            contentHtml: i.content?.encoded,
            summaryHtml: i.description,
            authors: unique(i.dc?.creators ?? []).map((name) => ({ name })),
            categories: unique(i.dc?.subjects ?? []),
            published: i.dc?.dates?.[0],
            updated: i.dcterms?.modified?.[0],
            imageUrl: mediaImage(i.media),
          }),
        ),
      });
    }
    case 'json': {
      const f = parsed.feed;
      return defined<RawFeed>({
        title: nonEmpty(f.title),
        siteUrl: f.home_page_url,
        language: nonEmpty(f.language),
        items: (f.items ?? []).map((i) =>
          defined<RawItem>({
            guid: nonEmpty(i.id === undefined ? undefined : String(i.id)),
            link: nonEmpty(i.url) ?? nonEmpty(i.external_url),
            title: nonEmpty(i.title),
            contentHtml: i.content_html,
            summaryHtml:
              i.summary !== undefined && i.summary.trim() !== ''
                ? textHtml(i.summary)
                : i.content_text !== undefined
                  ? textHtml(i.content_text)
                  : undefined,
            authors: (i.authors ?? f.authors ?? []).flatMap((a) => {
              const name = nonEmpty(a.name);
              return name === undefined
                ? []
                : [defined<{ name: string; url?: string }>({ name, url: a.url })];
            }),
            categories: unique(i.tags ?? []),
            published: i.date_published,
            updated: i.date_modified,
            imageUrl: i.image ?? i.banner_image,
          }),
        ),
      });
    }
  }
}
