import { create } from 'xmlbuilder2';
import { NS } from '../atom-xml.js';

/** The slice of the DOM the tests read (the workspace compiles without the DOM lib). */
export interface XmlElement {
  localName: string;
  namespaceURI: string | null;
  nodeType: number;
  textContent: string | null;
  childNodes: ArrayLike<XmlElement>;
  getAttribute(name: string): string | null;
  getElementsByTagNameNS(ns: string, name: string): ArrayLike<XmlElement>;
}

/** Parses XML with xmlbuilder2 (a real namespace-aware parser) and returns the root element. */
export function parseXml(xml: string): XmlElement {
  const doc = create(xml).doc().node as unknown as { documentElement: XmlElement };
  return doc.documentElement;
}

/** Direct children named `name` in namespace `ns` (Atom by default). */
export const children = (parent: XmlElement, name: string, ns: string = NS.atom): XmlElement[] =>
  Array.from(parent.childNodes).filter(
    (n) => n.nodeType === 1 && n.localName === name && n.namespaceURI === ns,
  );

export const text = (parent: XmlElement, name: string, ns: string = NS.atom): string | undefined =>
  children(parent, name, ns)[0]?.textContent ?? undefined;

export const linksByRel = (parent: XmlElement, rel: string): XmlElement[] =>
  children(parent, 'link').filter((l) => l.getAttribute('rel') === rel);

export const attrs = (el: XmlElement | undefined, ...names: string[]): (string | null)[] =>
  names.map((n) => el?.getAttribute(n) ?? null);
