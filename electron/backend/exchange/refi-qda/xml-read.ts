import { SaxesParser } from 'saxes';
import { ApiFailure } from '../../api-error';

/**
 * Reading REFI-QDA XML into a light tree (saxes, a fast validating-for-well-formedness parser): a project of 100,000
 * selections is some 70 MB of XML, which a full DOM takes many seconds and much memory to build. Elements are read by
 * their local names, whatever prefix a tool gave the namespace; a malformed file is refused with the parser's reason.
 */

export interface XmlElement {
  localName: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The text before the element's first child (all of a leaf's text: what Description or PlainTextContent holds). */
  text: string;
}

/**
 * How deep elements may nest. A project nests some ten levels, plus its codebook's; what reads the tree (the codes
 * under codes) walks it recursively, which a file nested 200,000 deep overflowed ("Maximum call stack size exceeded").
 */
export const MAX_XML_DEPTH = 256;

class TooDeep extends Error {}

export function parseXml(xml: string, what: string): XmlElement {
  const parser = new SaxesParser({ xmlns: false });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  parser.on('opentag', (tag) => {
    if (stack.length >= MAX_XML_DEPTH) {
      throw new TooDeep(
        `${what} nests elements more than ${MAX_XML_DEPTH} levels deep (at line ${parser.line}), ` +
          'which no REFI-QDA project or codebook does: it was not read.',
      );
    }
    const colon = tag.name.indexOf(':');
    const element: XmlElement = {
      localName: colon < 0 ? tag.name : tag.name.slice(colon + 1),
      attributes: tag.attributes as Record<string, string>,
      children: [],
      text: '',
    };
    const parent = stack.at(-1);
    if (parent) parent.children.push(element);
    else root = element;
    if (!tag.isSelfClosing) stack.push(element);
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) stack.pop();
  });
  // Only a leaf's text is read (Description, PlainTextContent, a value): the white space between a container's
  // children is dropped as it comes, not joined into 100,000 strings nobody reads.
  const addText = (text: string) => {
    const current = stack.at(-1);
    if (current && current.children.length === 0) current.text += text;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  try {
    parser.write(xml).close();
  } catch (error) {
    if (error instanceof TooDeep) throw new ApiFailure('invalid-request', error.message);
    throw new ApiFailure(
      'invalid-request',
      `${what} is not well-formed XML: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  if (!root) throw new ApiFailure('invalid-request', `${what} is not well-formed XML: it has no root element`);
  return root;
}

/** The element's child elements with this local name (`*`: any), in order. */
export function childElements(parent: XmlElement, localName: string): XmlElement[] {
  return localName === '*' ? parent.children : parent.children.filter((child) => child.localName === localName);
}

export function childElement(parent: XmlElement, localName: string): XmlElement | undefined {
  return parent.children.find((child) => child.localName === localName);
}

/** The text of a child element (Description, PlainTextContent…), or "" without one. */
export function childText(parent: XmlElement, localName: string): string {
  return childElement(parent, localName)?.text ?? '';
}

/** An attribute's value, or undefined when absent. */
export function attribute(element: XmlElement, name: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(element.attributes, name) ? element.attributes[name] : undefined;
}

/** A GUID as REFI writes it, with or without braces, in one case: to compare references. */
export function guidKey(guid: string | undefined): string {
  return (guid ?? '').replace(/[{}]/g, '').toLowerCase();
}
