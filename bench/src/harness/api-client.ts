import type { Article } from '@broadsheet/model';
import { BENCH_TOKEN } from './server.js';

/** The few API calls the benchmarks make outside autocannon; every unexpected answer throws. */
export class ApiClient {
  constructor(readonly url: string) {}

  private async expect(res: Response, status: number, what: string): Promise<Response> {
    if (res.status !== status) {
      throw new Error(
        `${what}: expected ${status}, got ${res.status}: ${(await res.text()).slice(0, 500)}`,
      );
    }
    return res;
  }

  async createArticle(article: Article): Promise<string> {
    const res = await fetch(`${this.url}/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_TOKEN}` },
      body: JSON.stringify(article),
    });
    await this.expect(res, 201, `POST /v1/articles ${article.slug}`);
    await res.arrayBuffer();
    return article.slug;
  }

  /** Creates a curated edition and returns its id (from Location). */
  async createEdition(title: string, date: string, slugs: readonly string[]): Promise<string> {
    const res = await fetch(`${this.url}/v1/editions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_TOKEN}` },
      body: JSON.stringify({ title, date, slugs }),
    });
    await this.expect(res, 201, `POST /v1/editions ${title}`);
    await res.arrayBuffer();
    const location = res.headers.get('location') ?? '';
    const id = decodeURIComponent(location.split('/').at(-1) ?? '');
    if (!id) throw new Error('POST /v1/editions answered 201 without a Location');
    return id;
  }

  async bytes(path: string, status = 200): Promise<{ body: Buffer; headers: Headers }> {
    const res = await this.expect(await fetch(`${this.url}${path}`), status, `GET ${path}`);
    return { body: Buffer.from(await res.arrayBuffer()), headers: res.headers };
  }
}
