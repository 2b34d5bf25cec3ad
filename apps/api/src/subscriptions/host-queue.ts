/**
 * At most one request at a time per host, in this process: a feed's polls, its items' pages
 * and a refresh asked for over HTTP all queue behind each other when they go to one host, so a
 * site with many subscribed feeds is never hit in parallel by this server. Other replicas keep
 * queues of their own (each polls different feeds, through the store's leases).
 */
export interface HostQueue {
  /** Runs `work` once every earlier request to the same host has settled. */
  run<T>(url: string, work: () => Promise<T>): Promise<T>;
}

/** `host[:port]` of a URL; the whole string when it does not parse (it then fails on its own). */
function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}

export function createHostQueue(): HostQueue {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<T>(url: string, work: () => Promise<T>): Promise<T> {
      const host = hostOf(url);
      const previous = tails.get(host) ?? Promise.resolve();
      const result = previous.then(work, work);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(host, tail);
      // The map holds only hosts with requests in flight.
      void tail.then(() => {
        if (tails.get(host) === tail) tails.delete(host);
      });
      return result;
    },
  };
}
