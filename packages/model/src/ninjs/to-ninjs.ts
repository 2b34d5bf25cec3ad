import { bodyText, countWords } from '../derived.js';
import { bodyHtml } from '../html/body-html.js';
import { imageMediaType } from '../media-type.js';
import type { Article, Block, Image } from '../schema.js';
import { ARTICLE_URN, NINJS_ROLES, NINJS_STANDARD } from './roles.js';

interface RoleValue {
  role?: string;
  contenttype?: string;
  value: string;
}
interface NinjsBody extends RoleValue {
  charcount?: number;
  wordcount?: number;
}
interface Named {
  name?: string;
  rel?: string;
  role?: string;
  uri?: string;
}
interface Rendition {
  name: string;
  href?: string;
  contenttype?: string;
  width?: number;
  height?: number;
}
export interface NinjsAssociationDoc {
  name: string;
  uri: string;
  type: 'picture';
  representationtype: 'partial';
  by?: string;
  descriptions?: RoleValue[];
  renditions?: Rendition[];
}

/** The ninjs 2.1 document toNinjs writes (a subset of what ninjs allows). */
export interface NinjsDocument {
  uri: string;
  standard: typeof NINJS_STANDARD;
  type: 'text';
  representationtype: 'full';
  slugline: string;
  language: string;
  headlines: RoleValue[];
  descriptions?: RoleValue[];
  bodies: NinjsBody[];
  by?: string;
  located?: string;
  firstcreated?: string;
  versioncreated?: string;
  copyrightholder?: string;
  subjects?: Named[];
  infosources?: Named[];
  associations?: NinjsAssociationDoc[];
}

/**
 * ninjs dates are RFC 3339 date-times: seconds are added when missing, and a date without a
 * time is left out (giving it a time would mean inventing a time zone).
 */
function ninjsDateTime(value: string | undefined): string | undefined {
  if (value === undefined || !value.includes('T')) return undefined;
  return value.replace(/T(\d{2}:\d{2})(?=[Zz+-])/u, 'T$1:00');
}

function leadImage(image: Image, uri: string): NinjsAssociationDoc {
  const association: NinjsAssociationDoc = {
    name: 'featureimage',
    uri: `${uri}:featureimage`,
    type: 'picture',
    representationtype: 'partial',
  };
  const descriptions: RoleValue[] = [];
  if (image.caption)
    descriptions.push({
      role: NINJS_ROLES.caption,
      contenttype: 'text/plain',
      value: image.caption,
    });
  if (image.alt)
    descriptions.push({ role: NINJS_ROLES.alt, contenttype: 'text/plain', value: image.alt });
  if (descriptions.length > 0) association.descriptions = descriptions;
  if (image.credit) association.by = image.credit;
  // A relative path means a file next to the input on one machine: not shareable, so not sent.
  if (image.src !== undefined && /^(https?:|data:)/iu.test(image.src)) {
    const rendition: Rendition = { name: 'original', href: image.src };
    const type = imageMediaType(image.src);
    if (type) rendition.contenttype = type;
    if (image.width) rendition.width = image.width;
    if (image.height) rendition.height = image.height;
    association.renditions = [rendition];
  }
  return association;
}

/**
 * The article as an IPTC ninjs 2.1 news item. Headlines carry roles `main` and `kicker`;
 * descriptions `summary` (standfirst) and `highlight`; bodies come as text/plain and
 * text/html; the lead image is the `featureimage` association. Author roles and affiliations,
 * date-only dates and local image paths have no place in ninjs and are not written.
 */
export function toNinjs(article: Article): NinjsDocument {
  const uri = `${ARTICLE_URN}${article.id}`;
  const headlines: RoleValue[] = [
    { role: NINJS_ROLES.headline, contenttype: 'text/plain', value: article.headline },
  ];
  if (article.kicker)
    headlines.push({ role: NINJS_ROLES.kicker, contenttype: 'text/plain', value: article.kicker });
  const prose: Block[] = article.body.filter((b) => b.type !== 'figure');
  const counted = bodyText({ ...article, body: prose });
  const counts = { charcount: counted.length, wordcount: countWords(counted, article.language) };
  const doc: NinjsDocument = {
    uri,
    standard: NINJS_STANDARD,
    type: 'text',
    representationtype: 'full',
    slugline: article.slug,
    language: article.language,
    headlines,
    bodies: [
      { role: NINJS_ROLES.body, contenttype: 'text/plain', value: bodyText(article), ...counts },
      {
        role: NINJS_ROLES.body,
        contenttype: 'text/html',
        value: bodyHtml(article.body),
        ...counts,
      },
    ],
  };
  const descriptions: RoleValue[] = [];
  if (article.standfirst)
    descriptions.push({
      role: NINJS_ROLES.standfirst,
      contenttype: 'text/plain',
      value: article.standfirst,
    });
  for (const h of article.highlights)
    descriptions.push({ role: NINJS_ROLES.highlight, contenttype: 'text/plain', value: h });
  if (descriptions.length > 0) doc.descriptions = descriptions;
  if (article.authors.length > 0) doc.by = article.authors.map((a) => a.name).join(', ');
  if (article.dateline) doc.located = article.dateline.place;
  const first = ninjsDateTime(article.publishedAt);
  const version = ninjsDateTime(article.updatedAt) ?? first;
  if (first !== undefined) doc.firstcreated = first;
  if (version !== undefined) doc.versioncreated = version;
  if (article.publisher) doc.copyrightholder = article.publisher.name;
  const subjects: Named[] = [];
  if (article.section) subjects.push({ name: article.section, rel: NINJS_ROLES.section });
  for (const tag of article.tags) subjects.push({ name: tag, rel: NINJS_ROLES.tag });
  if (subjects.length > 0) doc.subjects = subjects;
  const infosources: Named[] = [];
  if (article.publisher) {
    infosources.push({
      name: article.publisher.name,
      role: NINJS_ROLES.publisher,
      ...(article.publisher.url ? { uri: article.publisher.url } : {}),
    });
  }
  if (article.source && (article.source.name || article.source.url)) {
    infosources.push({
      role: NINJS_ROLES.source,
      ...(article.source.name ? { name: article.source.name } : {}),
      ...(article.source.url ? { uri: article.source.url } : {}),
    });
  }
  if (article.dateline?.agency)
    infosources.push({ name: article.dateline.agency, role: NINJS_ROLES.agency });
  if (infosources.length > 0) doc.infosources = infosources;
  if (article.image) doc.associations = [leadImage(article.image, uri)];
  return doc;
}
