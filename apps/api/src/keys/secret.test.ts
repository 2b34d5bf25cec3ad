import { describe, expect, it } from 'vitest';
import { keyId, newKey } from './secret.js';

describe('API key secrets', () => {
  it('makes keys of 256 random bits that name their id', () => {
    const keys = Array.from({ length: 50 }, () => newKey());
    expect(new Set(keys.map((k) => k.key)).size).toBe(50);
    for (const { id, key } of keys) {
      expect(keyId(key)).toBe(id);
      // 43 base64url characters carry 258 bits, of which 256 are the secret's.
      expect(Buffer.from(key.slice('bsk_'.length + 17), 'base64url')).toHaveLength(32);
    }
  });

  it.each([
    'test-token-0123456789abcdef',
    'bsk_0123456789abcdef',
    `bsk_0123456789ABCDEF_${'A'.repeat(43)}`,
    `bsk_0123456789abcdef_${'A'.repeat(42)}`,
    `bsk_0123456789abcdef_${'A'.repeat(42)}=`,
  ])('%s is not shaped like a key', (secret) => {
    expect(keyId(secret)).toBeUndefined();
  });
});
