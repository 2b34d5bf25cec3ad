import { randomBytes } from 'node:crypto';

/** Every key starts so, which lets secret scanners and redaction find it. */
export const KEY_PREFIX = 'bsk_';

const KEY = /^bsk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/**
 * A new key: `bsk_<id>_<secret>`, the id 64 random bits in hex (it finds the row, and is what
 * lists and DELETE name), the secret 256 random bits in base64url. Only a SHA-256 of the whole
 * key is stored: for a secret this random a fast hash is enough (nothing to brute-force).
 */
export function newKey(): { id: string; key: string } {
  const id = randomBytes(8).toString('hex');
  return { id, key: `${KEY_PREFIX}${id}_${randomBytes(32).toString('base64url')}` };
}

/** The id part of something shaped like a key, or undefined. */
export function keyId(secret: string): string | undefined {
  return KEY.exec(secret)?.[1];
}
