import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { highlightSchema, idSchema, type Highlight } from '../../../shared/domain';
import { cachedJson } from './library-layout';

/**
 * A document's change log: the highlight edits saved since its file was last written whole, one line of JSON per
 * save. Saving a highlight in a 1 MB article with 10,000 highlights appends a line of a few hundred bytes instead of
 * rewriting a 6 MB file.
 *
 * The document's file names its log (`log`, a token new with every whole write), so a whole write makes the old log
 * obsolete the moment it is renamed into place: a log a crash left behind is never replayed over a newer file.
 * Each line holds whole records (the highlights added or replaced, and the ids removed), so a line means the same
 * whatever order the records are in. A line is acknowledged only once it is appended; a crash can leave the last line
 * cut short, which is ignored (it was never acknowledged) and makes the next save write the file whole.
 */
export const logLineSchema = z.object({ put: z.array(highlightSchema), remove: z.array(idSchema) });

/** A fresh log token for a document's file. */
export const newLogToken = (): string => randomBytes(8).toString('hex');

/** The highlights added or replaced (new objects: records are never changed in place) and the ids removed. */
export function changesSince(
  written: readonly Highlight[],
  current: readonly Highlight[],
): { put: Highlight[]; remove: string[] } {
  const before = new Set(written);
  const put = current.filter((h) => !before.has(h));
  const ids = new Set(current.map((h) => h.id));
  const remove = written.filter((h) => !ids.has(h.id)).map((h) => h.id);
  return { put, remove };
}

/** One log line, ending in a newline: exactly `JSON.stringify({ put, remove })`, from each record's cached JSON. */
export function logLineText(put: readonly Highlight[], remove: readonly string[]): string {
  return `{"put":[${put.map(cachedJson).join(',')}],"remove":${JSON.stringify(remove)}}\n`;
}

export type ReplayedLog = { highlights: Highlight[]; torn: boolean } | { problem: string };

/**
 * The document's highlights: its file's, with the log's complete lines applied in order. The text after the last
 * newline is a line cut short by a crash (`torn`), never acknowledged: left out. A complete line that does not read
 * is damage.
 */
export function replayLog(documentId: string, highlights: readonly Highlight[], log: string): ReplayedLog {
  const end = log.lastIndexOf('\n');
  const torn = end < log.length - 1;
  if (end < 0) return { highlights: [...highlights], torn };
  const byId = new Map(highlights.map((h) => [h.id, h]));
  const lines = log.slice(0, end).split('\n');
  for (let i = 0; i < lines.length; i++) {
    let value: unknown;
    try {
      value = JSON.parse(lines[i]!);
    } catch {
      return { problem: `Its change log was not valid JSON (line ${i + 1}).` };
    }
    const parsed = logLineSchema.safeParse(value);
    if (!parsed.success) return { problem: `Its change log did not have the expected shape (line ${i + 1}).` };
    for (const id of parsed.data.remove) byId.delete(id);
    for (const h of parsed.data.put) {
      if (h.documentId !== documentId) return { problem: 'Its change log holds highlights of another document.' };
      byId.set(h.id, h);
    }
  }
  return { highlights: [...byId.values()], torn };
}
