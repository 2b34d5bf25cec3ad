import type { Resolve } from '@broadsheet/fetch';

/**
 * Name resolution for tests: `localhost` is 127.0.0.1 and every other name is unknown, as an
 * offline resolver would answer. Fixtures name hosts under `.example` (pictures, item links);
 * with the system resolver each fetch of one sent a DNS query off the machine.
 */
export const localNamesOnly: Resolve = (host) => {
  if (host === 'localhost') return Promise.resolve(['127.0.0.1']);
  return Promise.reject(
    Object.assign(new Error(`getaddrinfo ENOTFOUND ${host} (tests resolve local names only)`), {
      code: 'ENOTFOUND',
    }),
  );
};
