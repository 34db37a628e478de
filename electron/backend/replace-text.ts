import type { ReanchorReport } from '../../shared/api-contract';
import {
  reanchor,
  reanchorSteps,
  type AnchorablePassage,
  type ReanchoredPassage,
} from '../../shared/anchoring/reanchor';
import { isPlaced, type Highlight, type StoredDocument } from '../../shared/domain';
import { normaliseText } from '../../shared/normalise-text';
import { quoteWithContext } from '../../shared/text-context';
import { ApiFailure } from './api-error';
import { replace, type Change } from './change-set';
import { findDocument } from './handlers/lookup';
import { asJob, inSlices } from './in-slices';
import type { JobControl } from './jobs';
import type { Library } from './library';
import { sha256Hex } from './make-document';

const passageOf = (h: Highlight): AnchorablePassage => ({
  id: h.id,
  start: h.start,
  end: h.end,
  quote: h.quote,
  prefix: h.prefix,
  suffix: h.suffix,
  orphan: !isPlaced(h),
});

/**
 * Each of the document's highlights, as the library holds them once the re-anchoring is done, with its new place.
 * The re-anchoring runs in slices (a text replaced by a different one leaves every highlight to be searched for in
 * the whole text: minutes for 10,000 highlights in a megabyte), so other windows' changes go on meanwhile: a
 * highlight added or changed by one of them is re-anchored again as it is now, and one deleted is left out.
 */
async function reanchoredHighlights(
  library: Library,
  document: StoredDocument,
  text: string,
  control: JobControl | undefined,
): Promise<{ highlight: Highlight; result: ReanchoredPassage }[]> {
  const highlights = library.highlightsIn(document.id);
  const results = await inSlices(asJob(reanchorSteps(text, highlights.map(passageOf)), highlights.length, control));
  const done = new Map(highlights.map((h, i) => [h.id, { highlight: h, result: results[i]! }]));
  const current = findDocument(library.data, document.id);
  if (current.text !== document.text) {
    throw new ApiFailure('conflict', `The text of "${current.title}" was changed meanwhile: replace it again.`);
  }
  const now = library.highlightsIn(document.id);
  const changedMeanwhile = now.filter((h) => done.get(h.id)?.highlight !== h);
  const again = reanchor(text, changedMeanwhile.map(passageOf));
  const redone = new Map(changedMeanwhile.map((h, i) => [h.id, again[i]!]));
  return now.map((h) => ({ highlight: h, result: redone.get(h.id) ?? done.get(h.id)!.result }));
}

/**
 * The changes that put an updated version of an article in place of a document's text: the document with its new
 * text, and each highlight moved to where its passage now is (shared/anchoring/reanchor.ts) — found with a few
 * characters changed it takes the new wording and is marked `fuzzy`; not found it is kept as an orphan, with its
 * quote, tags, stances and note. Orphans from before are looked for too. Nothing else about the document changes.
 */
export async function replaceTextChanges(
  library: Library,
  documentId: string,
  newText: string,
  control?: JobControl,
): Promise<{ changes: Change[]; after: StoredDocument; report: ReanchorReport }> {
  const text = normaliseText(newText);
  const started = findDocument(library.data, documentId);
  if (!text.trim()) throw new ApiFailure('invalid-request', 'The new text is empty.');
  if (text === started.text) throw new ApiFailure('invalid-request', `"${started.title}" has this text already.`);
  const results = await reanchoredHighlights(library, started, text, control);
  control?.signal.throwIfAborted();
  // The document as it is now: its title or details may have been changed meanwhile.
  const document = findDocument(library.data, documentId);
  const after: StoredDocument = { ...document, text, sha256: sha256Hex(text) };
  const report: ReanchorReport = { same: 0, moved: 0, changed: [], orphaned: [], reattached: 0 };
  const changes: Change[] = [replace('documents', document, after)];
  results.forEach(({ highlight: before, result }) => {
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
