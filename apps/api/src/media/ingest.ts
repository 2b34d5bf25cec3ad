import { createHash } from 'node:crypto';
import { MediaError, processImage } from '@broadsheet/media';
import { HttpProblem } from '../http/problem.js';
import type { MediaRecord, MediaStore } from '../store/types.js';
import type { MediaDescription } from './schemas.js';

export const MEDIA_PATH = /\/v1\/media\/([0-9a-f]{64})(?=$|[?#])/;

export const mediaPath = (id: string) => `/v1/media/${id}`;

export function describeMedia(media: MediaRecord, baseUrl: string): MediaDescription {
  return {
    id: media.id,
    url: `${baseUrl}${mediaPath(media.id)}`,
    type: media.type as MediaDescription['type'],
    width: media.width,
    height: media.height,
    bytes: media.bytes,
  };
}

/**
 * Processes a picture (decode, re-encode without metadata) and stores it under the sha256 of
 * what is stored, once. A MediaError becomes a problem (400/415) naming `name`, so nothing
 * half-processed is ever stored.
 */
export async function ingestImage(
  store: MediaStore,
  input: Uint8Array,
  options: { maxPixels: number; name: string },
): Promise<{ media: MediaRecord; created: boolean }> {
  let processed;
  try {
    processed = await processImage(input, { maxPixels: options.maxPixels });
  } catch (e) {
    if (e instanceof MediaError)
      throw new HttpProblem(e.status, `${options.name} ${e.reason}`, {
        errors: [{ path: options.name, message: e.reason }],
      });
    throw e;
  }
  const id = createHash('sha256').update(processed.bytes).digest('hex');
  return store.put({
    id,
    type: processed.type,
    width: processed.width,
    height: processed.height,
    data: processed.bytes,
  });
}
