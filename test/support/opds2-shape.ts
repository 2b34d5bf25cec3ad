import { z } from 'zod';

/**
 * What the OPDS 2.0 draft requires of a feed and a publication, as a parser a client could use:
 * a feed has metadata.title, a self link and at least one of navigation/publications/groups;
 * navigation links have titles; a publication has metadata (title), a self link, at least
 * one acquisition link and at least one image. No npm OPDS 2 client installs here (r2-opds-js runs a failing install
 * script, @readium/shared depends on an unpublished package), so the tests parse with this.
 */
export const Opds2Link = z.object({
  href: z.string().min(1),
  type: z.string().optional(),
  rel: z.union([z.string(), z.array(z.string())]).optional(),
  title: z.string().optional(),
  templated: z.boolean().optional(),
  length: z.int().nonnegative().optional(),
  width: z.int().positive().optional(),
  height: z.int().positive().optional(),
});
export type Opds2Link = z.infer<typeof Opds2Link>;

const ACQUISITION_RELS = [
  'http://opds-spec.org/acquisition',
  'http://opds-spec.org/acquisition/open-access',
  'http://opds-spec.org/acquisition/borrow',
  'http://opds-spec.org/acquisition/buy',
  'http://opds-spec.org/acquisition/sample',
  'http://opds-spec.org/acquisition/subscribe',
];

const hasRel = (links: readonly Opds2Link[], test: (rel: string) => boolean) =>
  links.some((l) => (Array.isArray(l.rel) ? l.rel.some(test) : l.rel !== undefined && test(l.rel)));

export const Opds2Publication = z.object({
  metadata: z.looseObject({
    title: z.string().min(1),
    identifier: z.string().optional(),
    '@type': z.string().optional(),
    language: z.union([z.string(), z.array(z.string())]).optional(),
    modified: z.iso.datetime({ offset: true }).optional(),
    published: z.union([z.iso.datetime({ offset: true }), z.iso.date()]).optional(),
    description: z.string().optional(),
  }),
  links: z
    .array(Opds2Link)
    .refine((l) => hasRel(l, (r) => r === 'self'), {
      error: 'a publication must contain a self link',
    })
    .refine((l) => hasRel(l, (r) => ACQUISITION_RELS.includes(r)), {
      error: 'a publication must contain an acquisition link',
    }),
  // The draft's publication schema requires images (minItems 1); each must say its media type.
  images: z
    .array(Opds2Link.extend({ type: z.string().regex(/^image\//) }))
    .min(1, { error: 'a publication must contain at least one image' }),
});
export type Opds2Publication = z.infer<typeof Opds2Publication>;

export const Opds2Feed = z
  .object({
    metadata: z.looseObject({
      title: z.string().min(1),
      itemsPerPage: z.int().positive().optional(),
      currentPage: z.int().positive().optional(),
      numberOfItems: z.int().nonnegative().optional(),
    }),
    links: z
      .array(Opds2Link)
      .refine((l) => hasRel(l, (r) => r === 'self'), { error: 'a feed must contain a self link' }),
    navigation: z.array(Opds2Link.extend({ title: z.string().min(1) })).optional(),
    publications: z.array(Opds2Publication).optional(),
    groups: z.array(z.unknown()).optional(),
  })
  .refine(
    (f) => f.navigation !== undefined || f.publications !== undefined || f.groups !== undefined,
    {
      error: 'a feed needs navigation, publications or groups',
    },
  );
export type Opds2Feed = z.infer<typeof Opds2Feed>;

export function linkWithRel(links: readonly Opds2Link[], rel: string): Opds2Link | undefined {
  return links.find((l) => (Array.isArray(l.rel) ? l.rel.includes(rel) : l.rel === rel));
}
