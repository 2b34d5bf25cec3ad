export { refusalReason } from './address-policy.js';
export { type AllowedHost, isAllowed, parseAllowHosts } from './allow-hosts.js';
export { sniffType } from './sniff.js';
export {
  checkUrl,
  createSafeFetchFunction,
  DEFAULT_USER_AGENT,
  type FetchedResource,
  type Resolve,
  SAFE_FETCH_DEFAULTS,
  safeAgent,
  safeFetch,
  SafeFetchError,
  type SafeFetchErrorCode,
  type SafeFetchOptions,
  type SafePolicy,
  systemResolve,
} from './safe-fetch.js';
