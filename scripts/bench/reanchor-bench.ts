// Re-anchoring at scale, for `npm run bench`: a 1 MB article with 10,000 highlights gets an edited version through
// the backend's "Replace text" (replaceDocumentText: the re-anchoring, the changes, the write), timed whole, with
// the re-anchoring alone timed beside it. The edits are the corpus's kinds (shared/anchoring/edit-cases.ts) spread
// over the article: a sentence added on top, words changed inside highlights, a paragraph moved, one deleted, and
// whitespace changed.
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { reanchor } from '../../shared/anchoring/reanchor';
import type { ApiResults } from '../../shared/api-contract';
import { CURRENT_SCHEMA_VERSION, type Highlight } from '../../shared/domain';
import { BACKUP_FORMAT, type Backup } from '../../shared/export/backup-format';
import { quoteWithContext } from '../../shared/text-context';
import { webAnnotationCollection } from '../../shared/export/web-annotation';
import { createBackend } from '../../electron/backend/backend';
import { openStore } from '../../electron/backend/store';

export interface ReanchorBench {
  characters: number;
  highlights: number;
  /** Through the backend: re-anchoring, the step's changes, and writing it. */
  replaceMs: number;
  /** The re-anchoring alone (shared/anchoring/reanchor.ts). */
  reanchorMs: number;
  outcomes: Record<string, number>;
  /**
   * The same highlights as web annotations (JSON-LD), imported into another library whose copy of the article is the
   * edited one: each annotation's position is off by what was added before it, so it is found by its quote.
   */
  webAnnotations: { annotations: number; importMs: number; anchoring: Record<string, number> };
}

const WORDS = (
  'the minister said talks would resume after a pause in the negotiations over energy prices sanctions and ' +
  'security guarantees while officials from several capitals warned that any agreement must include monitoring ' +
  'of the ceasefire line and a timetable for the withdrawal of heavy weapons from the region'
).split(' ');

/** A deterministic pseudo-random sequence (mulberry32), so that every run edits the same article the same way. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** About `size` characters of prose in paragraphs of five sentences, each sentence numbered so that it is unique. */
function article(size: number, next: () => number): string {
  const paragraphs: string[] = [];
  let length = 0;
  let n = 0;
  while (length < size) {
    const sentences = Array.from({ length: 5 }, () => {
      n++;
      const words = Array.from(
        { length: 12 + Math.floor(next() * 10) },
        () => WORDS[Math.floor(next() * WORDS.length)],
      );
      return `In statement ${n}, ${words.join(' ')}.`;
    });
    const paragraph = sentences.join(' ');
    paragraphs.push(paragraph);
    length += paragraph.length + 1;
  }
  return paragraphs.join('\n');
}

/** The edited version: the corpus's kinds of edit, spread over the text. */
function edited(text: string, highlights: readonly Highlight[], next: () => number): string {
  const paragraphs = text.split('\n');
  // A paragraph from the first quarter moved to the end; one from the middle deleted.
  const [moved] = paragraphs.splice(Math.floor(paragraphs.length / 4), 1);
  paragraphs.splice(Math.floor(paragraphs.length / 2), 1);
  paragraphs.push(moved!);
  let result = `Updated with comments from both delegations.\n${paragraphs.join('\n')}`;
  // A word changed inside 50 highlights, and doubled spaces in 50 more.
  for (let i = 0; i < 100; i++) {
    const h = highlights[Math.floor(next() * highlights.length)]!;
    const changed = i % 2 === 0 ? h.quote.replace(/ (\w+) /, ' $1s ') : h.quote.replace(' ', '  ');
    if (changed !== h.quote) result = result.replace(h.quote, changed);
  }
  return result;
}

export async function benchReanchoring(): Promise<ReanchorBench> {
  const next = random(20261201);
  const text = article(1_000_000, next);
  const documentId = randomUUID();
  const now = new Date().toISOString();
  const highlights: Highlight[] = [];
  // 10,000 highlights: a run of 4 to 14 words starting at a word, spread evenly over the text.
  const step = Math.floor(text.length / 10_000);
  for (let i = 0; i < 10_000; i++) {
    let start = i * step;
    while (start > 0 && text[start - 1] !== ' ' && text[start - 1] !== '\n') start++;
    let end = start;
    for (let words = 4 + Math.floor(next() * 10); words > 0 && end < text.length; words--) {
      end = text.indexOf(' ', end + 1);
      if (end < 0) end = text.length;
    }
    highlights.push({
      id: randomUUID(),
      documentId,
      start,
      end,
      ...quoteWithContext(text, start, end),
      tagIds: [],
      stances: [],
      note: '',
      annotator: 'bench',
      createdAt: now,
      updatedAt: now,
    });
  }
  const newText = edited(text, highlights, next);

  let start = performance.now();
  const results = reanchor(newText, highlights);
  const reanchorMs = performance.now() - start;
  const outcomes: Record<string, number> = {};
  for (const r of results) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;

  const dir = await mkdtemp(path.join(tmpdir(), 'stance-bench-reanchor-'));
  try {
    const store = await openStore(dir, { seed: false });
    const backend = createBackend(store);
    const backup: Backup = {
      format: BACKUP_FORMAT,
      schemaVersion: CURRENT_SCHEMA_VERSION,
      documents: [
        {
          id: documentId,
          title: 'A long article',
          text,
          source: { kind: 'paste' },
          meta: {},
          memo: '',
          variables: {},
          sha256: createHash('sha256').update(text).digest('hex'),
          addedAt: now,
        },
      ],
      tags: [],
      entities: [],
      variables: [],
      highlights,
      settings: { annotator: 'bench', lastDocumentId: documentId, snapToWords: true, readingPositions: {} },
    };
    const imported = await backend('importBackup', { content: JSON.stringify(backup) });
    if (!imported.ok) throw new Error(`importBackup: ${imported.error.message}`);
    start = performance.now();
    const replaced = await backend('replaceDocumentText', { documentId, text: newText });
    const replaceMs = performance.now() - start;
    if (!replaced.ok) throw new Error(`replaceDocumentText: ${replaced.error.message}`);
    await store.close();
    const webAnnotations = await benchWebAnnotationImport(backup, newText);
    return { characters: text.length, highlights: highlights.length, replaceMs, reanchorMs, outcomes, webAnnotations };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The backup's highlights exported as web annotations and imported onto a library holding `newText` instead. */
async function benchWebAnnotationImport(backup: Backup, newText: string): Promise<ReanchorBench['webAnnotations']> {
  const collection = JSON.stringify(webAnnotationCollection(backup));
  const dir = await mkdtemp(path.join(tmpdir(), 'stance-bench-web-annotations-'));
  try {
    const store = await openStore(dir, { seed: false });
    const backend = createBackend(store);
    const [document] = backup.documents;
    const edited = { ...document!, text: newText, sha256: createHash('sha256').update(newText).digest('hex') };
    const added = await backend('importBackup', {
      content: JSON.stringify({ ...backup, documents: [edited], highlights: [] }),
    });
    if (!added.ok) throw new Error(`importBackup: ${added.error.message}`);
    const start = performance.now();
    const imported = await backend('importProject', {
      fileName: 'annotations.jsonld',
      data: Buffer.from(collection).toString('base64'),
      documentId: edited.id,
    });
    const importMs = performance.now() - start;
    if (!imported.ok) throw new Error(`importProject: ${imported.error.message}`);
    await store.close();
    const { anchoring } = imported.value as ApiResults['importProject'];
    return { annotations: backup.highlights.length, importMs, anchoring: { ...anchoring } };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
