import type { Highlight, StoredDocument } from '../../../shared/domain';
import { documentFileJson } from './library-layout';

/** How many documents' JSON a writer keeps: those it wrote whole last. */
const KEPT_DOCUMENTS = 8;

interface Kept {
  /** The text the JSON below was made of (compared as a string: an edit of the title makes a new record). */
  text: string;
  textJson: string;
  /** Each highlight's JSON, for the highlights the document had when it was last written. */
  records: Map<Highlight, string>;
}

/**
 * The JSON of the documents a writer wrote whole last, record by record: rewriting a 1 MB article with 10,000
 * highlights after one change serialises that one and joins the rest. Records are never changed in place (a change
 * replaces the object), so a record that is the same object serialises to the same text.
 *
 * Kept for a few documents, and for each only the highlights it has now. Kept for every record ever written (as it
 * was, in a `WeakMap` per record), the JSON of a whole library stayed in memory once the library had been written
 * whole — as a recovery or the fold on quit writes it: at a million highlights, 1 GB more heap and 2.2 GB resident
 * (docs/performance.md).
 */
export class DocumentJson {
  private readonly kept = new Map<string, Kept>();

  constructor(private readonly keep = KEPT_DOCUMENTS) {}

  /** The document's file: exactly `JSON.stringify({ documentId, log, text, highlights })`. */
  fileText(document: StoredDocument, highlights: readonly Highlight[], log: string): string {
    const before = this.kept.get(document.id);
    // Deleted and set again, the document becomes the most recent (a Map keeps insertion order).
    this.kept.delete(document.id);
    const { text } = document;
    const textJson = before && before.text === text ? before.textJson : JSON.stringify(text);
    const records = new Map<Highlight, string>();
    for (const highlight of highlights)
      records.set(highlight, before?.records.get(highlight) ?? JSON.stringify(highlight));
    this.kept.set(document.id, { text, textJson, records });
    if (this.kept.size > this.keep) this.kept.delete(this.kept.keys().next().value!);
    return documentFileJson(document.id, textJson, highlights, log, (highlight) => records.get(highlight)!);
  }

  /** The documents whose JSON is kept, least recently written first. */
  keptDocuments(): string[] {
    return [...this.kept.keys()];
  }

  /** How many highlights' JSON is kept for the document. */
  keptRecords(documentId: string): number {
    return this.kept.get(documentId)?.records.size ?? 0;
  }
}
