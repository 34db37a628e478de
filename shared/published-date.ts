/**
 * Publication dates. A document's `publishedAt` is ISO 8601: a day (`2025-05-14`), or a day with a time
 * (`2025-05-14T09:30`, with seconds, and with `Z` or an offset when the source gave one). Charts over time and
 * exports read it as such, so whatever a page, a file or an earlier version says is read into that form here — or
 * kept as text, never guessed.
 */

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DAY_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/;
/** The form of a stored date, for schemas (the calendar check is {@link isPublishedDate}). */
export const PUBLISHED_DATE_PATTERN =
  /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** 1–12 for an English month name, in full or abbreviated (`Sep`, `Sept.`); undefined for anything else. */
function monthOf(name: string): number | undefined {
  const word = name.toLowerCase().replace(/\.$/, '');
  const index = MONTH_NAMES.findIndex((full) => word === full || (word.length >= 3 && full.startsWith(word)));
  return index >= 0 ? index + 1 : undefined;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function isRealDay(year: number, month: number, day: number): boolean {
  if (year < 1000 || month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

const isoDay = (year: number, month: number, day: number): string | null =>
  isRealDay(year, month, day) ? `${pad(year, 4)}-${pad(month)}-${pad(day)}` : null;

/** Whether `value` is a publication date as stored: an ISO 8601 day, or day and time, that exists on the calendar. */
export function isPublishedDate(value: string): boolean {
  const match = ISO_DAY.exec(value) ?? ISO_DAY_TIME.exec(value);
  if (!match) return false;
  const [, year, month, day, hour, minute, second, zone] = match;
  if (!isRealDay(Number(year), Number(month), Number(day))) return false;
  if (hour === undefined) return true;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59) return false;
  if (zone && zone !== 'Z') {
    const [zoneHour, zoneMinute] = zone.slice(1).split(':').map(Number);
    if (zoneHour! > 14 || zoneMinute! > 59) return false;
  }
  return true;
}

/**
 * A date as people and pages write it, read into a stored publication date; null when it cannot be read without a
 * guess. Read: ISO 8601 (a day, a day and time, `2025/05/14`), "14 May 2025", "May 14, 2025", "14.05.2025", and
 * `dd/mm/yyyy` or `mm/dd/yyyy` only where one of the two numbers is over 12 (otherwise the order is a guess).
 * An RFC 2822 date ("Wed, 14 May 2025 10:00:00 GMT") keeps its time, in UTC.
 */
export function parsePublishedDate(input: string): string | null {
  const text = input.trim().replace(/\s+/g, ' ');
  if (!text) return null;
  if (isPublishedDate(text)) return text;
  // ISO with a space for the T, or a time zone without the colon (as feeds and meta tags write it).
  const isoLike =
    /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)? ?(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i.exec(text);
  if (isoLike) {
    const [, y, mo, d, h, mi, s, fraction, zone] = isoLike;
    const normalisedZone = !zone ? '' : /^(z|utc|gmt)$/i.test(zone) ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
    const value = `${y}-${mo}-${d}T${h}:${mi}${s ? `:${s}${fraction ?? ''}` : ''}${normalisedZone}`;
    return isPublishedDate(value) ? value : null;
  }
  const slashed = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/.exec(text);
  if (slashed) return isoDay(Number(slashed[1]), Number(slashed[2]), Number(slashed[3]));
  const dayMonthName = /^(?:[A-Za-z]+,? )?(\d{1,2})(?:st|nd|rd|th)?\.? ([A-Za-z]+\.?),? (\d{4})$/.exec(text);
  if (dayMonthName) {
    const month = monthOf(dayMonthName[2]!);
    return month ? isoDay(Number(dayMonthName[3]), month, Number(dayMonthName[1])) : null;
  }
  const monthNameDay = /^(?:[A-Za-z]+,? )?([A-Za-z]+\.?) (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$/.exec(text);
  if (monthNameDay) {
    const month = monthOf(monthNameDay[1]!);
    return month ? isoDay(Number(monthNameDay[3]), month, Number(monthNameDay[2])) : null;
  }
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  if (dotted) return isoDay(Number(dotted[3]), Number(dotted[2]), Number(dotted[1]));
  const numeric = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(text);
  if (numeric) {
    const [first, second, year] = [Number(numeric[1]), Number(numeric[2]), Number(numeric[3])];
    if (first > 12 && second <= 12) return isoDay(year, second, first);
    if (second > 12 && first <= 12) return isoDay(year, first, second);
    return null;
  }
  const rfc2822 = /^(?:[A-Za-z]{3}, )?\d{1,2} [A-Za-z]{3} \d{4} \d{2}:\d{2}(?::\d{2})? (?:GMT|UTC|[+-]\d{4})$/.exec(
    text,
  );
  if (rfc2822) {
    const time = Date.parse(text);
    return Number.isNaN(time) ? null : new Date(time).toISOString().replace(/\.000Z$/, 'Z');
  }
  return null;
}

/** The day of a stored publication date (`2025-05-14T09:30Z` → `2025-05-14`): what lists show and sort by. */
export const publishedDay = (value: string): string => value.slice(0, 10);
