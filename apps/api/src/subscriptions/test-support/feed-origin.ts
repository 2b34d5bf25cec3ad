import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the origin answers at one path; `etag` turns on conditional GETs (304). */
export interface OriginRoute {
  status?: number;
  type?: string;
  body?: string | Buffer;
  etag?: string;
  headers?: Record<string, string>;
  /** Answers the request itself (redirect loops, huge bodies). */
  handle?: (req: IncomingMessage, res: ServerResponse) => void;
}

export interface FeedOrigin {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `127.0.0.1:PORT`, for the safe fetcher's allow list. */
  host: string;
  set(path: string, route: OriginRoute): void;
  /** Requests per path, and how many of them were answered 304. */
  hits(path: string): { requests: number; notModified: number };
  close(): Promise<void>;
}

/**
 * A small web site on 127.0.0.1 whose pages a test sets as it goes (a feed that changes between
 * polls, pages appearing): real HTTP, real sockets, nothing mocked in the server under test.
 */
export async function startFeedOrigin(): Promise<FeedOrigin> {
  const routes = new Map<string, OriginRoute>();
  const counts = new Map<string, { requests: number; notModified: number }>();
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const count = counts.get(path) ?? { requests: 0, notModified: 0 };
    counts.set(path, count);
    count.requests += 1;
    const route = routes.get(path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
      return;
    }
    if (route.handle) {
      route.handle(req, res);
      return;
    }
    if (route.etag !== undefined && req.headers['if-none-match'] === route.etag) {
      count.notModified += 1;
      res.writeHead(304, { etag: route.etag }).end();
      return;
    }
    res
      .writeHead(route.status ?? 200, {
        'content-type': route.type ?? 'application/rss+xml; charset=utf-8',
        ...(route.etag !== undefined && { etag: route.etag }),
        ...route.headers,
      })
      .end(route.body ?? '');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    set: (path, route) => routes.set(path, route),
    hits: (path) => ({ ...(counts.get(path) ?? { requests: 0, notModified: 0 }) }),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface RssItem {
  guid: string;
  title: string;
  link: string;
  /** content:encoded (full text); without it the item is summary-only. */
  content?: string;
  description?: string;
  category?: string;
  author?: string;
  pubDate?: string;
}

/** An RSS 2.0 document with content:encoded, as news sites publish them. */
export function rss(title: string, site: string, items: readonly RssItem[]): string {
  const entries = items
    .map(
      (i) => `    <item>
      <title>${escape(i.title)}</title>
      <link>${escape(i.link)}</link>
      <guid isPermaLink="false">${escape(i.guid)}</guid>
      ${i.pubDate ? `<pubDate>${i.pubDate}</pubDate>` : ''}
      ${i.author ? `<dc:creator>${escape(i.author)}</dc:creator>` : ''}
      ${i.category ? `<category>${escape(i.category)}</category>` : ''}
      ${i.description ? `<description>${escape(i.description)}</description>` : ''}
      ${i.content ? `<content:encoded><![CDATA[${i.content}]]></content:encoded>` : ''}
    </item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>${escape(title)}</title>
    <link>${escape(site)}</link>
    <description>Test feed</description>
${entries}
  </channel>
</rss>`;
}

/** A news page as Readability expects one: a headline and a few paragraphs of article text. */
export function articlePage(headline: string, paragraphs: readonly string[]): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(headline)}</title></head>
<body><header><nav><a href="/">Home</a></nav></header>
<article><h1>${escape(headline)}</h1>
${paragraphs.map((p) => `<p>${escape(p)}</p>`).join('\n')}
</article><footer>© Example</footer></body></html>`;
}
