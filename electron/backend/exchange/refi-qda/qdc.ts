import type { Tag } from '../../../../shared/domain';
import { ApiFailure } from '../../api-error';
import { codesXml, tagCodes } from './codes-xml';
import { attribute, childElement, childElements, childText, guidKey, parseXml, type XmlElement } from './xml-read';

/** REFI-QDA codebook exchange (`.qdc`, namespace `urn:QDA-XML:codebook:1.0`): the codebook alone. */

export const CODEBOOK_NAMESPACE = 'urn:QDA-XML:codebook:1.0';

export function qdcText(tags: readonly Tag[]): string {
  if (tags.length === 0) throw new ApiFailure('invalid-request', 'The codebook is empty: there is nothing to export.');
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    `<CodeBook xmlns="${CODEBOOK_NAMESPACE}" origin="Stance Annotator">\n  <Codes>\n` +
    codesXml(tagCodes(tags), '    ') +
    '  </Codes>\n</CodeBook>\n'
  );
}

/** A code as read from a codebook or a project. */
export interface ReadCode {
  guid: string;
  name: string;
  codable: boolean;
  /** `#rrggbb`, when the code has a colour. */
  colour?: string;
  description: string;
  children: ReadCode[];
}

/** The codes under an element holding `<Codes>` (a CodeBook). */
export function readCodes(codeBook: XmlElement): ReadCode[] {
  const codes = childElement(codeBook, 'Codes');
  return codes ? childElements(codes, 'Code').map(readCode) : [];
}

function readCode(element: XmlElement): ReadCode {
  return {
    guid: guidKey(attribute(element, 'guid')),
    name: (attribute(element, 'name') ?? '').trim(),
    codable: attribute(element, 'isCodable') !== 'false' && attribute(element, 'isCodable') !== '0',
    colour: colourOf(attribute(element, 'color')),
    description: childText(element, 'Description').trim(),
    children: childElements(element, 'Code').map(readCode),
  };
}

function colourOf(value: string | undefined): string | undefined {
  const match = /^#([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(value?.trim() ?? '');
  if (!match) return undefined;
  const hex = match[1]!.length === 3 ? [...match[1]!].map((c) => c + c).join('') : match[1]!;
  return `#${hex.toLowerCase()}`;
}

/** The codes of a `.qdc` file's text. */
export function readQdc(xml: string): ReadCode[] {
  const root = parseXml(xml, 'The codebook file');
  if (root.localName !== 'CodeBook') {
    throw new ApiFailure(
      'invalid-request',
      `The file is XML but not a REFI-QDA codebook (its root is <${root.localName}>).`,
    );
  }
  return readCodes(root);
}
