import { timingSafeEqual } from 'node:crypto';
import { digest, type Authenticator, type Credential } from '../http/auth.js';
import type { KeyStore } from '../store/types.js';
import { keyId } from './secret.js';

export interface KeyAuthenticatorOptions {
  /** Record a key's use at most this often per key and replica (default one minute). */
  touchEveryMs?: number;
  now?: () => Date;
  /** Recording a use failed (the request itself goes on). */
  onTouchError?: (err: unknown) => void;
}

/**
 * API keys from the store. Every request reads the key's row (never a cache), so a revoked key
 * fails at once on every replica. The stored hash is compared in constant time. Last-used
 * times are written at most once a minute per key and replica, so reads stay reads.
 */
export function keyAuthenticator(
  keys: KeyStore,
  options: KeyAuthenticatorOptions = {},
): Authenticator {
  const every = options.touchEveryMs ?? 60_000;
  const now = options.now ?? (() => new Date());
  const touched = new Map<string, number>();
  return async (secret) => {
    const id = keyId(secret);
    if (id === undefined) return undefined;
    const found = await keys.find(id);
    if (!found) return undefined;
    const stored = Buffer.from(found.hash, 'hex');
    const given = digest(secret);
    if (stored.length !== given.length || !timingSafeEqual(stored, given)) return undefined;
    const at = now();
    const last = touched.get(id);
    if (last === undefined || at.getTime() - last >= every) {
      if (touched.size >= 10_000) touched.clear();
      touched.set(id, at.getTime());
      keys
        .touch(id, at.toISOString(), new Date(at.getTime() - every).toISOString())
        .catch((err: unknown) => options.onTouchError?.(err));
    }
    const credential: Credential = { id: `key:${id}`, scopes: found.key.scopes };
    return credential;
  };
}
