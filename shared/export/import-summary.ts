/** What an import did, per kind of record: added, or matched with what the library had already. */
export interface ImportSummary {
  documents: { added: number; alreadyThere: number };
  tags: { added: number; alreadyThere: number };
  /** Holders and targets (one list). */
  entities: { added: number; alreadyThere: number };
  variables: { added: number; alreadyThere: number };
  highlights: { added: number; alreadyThere: number };
  /** The highlights added, per coder (their `annotator`; "" for highlights made before coders were named). */
  byCoder: Record<string, number>;
  /**
   * Documents of the backup whose text differs from the library's document of the same id or title: each was added
   * as a document of its own, never put onto the other text.
   */
  differentTexts: { title: string; libraryTitle: string }[];
  /** What an import from another tool left out or changed on the way in (REFI-QDA: PDF sources, graphs…). */
  notes: string[];
  /** Web annotations: how they found their passages (exactly, approximately, or not: orphans). */
  anchoring?: { exact: number; fuzzy: number; orphan: number };
  /** Web annotations whose source names no document of the library: left out until a document is chosen for them. */
  unmatched?: { source: string; count: number }[];
}

/** The import summary's per-coder line: "ann 12, ben 9" (a coder without a name shows as "(no name)"). */
export function describeByCoder(byCoder: Record<string, number>): string {
  return Object.entries(byCoder)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([coder, count]) => `${coder === '' ? '(no name)' : coder} ${count}`)
    .join(', ');
}
