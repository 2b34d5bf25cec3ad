import { digest } from '../http/auth.js';
import type { KeyStore, Scope } from '../store/types.js';
import { newKey } from './secret.js';

/** Makes and stores a key; the returned `key` is the only copy of the secret. */
export async function createKey(
  keys: KeyStore,
  name: string,
  scopes: Scope[],
): Promise<{ id: string; name: string; scopes: Scope[]; key: string; createdAt: string }> {
  const { id, key } = newKey();
  const stored = await keys.create({ id, name, scopes, hash: digest(key).toString('hex') });
  return { id, name: stored.name, scopes: stored.scopes, key, createdAt: stored.createdAt };
}
