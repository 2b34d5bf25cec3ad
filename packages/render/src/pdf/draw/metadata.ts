import { escapeMarkup, pdfText } from '../../display/escape.js';

/** Document information shared by the Info dictionary and the XMP packet (PDF/A wants them equal). */
export interface DocumentMetadata {
  title: string;
  authors: string[];
  subject: string;
  keywords: string[];
  language: string;
  created: Date;
  modified: Date;
  creator: string;
  producer: string;
}

/** XMP dates carry seconds and "Z" like the Info dictionary's D:YYYYMMDDHHmmSSZ. */
const xmpDate = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

/** The XMP description of the document, every value escaped. */
export function xmpDescription(m: DocumentMetadata): string {
  const li = (values: string[]) =>
    values.map((v) => `<rdf:li>${escapeMarkup(v)}</rdf:li>`).join('');
  const parts = [
    `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">`,
    `<xmp:CreateDate>${xmpDate(m.created)}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${xmpDate(m.modified)}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${xmpDate(m.modified)}</xmp:MetadataDate>`,
    `<xmp:CreatorTool>${escapeMarkup(m.creator)}</xmp:CreatorTool>`,
    `</rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">`,
    `<dc:format>application/pdf</dc:format>`,
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeMarkup(m.title)}</rdf:li></rdf:Alt></dc:title>`,
  ];
  if (m.authors.length > 0)
    parts.push(`<dc:creator><rdf:Seq>${li([m.authors.join(', ')])}</rdf:Seq></dc:creator>`);
  if (m.subject)
    parts.push(
      `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeMarkup(m.subject)}</rdf:li></rdf:Alt></dc:description>`,
    );
  if (m.keywords.length > 0)
    parts.push(`<dc:subject><rdf:Bag>${li(m.keywords)}</rdf:Bag></dc:subject>`);
  parts.push(
    `<dc:language><rdf:Bag>${li([m.language])}</rdf:Bag></dc:language>`,
    `</rdf:Description>`,
  );
  parts.push(
    `<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">`,
    `<pdf:Producer>${escapeMarkup(m.producer)}</pdf:Producer>`,
  );
  if (m.keywords.length > 0)
    parts.push(`<pdf:Keywords>${escapeMarkup(m.keywords.join(', '))}</pdf:Keywords>`);
  parts.push(`</rdf:Description>`);
  return parts.join('\n');
}

/** The Info dictionary entries, matching xmpDescription value for value. */
export function infoDictionary(m: DocumentMetadata): Record<string, string | Date> {
  // The same characters are dropped here as in the XMP, so the two stay equal (PDF/A).
  const info: Record<string, string | Date> = {
    Title: pdfText(m.title),
    Creator: pdfText(m.creator),
    Producer: pdfText(m.producer),
    CreationDate: m.created,
    ModDate: m.modified,
  };
  if (m.authors.length > 0) info.Author = pdfText(m.authors.join(', '));
  if (m.subject) info.Subject = pdfText(m.subject);
  if (m.keywords.length > 0) info.Keywords = pdfText(m.keywords.join(', '));
  return info;
}
