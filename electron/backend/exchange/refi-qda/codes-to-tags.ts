import type { Tag } from '../../../../shared/domain';
import { NameIndex } from '../../../../shared/names';
import { TagColors } from '../../../../shared/tag-colors';
import { newId } from '../../make-document';
import type { ReadCode } from './qdc';
import { STANCES_CODE_NAME } from './stance-codes';

/**
 * REFI-QDA codes as the codebook's tags, merged by name path: a code whose path (ignoring case) names a tag of the
 * library is that tag; any other becomes a new tag in its place. The codebook has two levels, so a code deeper down goes
 * under its top-level code, named by the rest of its path ("Economy / Taxes"). A name may not hold "›" or "|" (they
 * separate paths and tags in the exports): they become ">" and "/".
 */
export interface CodesAsTags {
  /** The tags the codes name: the library's that matched (as they are) and the new ones. */
  tags: Tag[];
  /** Each code's tag, by the code's GUID (lower case, no braces). */
  tagIdByGuid: Map<string, string>;
  /** The codes that are stances (the children of a top-level "Stances" code that takes no codings). */
  stanceCodes: ReadCode[];
  /** What was changed on the way in, for the import summary. */
  notes: string[];
}

const cleanName = (name: string): string => name.replace(/›/g, '>').replace(/\|/g, '/').trim() || '(no name)';

export function codesAsTags(libraryTags: readonly Tag[], codes: readonly ReadCode[]): CodesAsTags {
  const tags: Tag[] = [];
  const taken = new Set<Tag>();
  const tagIdByGuid = new Map<string, string>();
  const stanceCodes: ReadCode[] = [];
  let flattened = 0;
  let renamed = 0;
  // The library's tags and the new ones, by name under their parent; the library's first where names repeat.
  const known = new NameIndex<Tag>(
    (t) => t.name,
    (t) => t.parentId ?? '',
  ).add(libraryTags);
  const colors = new TagColors(libraryTags);

  const place = (code: ReadCode, name: string, parentId: string | null): string => {
    const existing = known.find(name, parentId ?? '');
    if (existing) {
      if (!taken.has(existing)) tags.push(existing);
      taken.add(existing);
      tagIdByGuid.set(code.guid, existing.id);
      return existing.id;
    }
    const tag: Tag = {
      id: newId(),
      name,
      color: code.colour ?? colors.next(),
      description: code.description,
      parentId,
    };
    tags.push(tag);
    taken.add(tag);
    known.add([tag]);
    colors.add(tag.color);
    tagIdByGuid.set(code.guid, tag.id);
    return tag.id;
  };

  const visit = (code: ReadCode, top: string | null, path: string[]): void => {
    const name = cleanName(code.name);
    if (name !== code.name) renamed++;
    if (top === null) {
      const id = place(code, name, null);
      for (const child of code.children) visit(child, id, []);
      return;
    }
    if (path.length > 0) flattened++;
    // A code deeper down goes under the top-level code too; its own GUID still names its tag.
    place(code, [...path, name].join(' / '), top);
    for (const child of code.children) visit(child, top, [...path, name]);
  };

  for (const code of codes) {
    if (code.name === STANCES_CODE_NAME && !code.codable) stanceCodes.push(...code.children);
    else visit(code, null, []);
  }
  const notes: string[] = [];
  if (flattened > 0) {
    notes.push(
      `${flattened} codes nested deeper than two levels were put under their top-level code, named by their path.`,
    );
  }
  if (renamed > 0) notes.push(`${renamed} code names had "›" or "|" (or no name), written ">" and "/" here.`);
  return { tags, tagIdByGuid, stanceCodes, notes };
}
