// The analysis views' backend side, for `npm run bench`: the stance map at library scale (through the backend) and at
// ten times it (the same computation over every highlight ten times: 1,000,000 at the bench's scale), a search of
// every text beside the floor a search index would have to beat (a plain `indexOf` scan of every text), and "Code all
// matches" of the marker word (5,000 matches at the bench's scale) until acknowledged on disk.
import { stanceMap } from '../../shared/analysis/stance-map';
import type { Database } from '../../shared/domain';

type Call = (method: string, args: unknown) => Promise<never>;

export interface AnalysisBench {
  highlights: number;
  stanceMapMs: number;
  tenfoldHighlights: number;
  tenfoldStanceMapMs: number;
  searchMatches: number;
  searchMs: number;
  indexOfFloorMs: number;
  coded: number;
  codeAllMs: number;
}

const since = (start: number): number => performance.now() - start;

async function medianOf3(run: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    await run();
    times.push(since(start));
  }
  return times.sort((a, b) => a - b)[1]!;
}

/** Every occurrence of `word` in every text, found with `indexOf`: what any search must at least do. */
function countByIndexOf(data: Database, word: string): number {
  let count = 0;
  for (const { text } of data.documents) {
    for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + word.length)) count++;
  }
  return count;
}

export async function benchAnalysis(data: () => Database, call: Call, marker: string): Promise<AnalysisBench> {
  const stanceMapMs = await medianOf3(() => call('getStanceMap', {}));
  const library = data();
  const tenfold = {
    ...library,
    highlights: Array.from({ length: 10 }, (_, k) =>
      library.highlights.map((h) => ({ ...h, id: `${h.id}-${k}` })),
    ).flat(),
  };
  const tenfoldStanceMapMs = await medianOf3(() => stanceMap(tenfold, {}));

  const query = marker.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase(); // "kyiv": found ignoring the diacritic
  let searchMatches = 0;
  const searchMs = await medianOf3(async () => {
    searchMatches = ((await call('searchLibrary', { query })) as { total: number }).total;
  });
  let floorMatches = 0;
  const indexOfFloorMs = await medianOf3(() => (floorMatches = countByIndexOf(library, marker)));
  if (floorMatches !== searchMatches) throw new Error(`search found ${searchMatches}, indexOf ${floorMatches}`);

  const tagId = library.tags[0]!.id;
  const start = performance.now();
  const done = (await call('codeMatches', { query, tagId })) as { coded: number };
  const codeAllMs = since(start);
  await call('undo', {});
  return {
    highlights: library.highlights.length,
    stanceMapMs,
    tenfoldHighlights: tenfold.highlights.length,
    tenfoldStanceMapMs,
    searchMatches,
    searchMs,
    indexOfFloorMs,
    coded: done.coded,
    codeAllMs,
  };
}
