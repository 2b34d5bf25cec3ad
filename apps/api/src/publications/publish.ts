import type { Logger } from 'pino';
import { downloadInput } from '../downloads/download-input.js';
import { resolveEdition } from '../editions/resolve.js';
import type { RenderService } from '../render/types.js';
import type { IssueFormat, PublicationIssue } from '../store/publication-types.js';
import type { CuratedEdition, Store } from '../store/types.js';
import type { OnIssue } from './issue-hook.js';

export interface PublishDeps {
  store: Store;
  renderer: RenderService;
  logger: Logger;
  onIssue?: OnIssue | undefined;
}

/**
 * Renders the edition's files as a download with default options would, so that the first
 * download finds them in the cache. A failure is logged: the download renders it then.
 */
async function renderAhead(
  deps: PublishDeps,
  editionId: string,
  formats: readonly IssueFormat[],
): Promise<void> {
  const resolved = await resolveEdition(deps.store, editionId);
  if (!resolved) return;
  for (const format of formats) {
    try {
      const input = await downloadInput(deps.store.media, resolved.edition, format, {}, false);
      await deps.renderer.file(format, input, {});
    } catch (err) {
      deps.logger.warn({ err, editionId, format }, 'rendering an issue ahead failed');
    }
  }
}

/**
 * Makes the issue of `slot` (see PublicationStore.makeIssue), renders it ahead in the
 * publication's formats, then tells `onIssue`. Null when no issue was made.
 */
export async function publishIssue(
  deps: PublishDeps,
  publicationId: string,
  slot: string,
  now: Date,
): Promise<{ issue: PublicationIssue; edition: CuratedEdition } | null> {
  const made = await deps.store.publications.makeIssue(publicationId, slot, now);
  if (!made) return null;
  const publication = await deps.store.publications.get(publicationId);
  const formats = publication?.formats ?? [];
  await renderAhead(deps, made.edition.id, formats);
  deps.logger.info(
    { publicationId, slot, editionId: made.edition.id, articles: made.issue.articleCount },
    'publication issue made',
  );
  if (deps.onIssue && publication) {
    try {
      await deps.onIssue({
        publicationId,
        publicationTitle: publication.title,
        editionId: made.edition.id,
        slot,
        formats,
        ...(publication.deliver && { deliver: publication.deliver }),
      });
    } catch (err) {
      deps.logger.error({ err, publicationId, slot }, 'the issue hook failed; the issue stands');
    }
  }
  return made;
}
