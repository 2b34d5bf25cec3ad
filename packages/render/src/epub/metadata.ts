import { escapeMarkup } from '../display/escape.js';

/** What the package document says about the publication. */
export interface BookMetadata {
  /** `urn:uuid:…`, derived from the article or edition id. */
  identifier: string;
  title: string;
  /** The main language first; further languages of the content after it. */
  languages: string[];
  creators: string[];
  publisher?: string;
  /** W3C-DTF date (dc:date). */
  date?: string;
  /** CCYY-MM-DDThh:mm:ssZ (dcterms:modified). */
  modified: string;
  description: string;
  subjects: string[];
  source?: string;
  /** Whether the book holds pictures (the cover or figures), and whether they all have alt text. */
  hasImages: boolean;
  allImagesHaveAlt: boolean;
  hasCover: boolean;
}

function meta(property: string, value: string): string {
  return `<meta property="${property}">${escapeMarkup(value)}</meta>`;
}

/**
 * The `<metadata>` children: Dublin Core, dcterms:modified, and EPUB Accessibility 1.1 in the
 * form PITFALLS records as passing both EPUBCheck 4.2.6 and epubcheck-ts.
 */
export function metadataXml(m: BookMetadata): string {
  const out: string[] = [
    `<dc:identifier id="pub-id">${escapeMarkup(m.identifier)}</dc:identifier>`,
    `<dc:title id="title">${escapeMarkup(m.title)}</dc:title>`,
    ...m.languages.map((l) => `<dc:language>${escapeMarkup(l)}</dc:language>`),
  ];
  m.creators.forEach((name, i) => {
    out.push(`<dc:creator id="creator-${i + 1}">${escapeMarkup(name)}</dc:creator>`);
    out.push(`<meta refines="#creator-${i + 1}" property="role" scheme="marc:relators">aut</meta>`);
  });
  if (m.publisher) out.push(`<dc:publisher>${escapeMarkup(m.publisher)}</dc:publisher>`);
  if (m.date) out.push(`<dc:date>${escapeMarkup(m.date)}</dc:date>`);
  out.push(meta('dcterms:modified', m.modified));
  out.push(`<dc:description>${escapeMarkup(m.description)}</dc:description>`);
  for (const s of m.subjects) out.push(`<dc:subject>${escapeMarkup(s)}</dc:subject>`);
  if (m.source) out.push(`<dc:source>${escapeMarkup(m.source)}</dc:source>`);

  out.push(meta('schema:accessMode', 'textual'));
  if (m.hasImages) out.push(meta('schema:accessMode', 'visual'));
  out.push(meta('schema:accessModeSufficient', 'textual'));
  if (m.hasImages) out.push(meta('schema:accessModeSufficient', 'textual,visual'));
  for (const f of [
    'structuralNavigation',
    'tableOfContents',
    'readingOrder',
    'displayTransformability',
  ]) {
    out.push(meta('schema:accessibilityFeature', f));
  }
  if (m.hasImages && m.allImagesHaveAlt)
    out.push(meta('schema:accessibilityFeature', 'alternativeText'));
  out.push(meta('schema:accessibilityHazard', 'none'));
  out.push(
    meta(
      'schema:accessibilitySummary',
      'Text with headings in order, a table of contents and landmarks; the reading order follows the page. ' +
        (m.hasImages
          ? m.allImagesHaveAlt
            ? 'Every picture has a text alternative.'
            : 'Some pictures are described only by their captions.'
          : 'The text has no pictures.') +
        ' No flashing content, sound or motion.',
    ),
  );
  out.push(meta('dcterms:conformsTo', 'EPUB Accessibility 1.1 - WCAG 2.2 Level AA'));
  if (m.hasCover) out.push('<meta name="cover" content="cover-image"/>');
  return out.join('\n');
}
