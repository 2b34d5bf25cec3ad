import autocannon from 'autocannon';

export type CannonOptions = autocannon.Options;
export type CannonResult = autocannon.Result;

/** autocannon as a promise; refuses any target that is not on loopback. */
export function cannon(options: CannonOptions): Promise<CannonResult> {
  const host = new URL(options.url).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '[::1]') {
    return Promise.reject(new Error(`bench targets loopback only, not ${host}`));
  }
  return new Promise((resolve, reject) => {
    autocannon(options, (err, result) =>
      err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(result),
    );
  });
}
