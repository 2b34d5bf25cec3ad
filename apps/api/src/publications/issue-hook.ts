/**
 * What the publications feature tells the world when an issue has been made: the delivery
 * feature implements it (mail the EPUB), the server wires it in. Called after the issue's
 * edition is stored and rendered ahead; a rejected promise is logged, never fails the issue.
 */
export interface IssueMade {
  publicationId: string;
  publicationTitle: string;
  editionId: string;
  /** ISO slot time, or 'manual:<iso>' */
  slot: string;
  formats: ('epub' | 'pdf')[];
  deliver?: { email: string[] };
}

export type OnIssue = (issue: IssueMade) => Promise<void>;

/**
 * The deliveries of a publication's issues, as the delivery feature summarises them (it owns
 * their shape): `GET /v1/publications/{id}` shows them as `deliveries`, as they are.
 */
export type DeliveryStatus = (publicationId: string) => Promise<readonly unknown[]>;
