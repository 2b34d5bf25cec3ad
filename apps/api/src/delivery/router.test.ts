import { defaultArticle } from '@broadsheet/content';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-support/server.js';

describe('POST and GET /v1/editions/{id}/deliveries', () => {
  let configured: TestServer;
  let unconfigured: TestServer;
  const woken: number[] = [];
  beforeAll(async () => {
    configured = await startTestServer({
      seed: [defaultArticle()],
      mailDelivery: { configured: true, wake: () => woken.push(1) },
    });
    unconfigured = await startTestServer({ seed: [defaultArticle()] });
  });
  afterAll(async () => {
    await configured.close();
    await unconfigured.close();
  });
  const date = () => 'latest';

  const post = (server: TestServer, body: unknown, id = date(), headers = server.auth) =>
    fetch(`${server.url}/v1/editions/${id}/deliveries`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it.each([
    [{}, 'body.email'],
    [{ email: [] }, 'body.email'],
    [{ email: ['not an address'] }, 'body.email.0'],
    [{ email: ['reader@example.org', `${'x'.repeat(250)}@example.org`] }, 'body.email.1'],
    [{ email: Array.from({ length: 51 }, (_, i) => `r${i}@example.org`) }, 'body.email'],
    [{ email: ['reader@example.org'], cc: ['x@example.org'] }, 'body'],
  ])('answers 400 naming the field for %o', async (body, path) => {
    const res = await post(configured, body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as { errors: { path: string }[] };
    expect(problem.errors[0]?.path).toBe(path);
  });

  it('needs a credential to send or to read who an edition was mailed to', async () => {
    expect(
      (await post(configured, { email: ['reader@example.org'] }, date(), {} as never)).status,
    ).toBe(401);
    expect((await fetch(`${configured.url}/v1/editions/${date()}/deliveries`)).status).toBe(401);
  });

  it('answers 404 for an edition that does not exist', async () => {
    const res = await post(configured, { email: ['reader@example.org'] }, '1999-01-01');
    expect(res.status).toBe(404);
  });

  it('answers 409 saying what to set when mail is not configured, recording nothing', async () => {
    const res = await post(unconfigured, { email: ['reader@example.org'] });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/BROADSHEET_SMTP_URL/);
    const list = await fetch(`${unconfigured.url}/v1/editions/${date()}/deliveries`, {
      headers: unconfigured.auth,
    });
    expect(await list.json()).toEqual({ items: [] });
  });

  it('records the deliveries, wakes the job and lists them', async () => {
    const res = await post(configured, { email: ['reader@example.org'] });
    expect(res.status).toBe(202);
    expect(woken.length).toBeGreaterThan(0);
    const list = await fetch(`${configured.url}/v1/editions/latest/deliveries`, {
      headers: configured.auth,
    });
    expect(((await list.json()) as { items: unknown[] }).items).toMatchObject([
      { recipient: 'reader@example.org', status: 'pending' },
    ]);
  });
});
