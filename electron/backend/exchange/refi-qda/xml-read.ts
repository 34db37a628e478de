import { DOMParser } from '@xmldom/xmldom';
import { ApiFailure } from '../../api-error';

/** Reading REFI-QDA XML: parsed whole (a malformed file is refused with the parser's reason), read by local names. */

export function parseXml(xml: string, what: string): Document {
  const fail = (message: string): never => {
    throw new ApiFailure('invalid-request', `${what} is not well-formed XML: ${message.split('\n')[0]}`);
  };
  let document: Document;
  try {
    document = new DOMParser({
      errorHandler: { warning: () => undefined, error: fail, fatalError: fail },
    }).parseFromString(xml, 'text/xml');
  } catch (error) {
    if (error instanceof ApiFailure) throw error;
    return fail((error as Error).message);
  }
  if (!document.documentElement) fail('it has no root element');
  return document;
}

/** The element's child elements with this local name (whatever their namespace prefix; `*`: any), in order. */
export function childElements(parent: Element, localName: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (localName === '*' || (node as Element).localName === localName)) {
      found.push(node as Element);
    }
  }
  return found;
}

export function childElement(parent: Element, localName: string): Element | undefined {
  return childElements(parent, localName)[0];
}

/** The text of a child element (Description, PlainTextContent…), or "" without one. */
export function childText(parent: Element, localName: string): string {
  return childElement(parent, localName)?.textContent ?? '';
}

/** An attribute's value, or undefined when absent. */
export function attribute(element: Element, name: string): string | undefined {
  return element.hasAttribute(name) ? element.getAttribute(name)! : undefined;
}

/** A GUID as REFI writes it, with or without braces, in one case: to compare references. */
export function guidKey(guid: string | undefined): string {
  return (guid ?? '').replace(/[{}]/g, '').toLowerCase();
}
