import { describe, expect, it } from 'vitest';
import { mergeCopiedKey } from './key-merge.js';
import { ConflictError, type StoredApiKey } from './types.js';

const key: StoredApiKey = {
  id: 'cms',
  name: 'CMS',
  scopes: ['articles:write'],
  hash: 'ab'.repeat(32),
  createdAt: '2024-01-01T00:00:00.000Z',
};
const at = (minute: number) => `2024-01-01T00:${String(minute).padStart(2, '0')}:00.000Z`;

describe('mergeCopiedKey (KeyStore.restore over a key already there)', () => {
  it.each<
    [string, Partial<StoredApiKey>, Partial<StoredApiKey>, Partial<StoredApiKey> | undefined]
  >([
    ['identical: nothing to write', {}, {}, undefined],
    [
      'a later use at the source',
      { lastUsedAt: at(1) },
      { lastUsedAt: at(5) },
      { lastUsedAt: at(5) },
    ],
    [
      'an earlier use at the source: kept as it is',
      { lastUsedAt: at(5) },
      { lastUsedAt: at(1) },
      undefined,
    ],
    ['revoked at the source', {}, { revokedAt: at(3) }, { revokedAt: at(3) }],
    ['revoked here, active at the source: stays revoked', { revokedAt: at(3) }, {}, undefined],
    [
      'revoked on both sides: the earlier revocation',
      { revokedAt: at(7) },
      { revokedAt: at(3) },
      { revokedAt: at(3) },
    ],
    [
      'another name or scopes at the source: those here stay',
      {},
      { name: 'Renamed', scopes: ['admin'] },
      undefined,
    ],
  ])('%s', (_, here, copied, merged) => {
    const result = mergeCopiedKey({ ...key, ...here }, { ...key, ...copied });
    expect(result).toEqual(merged === undefined ? undefined : { ...key, ...here, ...merged });
  });

  it('refuses another key under the same id', () => {
    expect(() => mergeCopiedKey(key, { ...key, hash: 'cd'.repeat(32) })).toThrow(ConflictError);
  });
});
