import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { highlightSchema, idSchema, type Highlight } from '../../../shared/domain';

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

/** One log line, ending in a newline: exactly `JSON.stringify({ put, remove })`. */
export function logLineText(put: readonly Highlight[], remove: readonly string[]): string {
  return `{"put":[${put.map((highlight) => JSON.stringify(highlight)).join(',')}],"remove":${JSON.stringify(remove)}}\n`;
}

/** Where a log is damaged: the complete lines before it were replayed, the rest were not. */
export interface LogDamage {
  /** How many complete lines were replayed (every line before the damaged one). */
  keptLines: number;
  /** The damaged line's number (1-based), and how many complete lines the log has. */
  line: number;
  totalLines: number;
  problem: string;
}

export interface ReplayedLog {
  highlights: Highlight[];
  torn: boolean;
  /** Present when a complete line does not read: the lines before it are in `highlights`, it and the rest are not. */
  damage?: LogDamage;
}

/**
 * The document's highlights: its file's, with the log's complete lines applied in order. The text after the last
 * newline is a line cut short by a crash (`torn`), never acknowledged: left out. A complete line that does not read is
 * damage: every line before it was acknowledged after the ones before it, so they are all replayed, and the replay
 * stops there (a later line may depend on the damaged one).
 */
export function replayLog(documentId: string, highlights: readonly Highlight[], log: string): ReplayedLog {
  const end = log.lastIndexOf('\n');
  const torn = end < log.length - 1;
  if (end < 0) return { highlights: [...highlights], torn };
  const byId = new Map(highlights.map((h) => [h.id, h]));
  const lines = log.slice(0, end).split('\n');
  for (let i = 0; i < lines.length; i++) {
    const problem = lineProblem(documentId, lines[i]!);
    if (typeof problem === 'string') {
      const damage = { keptLines: i, line: i + 1, totalLines: lines.length, problem };
      return { highlights: [...byId.values()], torn, damage };
    }
    for (const id of problem.remove) byId.delete(id);
    for (const h of problem.put) byId.set(h.id, h);
  }
  return { highlights: [...byId.values()], torn };
}

/** The line's change, or what is wrong with it. */
function lineProblem(documentId: string, line: string): z.infer<typeof logLineSchema> | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'it is not valid JSON';
  }
  const parsed = logLineSchema.safeParse(value);
  if (!parsed.success) return 'it does not have the expected shape';
  if (parsed.data.put.some((h) => h.documentId !== documentId)) return 'it holds highlights of another document';
  return parsed.data;
}

/** Says what a damaged log's replay kept, for the analyst. */
export function describeLogDamage(damage: LogDamage): string {
  const { keptLines, line, totalLines, problem } = damage;
  const lost = line === totalLines ? `line ${line}` : `lines ${line}–${totalLines}`;
  return (
    `Its change log is damaged at line ${line} (${problem}): the ${keptLines} save${keptLines === 1 ? '' : 's'} ` +
    `before it ${keptLines === 1 ? 'was' : 'were'} kept; ${lost} could not be applied.`
  );
}
