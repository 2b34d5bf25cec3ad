import { LIMITS, normalizeText } from '@broadsheet/model';
import { z } from 'zod';

/**
 * Body of POST and PUT /v1/publications: its shape. What only the server can judge (the feeds
 * exist, the schedule fires, the time zone and addresses are real) is checked after it, 422.
 */
export const PublicationRequest = z.strictObject({
  // Normalised as every stored string: the title goes into OPDS, Atom and HTML.
  title: z
    .string()
    .overwrite(normalizeText)
    .min(1, { error: 'must not be empty' })
    .max(LIMITS.headlineChars),
  feeds: z
    .array(z.string().min(1).max(200))
    .min(1, { error: 'a publication needs at least one feed' })
    .max(100)
    .meta({ description: 'Feed ids (from POST /v1/feeds).' }),
  schedule: z.string().trim().min(1).max(200).meta({
    description:
      'Cron expression, 5 fields (minute hour day month weekday), or 6 with seconds first, read in `timeZone`.',
    example: '0 6 * * *',
  }),
  timeZone: z
    .string()
    .min(1)
    .max(100)
    .default('UTC')
    .meta({ description: 'IANA time zone the schedule is read in.', example: 'Europe/London' }),
  maxArticles: z
    .int()
    .min(1)
    .max(LIMITS.editionArticles)
    .default(30)
    .meta({ description: 'Most articles in one issue: the newest arrivals are kept.' }),
  formats: z
    .array(z.enum(['epub', 'pdf']))
    .min(1)
    .max(2)
    .refine((f) => new Set(f).size === f.length, { error: 'must not list a format twice' })
    .default(['epub'])
    .meta({ description: 'Formats each issue is rendered in ahead of its first download.' }),
  deliver: z
    .strictObject({
      email: z.array(z.string().max(320)).max(50).meta({
        description: 'Addresses each issue is mailed to, EPUB attached (e.g. Send-to-Kindle).',
      }),
    })
    .optional(),
});
export type PublicationRequest = z.infer<typeof PublicationRequest>;

/** An address `deliver.email` takes. */
export const EmailAddress = z.email();

const IssueLinks = z.object({ edition: z.string(), epub: z.string(), pdf: z.string() });

export const IssueSummary = z.object({
  slot: z
    .string()
    .meta({ description: 'ISO slot time, or `manual:<iso>` for an issue on request.' }),
  editionId: z.string(),
  articleCount: z.int(),
  createdAt: z.string(),
  links: IssueLinks,
});
export type IssueSummary = z.infer<typeof IssueSummary>;

export const PublicationResource = z.object({
  id: z.string(),
  title: z.string(),
  feeds: z.array(z.string()),
  schedule: z.string(),
  timeZone: z.string(),
  maxArticles: z.int(),
  formats: z.array(z.enum(['epub', 'pdf'])),
  deliver: z.object({ email: z.array(z.string()) }).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  nextIssueAt: z
    .string()
    .nullable()
    .meta({ description: 'The next scheduled slot; null when the schedule never fires again.' }),
  lastIssue: IssueSummary.nullable(),
  issues: z.array(IssueSummary).optional().meta({ description: 'Recent issues, newest first.' }),
  deliveries: z
    .array(z.unknown())
    .optional()
    .meta({ description: 'Mail deliveries of recent issues, when delivery is configured.' }),
  links: z.object({
    self: z.string(),
    issues: z.string(),
    opds: z.string(),
    atom: z.string(),
    reader: z.string(),
  }),
});
export type PublicationResource = z.infer<typeof PublicationResource>;
