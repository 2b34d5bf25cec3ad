import type { Request } from 'express';
/** Canonical URL paths of API resources, so every router and feed links the same way. */

export const articlePath = (slug: string) => `/v1/articles/${encodeURIComponent(slug)}`;
export const articleDownloadPath = (slug: string, format: 'epub' | 'pdf') =>
  `/v1/articles/${encodeURIComponent(slug)}.${format}`;
export const editionPath = (id: string) => `/v1/editions/${encodeURIComponent(id)}`;
export const editionDownloadPath = (id: string, format: 'epub' | 'pdf') =>
  `/v1/editions/${encodeURIComponent(id)}.${format}`;
export const articleCoverPath = (slug: string) =>
  `/v1/articles/${encodeURIComponent(slug)}/cover.png`;
export const editionCoverPath = (id: string) => `/v1/editions/${encodeURIComponent(id)}/cover.png`;
export const publicationPath = (id: string) => `/v1/publications/${encodeURIComponent(id)}`;
export const publicationIssuesPath = (id: string) =>
  `/v1/publications/${encodeURIComponent(id)}/issues`;

/** The URL of the next page of a list: the request's own query with the next cursor. */
export function listUrl(req: Request, cursor: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(req.query)) {
    if (key !== 'cursor' && typeof value === 'string') params.set(key, value);
  }
  params.set('cursor', cursor);
  return `${req.baseUrl}${req.path}?${params.toString()}`;
}
