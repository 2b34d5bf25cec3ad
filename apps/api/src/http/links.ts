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
