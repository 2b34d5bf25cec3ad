import { createHash } from 'node:crypto';

/** Hex SHA-256 via node:crypto (the model's isomorphic one is slower on large articles). */
export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
