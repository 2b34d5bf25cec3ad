import { describe, expect, it } from 'vitest';
import { createHostQueue } from './host-queue.js';

/** A request that ends when the test says so, recording how many ran at once per host. */
function tracker() {
  const running = new Map<string, number>();
  const peak = new Map<string, number>();
  const release: (() => void)[] = [];
  const request = (host: string) => () =>
    new Promise<string>((resolve) => {
      const n = (running.get(host) ?? 0) + 1;
      running.set(host, n);
      peak.set(host, Math.max(peak.get(host) ?? 0, n));
      release.push(() => {
        running.set(host, (running.get(host) ?? 1) - 1);
        resolve(host);
      });
    });
  return { request, peak, release };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('host queue', () => {
  it('runs one request at a time per host, hosts side by side, in the order asked', async () => {
    const queue = createHostQueue();
    const t = tracker();
    const order: string[] = [];
    const all = [
      'https://a.example/1',
      'https://A.example/2',
      'https://b.example/1',
      'https://a.example/3',
    ].map((url) => queue.run(url, t.request(new URL(url).host)).then(() => order.push(url)));
    await settle();
    // a.example and b.example have one request each in flight; the other a.example ones wait.
    expect(t.release).toHaveLength(2);
    while (t.release.length > 0) {
      t.release.shift()?.();
      await settle();
    }
    await Promise.all(all);
    expect(t.peak.get('a.example')).toBe(1);
    expect(t.peak.get('b.example')).toBe(1);
    expect(order.filter((u) => u.toLowerCase().includes('a.example'))).toEqual([
      'https://a.example/1',
      'https://A.example/2',
      'https://a.example/3',
    ]);
  });

  it('goes on with the next request to a host after one fails', async () => {
    const queue = createHostQueue();
    const failed = queue.run('https://a.example/', () => Promise.reject(new Error('down')));
    const next = queue.run('https://a.example/x', () => Promise.resolve('ok'));
    await expect(failed).rejects.toThrow('down');
    await expect(next).resolves.toBe('ok');
  });
});
