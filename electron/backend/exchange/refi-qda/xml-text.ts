import { createHash } from 'node:crypto';

/**
 * Writing XML by hand, for the REFI-QDA exports: a project of 100,000 selections is a string built in one pass, where
 * a DOM would hold every node first. What must be exactly right is small: escaping, and the characters XML 1.0 does
 * not allow at all (most C0 controls), which become U+FFFD rather than make a file no tool reads.
 */

const NOT_IN_XML =
  // eslint-disable-next-line no-control-regex -- these are exactly the characters XML 1.0 forbids.
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const TEXT_SPECIAL = /[&<>\r]/g;
const ATTRIBUTE_SPECIAL = /[&<>"\t\n\r]/g;
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  // A parser turns CR LF into LF everywhere, and a raw tab or line break in an attribute into a space: written as
  // references, they survive.
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Anything that may need a change: most values (GUIDs, numbers, times, plain names) need none, and are kept. */
// eslint-disable-next-line no-control-regex -- control characters are what is looked for.
const MAY_NEED_CHANGE = /[&<>"\u0000-\u001f\ud800-\udfff\ufffe\uffff]/;

export function xmlText(value: string): string {
  if (!MAY_NEED_CHANGE.test(value)) return value;
  return value.replace(NOT_IN_XML, '\ufffd').replace(TEXT_SPECIAL, (c) => ENTITIES[c]!);
}

export function xmlAttribute(value: string): string {
  if (!MAY_NEED_CHANGE.test(value)) return value;
  return value.replace(NOT_IN_XML, '\ufffd').replace(ATTRIBUTE_SPECIAL, (c) => ENTITIES[c]!);
}

/** ` name="value"` for each attribute given (undefined ones left out). */
export function attributes(values: Record<string, string | number | boolean | undefined>): string {
  let out = '';
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined) out += ` ${name}="${xmlAttribute(String(value))}"`;
  }
  return out;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A GUID for a record, as REFI-QDA wants one: the record's own id when it is a UUID already, else one derived from it
 * (SHA-1, laid out as a name-based UUID), so that the same library always exports the same GUIDs.
 */
export function guidOf(kind: string, id: string): string {
  if (UUID.test(id)) return id.toLowerCase();
  const hex = createHash('sha1').update(`${kind}:${id}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
