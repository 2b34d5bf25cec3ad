import * as z from 'zod';

// What fromNinjs reads. Loose on purpose: a ninjs document may carry many properties we do
// not map (people, places, rightsinfo...), and 1.x documents use `headline`, `body_text`,
// `body_html` and `description_text` instead of the 2.x arrays.
const RoleValue = z.looseObject({
  role: z.string().optional(),
  contenttype: z.string().optional(),
  value: z.string(),
});

const Named = z.looseObject({
  name: z.string().optional(),
  rel: z.string().optional(),
  role: z.string().optional(),
  uri: z.string().optional(),
  literal: z.string().optional(),
});

const Rendition = z.looseObject({
  name: z.string().optional(),
  href: z.string().optional(),
  contenttype: z.string().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
});

export const NinjsAssociation = z.looseObject({
  name: z.string().optional(),
  uri: z.string().optional(),
  type: z.string().optional(),
  by: z.string().optional(),
  headlines: z.array(RoleValue).optional(),
  descriptions: z.array(RoleValue).optional(),
  renditions: z.array(Rendition).optional(),
});

/** A ninjs 2.x (or 1.x) news item, as far as fromNinjs reads it. */
export const NinjsInput = z.looseObject({
  uri: z.string({ error: 'must be the item URI (a string)' }),
  type: z.string().optional(),
  language: z.string().optional(),
  slugline: z.string().optional(),
  headlines: z.array(RoleValue).optional(),
  headline: z.string().optional(),
  descriptions: z.array(RoleValue).optional(),
  description_text: z.string().optional(),
  bodies: z.array(RoleValue).optional(),
  body_text: z.string().optional(),
  body_html: z.string().optional(),
  by: z.string().optional(),
  located: z.string().optional(),
  firstcreated: z.string().optional(),
  versioncreated: z.string().optional(),
  contentcreated: z.string().optional(),
  copyrightholder: z.string().optional(),
  subjects: z.array(Named).optional(),
  genres: z.array(Named).optional(),
  infosources: z.array(Named).optional(),
  associations: z
    .union([z.array(NinjsAssociation), z.record(z.string(), NinjsAssociation)])
    .optional(),
});
export type NinjsInput = z.infer<typeof NinjsInput>;
