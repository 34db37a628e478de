import type { ReanchorReport } from '../../shared/api-contract';
import { reanchor } from '../../shared/anchoring/reanchor';
import { isPlaced, type Database, type Highlight, type StoredDocument } from '../../shared/domain';
import { normaliseText } from '../../shared/normalise-text';
import { quoteWithContext } from '../../shared/text-context';
import { ApiFailure } from './api-error';
import { replace, type Change } from './change-set';
import { sha256Hex } from './make-document';

/**
 * The changes that put an updated version of an article in place of a document's text: the document with its new
 * text, and each highlight moved to where its passage now is (shared/anchoring/reanchor.ts) — found with a few
 * characters changed it takes the new wording and is marked `fuzzy`; not found it is kept as an orphan, with its
 * quote, tags, stances and note. Orphans from before are looked for too. Nothing else about the document changes.
 */
export function replaceTextChanges(
  data: Database,
  document: StoredDocument,
  newText: string,
): { changes: Change[]; after: StoredDocument; report: ReanchorReport } {
  const text = normaliseText(newText);
  if (!text.trim()) throw new ApiFailure('invalid-request', 'The new text is empty.');
  if (text === document.text) throw new ApiFailure('invalid-request', `"${document.title}" has this text already.`);
  const after: StoredDocument = { ...document, text, sha256: sha256Hex(text) };
  const highlights = data.highlights.filter((h) => h.documentId === document.id);
  const results = reanchor(
    text,
    highlights.map((h) => ({
      id: h.id,
      start: h.start,
      end: h.end,
      quote: h.quote,
      prefix: h.prefix,
      suffix: h.suffix,
      orphan: !isPlaced(h),
    })),
  );
  const report: ReanchorReport = { same: 0, moved: 0, changed: [], orphaned: [], reattached: 0 };
  const changes: Change[] = [replace('documents', document, after)];
  results.forEach((result, i) => {
    const before = highlights[i]!;
    const wasOrphan = !isPlaced(before);
    let moved: Highlight;
    if (result.start === undefined || result.end === undefined) {
      if (!wasOrphan) report.orphaned.push({ highlightId: before.id, quote: before.quote });
      // Its offsets only stay inside the new text; its quote and context stay as they were.
      const end = Math.max(1, Math.min(before.end, text.length));
      moved = { ...before, start: Math.min(before.start, end - 1), end, anchor: 'orphan' };
    } else {
      const { anchor: _, ...placed } = before;
      const found = quoteWithContext(text, result.start, result.end);
      moved = { ...placed, start: result.start, end: result.end, ...found };
      if (result.outcome === 'changed') {
        moved = { ...moved, anchor: 'fuzzy' };
        if (!wasOrphan) report.changed.push({ highlightId: before.id, before: before.quote, after: found.quote });
      } else if (before.anchor === 'fuzzy') {
        moved = { ...moved, anchor: 'fuzzy' };
      }
      if (wasOrphan) report.reattached++;
      else if (result.outcome === 'same') report.same++;
      else if (result.outcome === 'moved') report.moved++;
    }
    if (!sameRecord(before, moved)) changes.push(replace('highlights', before, moved));
  });
  return { changes, after, report };
}

function sameRecord(a: Highlight, b: Highlight): boolean {
  return (
    a.start === b.start &&
    a.end === b.end &&
    a.quote === b.quote &&
    a.prefix === b.prefix &&
    a.suffix === b.suffix &&
    a.anchor === b.anchor
  );
}
