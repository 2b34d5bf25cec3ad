import { LIMITS } from '@broadsheet/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-support/server.js';

interface Problem {
  status: number;
  detail: string;
  errors: { path: string; message: string }[];
}

let defaults: TestServer;
let small: TestServer;
beforeAll(async () => {
  [defaults, small] = await Promise.all([startTestServer(), startTestServer({ maxTextLines: 5 })]);
});
afterAll(() => Promise.all([defaults.close(), small.close()]));

const sendText = (server: TestServer, text: string, method = 'POST', path = '/v1/articles') =>
  fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'text/plain; charset=utf-8', ...server.auth },
    body: text,
  });

describe('the line budget of text/plain articles (BROADSHEET_MAX_TEXT_LINES)', () => {
  it('answers 413 naming the limit for the 160 KB text of one-letter lines that stalled the server', async () => {
    const res = await sendText(
      defaults,
      `Council approves new cycle lanes\n${'a\n'.repeat(80_000)}`,
    );
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as Problem;
    expect(problem.status).toBe(413);
    expect(problem.errors).toEqual([
      {
        path: `line ${LIMITS.textLines + 1}`,
        message: `the text has more than ${LIMITS.textLines} lines; a plain-text article may have at most ${LIMITS.textLines} (limit textLines)`,
      },
    ]);
  });

  it.each([
    ['\n', 'line feeds'],
    ['\r\n', 'CR LF'],
    ['\r', 'carriage returns'],
    ['\u2028', 'line separators'],
  ])('counts lines ended by %j (%s) and blank lines alike', async (eol, name) => {
    const lines = [`Lanes approved, with ${name}`, 'First.', '', 'Second.', '', 'Third.'];
    const over = await sendText(small, lines.join(eol));
    expect(over.status).toBe(413);
    expect(((await over.json()) as Problem).errors[0]?.path).toBe('line 6');
    const within = await sendText(small, lines.slice(0, 5).join(eol));
    expect(within.status).toBe(201);
  });

  it('applies to PUT as well', async () => {
    const res = await sendText(small, 'Headline\n1\n2\n3\n4\n5\n', 'PUT', '/v1/articles/headline');
    expect(res.status).toBe(413);
    expect((await fetch(`${small.url}/v1/articles/headline`)).status).toBe(404);
  });
});
