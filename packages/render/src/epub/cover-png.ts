import type { Article, Edition } from '@broadsheet/model';
import { isEdition } from '../shared/index.js';
import { renderCover } from './cover.js';
import { articleCoverSpec, editionCoverSpec } from './cover-spec.js';

/**
 * The same cover the EPUB carries, as PNG bytes, for catalogs (OPDS images and thumbnails)
 * and feeds. Deterministic: same input, same bytes.
 */
export async function renderCoverPng(input: Article | Edition): Promise<Uint8Array> {
  const plan = isEdition(input) ? editionCoverSpec(input) : articleCoverSpec(input);
  return renderCover(plan.spec);
}
