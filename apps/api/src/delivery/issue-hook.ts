import type { OnIssue } from '../publications/issue-hook.js';
import type { Store } from '../store/types.js';
import { MAIL_NOT_CONFIGURED } from './messages.js';

export interface IssueDeliveryDeps {
  store: Store;
  /** Whether BROADSHEET_SMTP_URL is set; without it deliveries are recorded as failed, saying why. */
  mailConfigured: boolean;
  /** Sends now instead of at the delivery job's next tick (startDeliveryJob's `wake`). */
  wake?: (() => void) | undefined;
}

/** Each address once, as given (the first spelling of one differing only in case). */
export function distinctRecipients(emails: readonly string[]): string[] {
  const seen = new Set<string>();
  return emails.filter((email) => {
    const key = email.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The publications' OnIssue: records one pending delivery of the issue's edition per recipient
 * of the publication's `deliver.email` (none twice, even when the hook runs again for the same
 * issue), then wakes the delivery job. The mail itself goes out from the job, so a slow or
 * absent SMTP server never holds up the issue.
 */
export function issueDeliveryHook(deps: IssueDeliveryDeps): OnIssue {
  return async (issue) => {
    const recipients = distinctRecipients(issue.deliver?.email ?? []);
    if (recipients.length === 0) return;
    await deps.store.deliveries.enqueue(
      recipients.map((recipient) => ({
        publicationId: issue.publicationId,
        editionId: issue.editionId,
        recipient,
      })),
      deps.mailConfigured ? {} : { failed: MAIL_NOT_CONFIGURED },
    );
    if (deps.mailConfigured) deps.wake?.();
  };
}
