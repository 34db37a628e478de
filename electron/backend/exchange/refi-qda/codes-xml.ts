import type { Tag } from '../../../../shared/domain';
import { inTreeOrder } from '../../../../shared/tag-paths';
import { attributes, guidOf, xmlText } from './xml-text';
import { listIn } from '../../../../shared/collections';

/** A code to write: a tag, or one the export makes (the Stances parent and its codes). */
export interface CodeToWrite {
  guid: string;
  name: string;
  codable: boolean;
  colour?: string;
  description?: string;
  children: CodeToWrite[];
}

/** The codebook's tags as a tree of codes, in the codebook's tree order. */
export function tagCodes(tags: readonly Tag[]): CodeToWrite[] {
  const byParent = new Map<string | null, Tag[]>();
  const ids = new Set(tags.map((t) => t.id));
  for (const tag of inTreeOrder(tags)) {
    // A tag that names itself as its parent (never written by the app) is at the top, as inTreeOrder has it.
    const parent = tag.parentId !== null && tag.parentId !== tag.id && ids.has(tag.parentId) ? tag.parentId : null;
    listIn(byParent, parent).push(tag);
  }
  const build = (tag: Tag): CodeToWrite => ({
    guid: guidOf('tag', tag.id),
    name: tag.name,
    codable: true,
    colour: tag.color.toUpperCase(),
    description: tag.description,
    children: (byParent.get(tag.id) ?? []).map(build),
  });
  return (byParent.get(null) ?? []).map(build);
}

export function codesXml(codes: readonly CodeToWrite[], indent: string): string {
  let out = '';
  for (const code of codes) {
    const head = `${indent}<Code${attributes({ guid: code.guid, name: code.name, isCodable: code.codable, color: code.colour })}`;
    const description = code.description ? `${indent}  <Description>${xmlText(code.description)}</Description>\n` : '';
    if (!description && code.children.length === 0) {
      out += `${head}/>\n`;
      continue;
    }
    out += `${head}>\n${description}${codesXml(code.children, `${indent}  `)}${indent}</Code>\n`;
  }
  return out;
}
