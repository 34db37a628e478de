import { contextAround } from './context';
import { createCodePointConverter } from '../code-points';
import type { StoredDocument } from '../domain';

/**
 * Searching every text of the library for words or a phrase, ignoring case and diacritics ("Kyiv" finds "kyïv"), or for
 * a regular expression (Unicode, case-insensitive). Matches come as keyword-in-context lines with UTF-16 offsets into
 * the text (the command line writes code points).
 */

export interface SearchMatch {
  documentId: string;
  start: number;
  end: number;
  match: string;
  left: string;
  right: string;
}

export const SEARCH_COLUMNS = [
  'document_id',
  'document_title',
  'start',
  'end',
  'match',
  'left_context',
  'right_context',
] as const;

export class SearchQueryError extends Error {}

interface FoldedText {
  text: string;
  origin: Int32Array | null;
}

/**
 * Each document's folded text, kept while its record lives: a library's records are immutable (a changed text is a
 * new record), so a record's fold never goes stale, and a replaced or deleted document's is let go with it. This is
 * the search's whole index: a second search costs an `indexOf` per text, the floor any index must beat (the bench
 * sets the two side by side), at the memory of a second copy of the texts.
 */
const foldedTexts = new WeakMap<StoredDocument, FoldedText>();
const foldedChars = new Map<string, string>();

function foldedTextOf(document: StoredDocument): FoldedText {
  let fold = foldedTexts.get(document);
  if (!fold) foldedTexts.set(document, (fold = foldText(document.text, foldedChars)));
  return fold;
}

/** One character (a code point) with case and diacritics folded away: "Ï" → "i". */
function foldChar(char: string): string {
  return char.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
}

/**
 * A text with case and diacritics folded away, and for each folded position the original offset it came from
 * (`origin`: null when every position is its own, as for nearly every text). Fast: the text is lower-cased at once,
 * and only what is not ASCII is folded a character at a time (each distinct one once); only a text where folding
 * changes lengths (a decomposed accent, a dotted capital I) is mapped position by position.
 */
function foldText(text: string, cache: Map<string, string>): FoldedText {
  const lower = text.toLowerCase();
  let sameLengths = lower.length === text.length;
  const fold = !sameLengths
    ? ''
    : lower.replace(/[\u0080-\u{10ffff}]/gu, (char) => {
        let folded = cache.get(char);
        if (folded === undefined) cache.set(char, (folded = foldChar(char)));
        if (folded.length !== char.length) sameLengths = false;
        return folded;
      });
  return sameLengths ? { text: fold, origin: null } : foldedByPosition(text);
}

/** The slow, exact way: each code point folded on its own, with the offset it came from (exported for its test). */
export function foldedByPosition(text: string): FoldedText & { origin: Int32Array } {
  const parts: string[] = [];
  const origin: number[] = [];
  for (let i = 0; i < text.length;) {
    const code = text.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    const fold = foldChar(text.slice(i, i + width));
    for (let k = 0; k < fold.length; k++) origin.push(i);
    parts.push(fold);
    i += width;
  }
  origin.push(text.length);
  return { text: parts.join(''), origin: Int32Array.from(origin) };
}

export const foldForSearch = (query: string): string => foldedByPosition(query).text;

/**
 * A search made ready once (the query checked, folded or compiled), to run over one document at a time: the backend
 * searches in slices, a document each.
 */
export function documentSearcher(
  query: string,
  options: { regex?: boolean } = {},
): (document: StoredDocument) => SearchMatch[] {
  if (query.trim() === '') throw new SearchQueryError('The search is empty.');
  let pattern: RegExp | null = null;
  if (options.regex) {
    try {
      pattern = new RegExp(query, 'giu');
    } catch (error) {
      throw new SearchQueryError(`The regular expression is not valid: ${(error as Error).message}`);
    }
  }
  const needle = pattern ? '' : foldForSearch(query);
  return (document) => {
    const found: [number, number][] = [];
    if (pattern) {
      pattern.lastIndex = 0;
      for (const m of document.text.matchAll(pattern))
        if (m[0].length > 0) found.push([m.index, m.index + m[0].length]);
    } else {
      const { text, origin } = foldedTextOf(document);
      for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) {
        found.push(origin ? [origin[at]!, origin[at + needle.length]!] : [at, at + needle.length]);
      }
    }
    return found.map(([start, end]) => matchAt(document, start, end));
  };
}

export function searchDocuments(
  documents: readonly StoredDocument[],
  query: string,
  options: { regex?: boolean } = {},
): SearchMatch[] {
  const search = documentSearcher(query, options);
  return documents.flatMap(search);
}

/** A match at [start, end) of a document's text, with its context. */
export function matchAt(document: StoredDocument, start: number, end: number): SearchMatch {
  const { text } = document;
  return { documentId: document.id, start, end, match: text.slice(start, end), ...contextAround(text, start, end) };
}

/** A match as CSV cells, with code point offsets (as annotations.csv), so `text[start:end] == match` in Python. */
export function searchCells(
  documents: readonly StoredDocument[],
  matches: readonly SearchMatch[],
): (string | number)[][] {
  const byId = new Map(documents.map((d) => [d.id, d]));
  const converters = new Map<string, (offset: number) => number>();
  return matches.map((m) => {
    const document = byId.get(m.documentId)!;
    let convert = converters.get(document.id);
    if (!convert) converters.set(document.id, (convert = createCodePointConverter(document.text)));
    return [document.id, document.title, convert(m.start), convert(m.end), m.match, m.left, m.right];
  });
}
