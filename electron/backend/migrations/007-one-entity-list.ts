import { sameName } from '../../../shared/names';
import { asRecord, type Migration } from './migration';

/**
 * 6 → 7: holders and targets are one list of entities. "Russia" as a holder and "Russia" as a target become one
 * entry (the holder's id stays; stances naming the target's id are pointed at it). Where the highlights are in the
 * data (a single-file library, a backup) they are rewritten here; a library file, whose highlights are in the
 * documents' files, keeps the mapping as `entityAliases` until every document's file has been written anew
 * (storage/load-documents.ts), and applies it to each file read meanwhile (storage/entity-aliases.ts).
 */
export const oneEntityList: Migration = {
  to: 7,
  records(data) {
    const { actors, targets, ...rest } = data;
    // Entities already there (a file that had them written in by hand, or by a later build) stay first.
    const { entities, aliases } = joinEntities([...listOf(rest.entities), ...listOf(actors)], listOf(targets));
    const highlights = Array.isArray(rest.highlights) ? rest.highlights.map((h) => realias(h, aliases)) : undefined;
    return {
      ...rest,
      entities,
      ...(highlights && { highlights }),
      ...(!highlights && Object.keys(aliases).length > 0 && { entityAliases: aliases }),
    };
  },
  report(data) {
    const { joined } = joinEntities([...listOf(data.entities), ...listOf(data.actors)], listOf(data.targets));
    if (joined.length === 0) return [];
    const names = joined.slice(0, 8).map((n) => `"${n}"`);
    const more = joined.length > 8 ? ` and ${joined.length - 8} more` : '';
    return [
      `Holders and targets are now one list: ${joined.length} name${joined.length > 1 ? 's' : ''} in both ` +
        `(${names.join(', ')}${more}) became one entry each, with every stance kept.`,
    ];
  },
};

interface NamedRecord {
  id: string;
  name: string;
}

const listOf = (value: unknown): NamedRecord[] =>
  (Array.isArray(value) ? value : [])
    .map(asRecord)
    .filter((r): r is Record<string, unknown> & NamedRecord => typeof r.id === 'string' && typeof r.name === 'string')
    .map(({ id, name }) => ({ id, name }));

/** The holders, then each target not named (or identified) like one of them; and the targets' ids that moved. */
function joinEntities(actors: NamedRecord[], targets: NamedRecord[]) {
  const entities = [...actors];
  const aliases: Record<string, string> = {};
  const joined: string[] = [];
  for (const target of targets) {
    const same = entities.find((e) => e.id === target.id) ?? entities.find((e) => sameName(e.name, target.name));
    if (!same) {
      entities.push(target);
      continue;
    }
    joined.push(same.name);
    if (same.id !== target.id) aliases[target.id] = same.id;
  }
  return { entities, aliases, joined };
}

function realias(raw: unknown, aliases: Readonly<Record<string, string>>): unknown {
  const highlight = asRecord(raw);
  if (!Array.isArray(highlight.stances)) return raw;
  return {
    ...highlight,
    stances: highlight.stances.map((s) => {
      const stance = asRecord(s);
      const targetId =
        typeof stance.targetId === 'string' ? (aliases[stance.targetId] ?? stance.targetId) : stance.targetId;
      return { ...stance, targetId };
    }),
  };
}
