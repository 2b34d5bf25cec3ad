import type { ServerProcess } from './server-process.js';

/** A problem document's required shape (RFC 9457), which every error answer must carry. */
export async function expectProblem(
  res: Response,
  status?: number,
): Promise<{ status: number; title: string; detail?: string }> {
  const type = res.headers.get('content-type') ?? '';
  const text = await res.text();
  if (!type.startsWith('application/problem+json')) {
    throw new Error(
      `${res.status} answered ${type || 'no content-type'}, not a problem document: ${text.slice(0, 300)}`,
    );
  }
  const doc = JSON.parse(text) as { status?: unknown; title?: unknown; detail?: unknown };
  if (doc.status !== res.status || typeof doc.title !== 'string')
    throw new Error(`malformed problem document: ${text.slice(0, 300)}`);
  if (status !== undefined && res.status !== status)
    throw new Error(`expected ${status}, got ${res.status}: ${text.slice(0, 300)}`);
  return {
    status: res.status,
    title: doc.title,
    ...(typeof doc.detail === 'string' ? { detail: doc.detail } : {}),
  };
}

/** Headers of an authorised write to `server`. */
export function writeHeaders(
  server: ServerProcess,
  extra: Record<string, string> = {},
): Record<string, string> {
  if (server.token === undefined)
    throw new Error('this server generated its own token; pass one in env');
  return { authorization: `Bearer ${server.token}`, ...extra };
}

/** Writes are unthrottled in fault tests: the rate limit is tested elsewhere. */
export const UNTHROTTLED = { BROADSHEET_WRITES_PER_MINUTE: '100000' };

export async function postJson(
  server: ServerProcess,
  path: string,
  body: unknown,
): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: writeHeaders(server, { 'content-type': 'application/json' }),
    body: JSON.stringify(body),
  });
}
