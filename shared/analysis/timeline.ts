import { stanceValues } from '../domain-values';
import type { StanceValue } from '../domain';
import { publishedDay } from '../published-date';
import { filterLibrary, type AnalysisFilter, type AnalysisLibrary } from './analysis-filter';
import { entryIn } from '../collections';

/**
 * Stances over time: per ISO week (`2025-W07`) or month (`2025-02`) of the documents' publication dates, the stances
 * toward a target (or held by a holder, or all) counted by value. Documents without a date are not dropped: their
 * stances are counted apart, and the documents named.
 */

export const intervals = ['week', 'month'] as const;
export type Interval = (typeof intervals)[number];

export const TIMELINE_COLUMNS = ['period', ...stanceValues, 'undated_documents'] as const;
/** The period of the row that counts what documents without a date hold. */
export const UNDATED_PERIOD = 'undated';

export interface TimelineRow {
  period: string;
  counts: Record<StanceValue, number>;
}

export interface Timeline {
  rows: TimelineRow[];
  /** What documents without a publication date hold, and which they are. */
  undated: TimelineRow & { documents: { id: string; title: string }[] };
}

/** The ISO 8601 week of a day (YYYY-MM-DD): weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeek(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date(date.getTime() + (3 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export function periodOf(day: string, interval: Interval): string {
  return interval === 'week' ? isoWeek(day) : day.slice(0, 7);
}

const DAY_MS = 86_400_000;

/** The Monday (as a UTC time) of an ISO week written `2025-W07`. */
function mondayOf(week: string): number {
  const year = Number(week.slice(0, 4));
  const jan4 = Date.UTC(year, 0, 4); // 4 January is always in week 1
  const mondayOfWeek1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
  return mondayOfWeek1 + (Number(week.slice(6)) - 1) * 7 * DAY_MS;
}

/**
 * Every period from `first` to `last`, both included (`2024-W52`, `2025-W01`, …; `2024-12`, `2025-01`, …), so that a
 * chart over time shows the weeks or months without stances as empty rather than leaving them out. At most `limit`.
 */
export function periodsBetween(first: string, last: string, interval: Interval, limit = 10_000): string[] {
  const periods: string[] = [];
  if (interval === 'week') {
    for (let monday = mondayOf(first); periods.length < limit; monday += 7 * DAY_MS) {
      const week = isoWeek(new Date(monday).toISOString().slice(0, 10));
      if (week > last) break;
      periods.push(week);
    }
  } else {
    let year = Number(first.slice(0, 4));
    let month = Number(first.slice(5, 7));
    while (periods.length < limit) {
      const period = `${year}-${String(month).padStart(2, '0')}`;
      if (period > last) break;
      periods.push(period);
      month = month === 12 ? 1 : month + 1;
      if (month === 1) year++;
    }
  }
  return periods;
}

const noCounts = (): Record<StanceValue, number> => ({ favor: 0, against: 0, neutral: 0, unclear: 0 });

export function timeline(
  library: AnalysisLibrary,
  options: { interval: Interval; targetId?: string; holderId?: string | null },
  filter: AnalysisFilter = {},
): Timeline {
  const { highlights, documents, documentById } = filterLibrary(library, filter);
  const periods = new Map<string, Record<StanceValue, number>>();
  const undatedCounts = noCounts();
  const undatedIds = new Set<string>();
  for (const h of highlights) {
    const document = documentById.get(h.documentId)!;
    for (const s of h.stances) {
      if (options.targetId !== undefined && s.targetId !== options.targetId) continue;
      if (options.holderId !== undefined && s.holderId !== options.holderId) continue;
      const published = document.meta.publishedAt;
      if (!published) {
        undatedCounts[s.stance]++;
        undatedIds.add(document.id);
        continue;
      }
      const period = periodOf(publishedDay(published), options.interval);
      entryIn(periods, period, noCounts)[s.stance]++;
    }
  }
  // Named in the library's order, not in the order their highlights came: that differs between a pass over every
  // highlight and one gathered document by document, and the list must not.
  const undatedDocuments = documents.filter((d) => undatedIds.has(d.id)).map(({ id, title }) => ({ id, title }));
  return {
    rows: [...periods].sort(([a], [b]) => a.localeCompare(b)).map(([period, counts]) => ({ period, counts })),
    undated: { period: UNDATED_PERIOD, counts: undatedCounts, documents: undatedDocuments },
  };
}

/** The timeline as CSV rows: a row per period, then the undated row when any stance is undated. */
export function timelineCells(result: Timeline): (string | number)[][] {
  const cells = result.rows.map((row) => [row.period, ...stanceValues.map((v) => row.counts[v]), 0]);
  if (result.undated.documents.length > 0) {
    const { counts, documents } = result.undated;
    cells.push([UNDATED_PERIOD, ...stanceValues.map((v) => counts[v]), documents.length]);
  }
  return cells;
}
