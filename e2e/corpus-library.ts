import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeDocument } from '../electron/backend/make-document';
import { DATA_FILE_NAME } from '../electron/backend/data-dir';
import { CURRENT_SCHEMA_VERSION, type Database, type Highlight, type StanceValue } from '../shared/domain';
import { quoteWithContext } from '../shared/text-context';
import { E2E_CODER, test } from './fixtures';

/**
 * A small corpus for the analysis views, as an analyst's library looks after a few weeks: 20 articles from 4 outlets,
 * published over ten weeks of 2025 (two without a date), each with a few claims whose stances five holders take
 * toward four targets. Deterministic, so a spec can state the numbers it expects.
 */
export const OUTLETS = ['Baltic Wire', 'Daily Ledger', 'Kyiv Observer', 'Morning Post'] as const;
export const HOLDERS = ['Grushko', 'Stoltenberg', 'Zelensky', 'Scholz', 'Macron'] as const;
export const TARGETS = ['NATO', 'Ukraine', 'Peacekeeping mission', 'Sanctions'] as const;
const VALUES: StanceValue[] = ['favor', 'against', 'neutral', 'unclear'];
const VERBS: Record<StanceValue, string> = {
  favor: 'spoke warmly of',
  against: 'warned against',
  neutral: 'described',
  unclear: 'hinted at',
};

/** The stance a holder takes toward a target in an article: a fixed pattern with some change over the weeks. */
export function corpusStance(article: number, holder: number, target: number): StanceValue {
  return VALUES[(holder * 3 + target + Math.floor(article / 5)) % 4]!;
}

export function corpusLibrary(): Database {
  const now = new Date('2025-03-20T09:00:00.000Z');
  const documents = [];
  const highlights: Highlight[] = [];
  for (let i = 0; i < 20; i++) {
    const claims: Array<{ sentence: string; holder: number; target: number; stance: StanceValue }> = [];
    for (let k = 0; k < 3; k++) {
      const holder = (i + k) % HOLDERS.length;
      const target = (i * 2 + k) % TARGETS.length;
      const stance = corpusStance(i, holder, target);
      claims.push({
        sentence: `${HOLDERS[holder]} ${VERBS[stance]} ${TARGETS[target]} in remarks on day ${i + 1}.`,
        holder,
        target,
        stance,
      });
    }
    const text = [
      `Report ${i + 1} on the talks about security in Europe.`,
      ...claims.map((c) => c.sentence),
      'Officials gave no further comment on the observer mission.',
    ].join('\n');
    // Mondays from 6 January 2025, two articles a week; the last two have no date.
    const published = i < 18 ? new Date(Date.UTC(2025, 0, 6 + Math.floor(i / 2) * 7 + (i % 2) * 2)) : null;
    const document = makeDocument(
      {
        title: `${OUTLETS[i % 4]}: talks report ${i + 1}`,
        text,
        source: { kind: 'paste' },
        meta: { outlet: OUTLETS[i % 4]!, ...(published ? { publishedAt: published.toISOString().slice(0, 10) } : {}) },
      },
      now,
    );
    documents.push(document);
    for (const claim of claims) {
      const start = text.indexOf(claim.sentence);
      const end = start + claim.sentence.length;
      highlights.push({
        id: `corpus-${i}-${claim.holder}-${claim.target}`,
        documentId: document.id,
        start,
        end,
        ...quoteWithContext(text, start, end),
        tagIds: [claim.stance === 'neutral' ? 'tag-evidence' : 'tag-claim'],
        stances: [{ holderId: `holder-${claim.holder}`, targetId: `target-${claim.target}`, stance: claim.stance }],
        note: '',
        annotator: E2E_CODER,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      });
    }
  }
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    documents,
    highlights,
    tags: [
      { id: 'tag-claim', name: 'Claim', color: '#f6d32d', description: '', parentId: null },
      { id: 'tag-evidence', name: 'Evidence', color: '#8ff0a4', description: '', parentId: null },
    ],
    entities: [
      ...HOLDERS.map((name, i) => ({ id: `holder-${i}`, name })),
      ...TARGETS.map((name, i) => ({ id: `target-${i}`, name })),
    ],
    variables: [],
    settings: { annotator: E2E_CODER, lastDocumentId: documents[0]!.id, snapToWords: true, readingPositions: {} },
  };
}

/** Writes the corpus as a library file where the app will open it (as a library of an earlier build would be). */
export async function writeCorpusLibrary(dataDir: string): Promise<Database> {
  const library = corpusLibrary();
  await mkdir(dataDir, { recursive: true });
  await writeFile(path.join(dataDir, DATA_FILE_NAME), JSON.stringify(library, null, 2));
  return library;
}

/** A test that starts on the corpus, written where the app opens its library. */
export const corpusTest = test.extend({
  dataDir: async ({ dataDir }, use) => {
    await writeCorpusLibrary(dataDir);
    await use(dataDir);
  },
});
