import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { Article } from '@broadsheet/model';
import { articleHtml, escapeHtml } from './html.js';

/**
 * A news site on 127.0.0.1 for the feeds benchmark: summary-only RSS 2.0 feeds whose items
 * link to full pages served by the same server, so every item costs the API a full-text fetch.
 *
 * `/<prefix>/feed.xml?n=N`: N items (at most the articles given), item i linking to
 * `/<prefix>/p/<i>` with `<prefix>/<i>` as GUID, so each prefix is a feed of its own whose
 * items no other feed shares. `/<prefix>/p/<i>`: article i as a whole web page, the same bytes
 * under every prefix.
 */
export interface FeedSite {
  origin: string;
  feedUrl: (prefix: string, items: number) => string;
  pageUrl: (prefix: string, index: number) => string;
  /** Requests answered so far (feeds and pages). */
  requests: () => number;
  close: () => Promise<void>;
}

/** Items are dated a minute apart from here: fixed, and never in the future for the parser. */
const FIRST_ITEM = Date.UTC(2026, 10, 1);

function page(a: Article): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(a.language)}"><head><meta charset="utf-8">`,
    `<title>${escapeHtml(a.headline)}</title>`,
    '<meta property="og:type" content="article">',
    `<meta property="og:title" content="${escapeHtml(a.headline)}">`,
    '</head><body><header><nav><a href="/">Home</a></nav></header><main>',
    articleHtml(a, 1),
    '</main><footer><p>The benchmark site</p></footer></body></html>',
  ].join('\n');
}

function feed(origin: string, prefix: string, articles: readonly Article[], n: number): string {
  const items = articles.slice(0, n).map((a, i) => {
    const link = `${origin}/${prefix}/p/${i}`;
    const summary = a.standfirst ?? a.headline;
    return [
      '<item>',
      `<title>${escapeHtml(a.headline)}</title>`,
      `<link>${escapeHtml(link)}</link>`,
      `<guid isPermaLink="false">${escapeHtml(`${prefix}/${i}`)}</guid>`,
      `<pubDate>${new Date(FIRST_ITEM + i * 60_000).toUTCString()}</pubDate>`,
      `<description>${escapeHtml(`<p>${escapeHtml(summary)}</p>`)}</description>`,
      '</item>',
    ].join('');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0"><channel>',
    `<title>Benchmark news ${escapeHtml(prefix)}</title>`,
    `<link>${escapeHtml(origin)}/</link>`,
    '<description>Summary-only items; full pages linked</description>',
    '<language>en</language>',
    ...items,
    '</channel></rss>',
    '',
  ].join('\n');
}

export async function startFeedSite(articles: readonly Article[]): Promise<FeedSite> {
  const pages = articles.map((a) => Buffer.from(page(a)));
  let origin = '';
  let count = 0;
  const server: Server = createServer((req, res) => {
    count += 1;
    const url = new URL(req.url ?? '/', origin);
    const pageMatch = /^\/([a-z0-9-]+)\/p\/(\d+)$/.exec(url.pathname);
    const feedMatch = /^\/([a-z0-9-]+)\/feed\.xml$/.exec(url.pathname);
    const body = pageMatch
      ? pages[Number(pageMatch[2])]
      : feedMatch
        ? Buffer.from(
            feed(origin, feedMatch[1] ?? '', articles, Number(url.searchParams.get('n') ?? '0')),
          )
        : undefined;
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': pageMatch ? 'text/html; charset=utf-8' : 'application/rss+xml; charset=utf-8',
      'content-length': body.length,
    });
    res.end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('feed site: no port');
  origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    feedUrl: (prefix, items) => `${origin}/${prefix}/feed.xml?n=${items}`,
    pageUrl: (prefix, index) => `${origin}/${prefix}/p/${index}`,
    requests: () => count,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
