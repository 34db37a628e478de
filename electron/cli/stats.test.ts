import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STANCE_MAP_COLUMNS, stanceMapCells } from '../../shared/analysis/stance-map';
import { tagMatrixCsv } from '../../shared/analysis/tag-matrix';
import { TIMELINE_COLUMNS, timelineCells } from '../../shared/analysis/timeline';
import { csvBlocks } from '../../shared/csv';
import type { ExportRequest } from '../../shared/api-contract';
import { ANNOTATION_COLUMNS } from '../../shared/export/annotation-rows';
import { exportBlocks } from '../../shared/export/build-export';
import { createBackend } from '../backend/backend';
import { writeExportBlocks } from '../backend/export-writer';
import { openStore } from '../backend/store';
import { hardCaseLibrary } from '../backend/test/hard-cases';
import { callOk, useTempDirs } from '../backend/test-support';
import { cli, writeLibrary } from './test/cli-test-support';

const tempDir = useTempDirs();
const CSV = { bom: false, formulaEscape: true };

async function hardCases(): Promise<string> {
  const dir = await tempDir();
  const library = hardCaseLibrary();
  // Dates for the timeline: the first document in one week, the second in the next; the third has none.
  library.documents[0] = {
    ...library.documents[0]!,
    meta: { ...library.documents[0]!.meta, publishedAt: '2025-02-12' },
  };
  library.documents[1] = {
    ...library.documents[1]!,
    meta: { ...library.documents[1]!.meta, publishedAt: '2025-02-17T08:00' },
  };
  await writeLibrary(dir, library);
  return dir;
}

describe('stance-annotator stats', () => {
  it('writes the stance map with the header the issue names', async () => {
    const dir = await hardCases();
    const run = await cli('stats', '--data-dir', dir, '--what', 'stance-map');
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\r\n');
    expect(lines[0]).toBe('holder,target,favor,against,neutral,unclear,total,documents');
    expect(lines).toHaveLength(6); // four pairs, and what follows the last line's end
    expect(run.stdout).toContain('\'@holder,"НАТО, ""peacekeepers""",1,0,0,0,1,1\r\n');
    expect(run.stdout).toContain('Грушко,"НАТО, ""peacekeepers""",0,1,0,0,1,1\r\n');
    expect(run.stdout).toContain(",'-target,0,0,0,1,1,1\r\n"); // no holder: an empty cell
  });

  it('writes tags × outlet or a variable, and the timeline per week with the undated documents named', async () => {
    const dir = await hardCases();
    const tags = await cli('stats', '--data-dir', dir, '--what', 'tags', '--by', 'wave');
    expect(tags.stdout.split('\r\n')[0]).toBe('tag,2,-1.5,(none)');
    expect(tags.stdout.split('\r\n')[1]).toBe('"Claim, ""main""",2,2,3');
    const timeline = await cli('stats', '--data-dir', dir, '--what', 'timeline', '--interval', 'week');
    expect(timeline.stdout.split('\r\n').slice(0, 4)).toEqual([
      'period,favor,against,neutral,unclear,undated_documents',
      '2025-W07,0,1,0,1,0',
      '2025-W08,1,0,0,0,0',
      'undated,0,0,1,0,1',
    ]);
    expect(timeline.stderr).toContain('1 documents without a publication date');
    const toward = await cli(
      'stats',
      '--data-dir',
      dir,
      '--what',
      'timeline',
      '--target=-target',
      '--from',
      '2025-02-01',
    );
    expect(toward.stdout.split('\r\n').slice(1, 3)).toEqual(['2025-02,0,0,0,1,0', '']); // by month unless told
  });

  it('says what is wrong with its arguments', async () => {
    const dir = await hardCases();
    expect((await cli('stats', '--data-dir', dir)).status).toBe(2);
    expect((await cli('stats', '--data-dir', dir, '--what', 'tags', '--by', 'colour')).stderr).toContain(
      '--by must be document, outlet or a document variable',
    );
    expect((await cli('stats', '--data-dir', dir, '--what', 'timeline', '--from', '12.02.2025')).stderr).toContain(
      '--from must be a day written YYYY-MM-DD',
    );
    expect((await cli('stats', '--data-dir', dir, '--what', 'timeline', '--target', 'nobody')).stderr).toContain(
      'No holder or target is named "nobody"',
    );
  });
});

describe('stance-annotator search', () => {
  it('finds words ignoring case and diacritics, with code point offsets Python reads back', async () => {
    const dir = await hardCases();
    const out = path.join(dir, 'search.csv');
    const documents = path.join(dir, 'documents.csv');
    expect((await cli('search', '--data-dir', dir, '--query', 'CAFE', '--out', out)).status).toBe(0);
    expect(
      (await cli('search', '--data-dir', dir, '--query', 'then', '--out', path.join(dir, 'then.csv'))).status,
    ).toBe(0);
    await cli('export', '--data-dir', dir, '--what', 'documents', '--out', documents, '--no-formula-escape');
    for (const file of [out, path.join(dir, 'then.csv')]) {
      const result = JSON.parse(
        execFileSync('python3', [path.join(__dirname, 'test', 'check_search.py'), file, documents], {
          encoding: 'utf8',
        }),
      ) as { rows: number; mismatches: unknown[] };
      expect(result.rows).toBe(1);
      expect(result.mismatches).toEqual([]);
    }
    const regex = await cli('search', '--data-dir', dir, '--query', '[', '--regex');
    expect(regex.status).toBe(2);
    expect(regex.stderr).toContain('The regular expression is not valid');
  });
});

describe('the app’s numbers and the command line’s', () => {
  it('gives the same stance map from the API (the Stance map view) and from `stats`', async () => {
    const dir = await hardCases();
    const store = await openStore(dir);
    const rows = await callOk(createBackend(store), 'getStanceMap', { from: '2025-01-01' });
    const segments = await callOk(createBackend(store), 'getCodedSegments', {
      holderId: rows[0]!.holderId,
      targetId: rows[0]!.targetId,
    });
    expect(segments.total).toBe(rows[0]!.documents); // one highlight per document for this pair
    await store.close();
    const run = await cli('stats', '--data-dir', dir, '--what', 'stance-map', '--from', '2025-01-01');
    expect(run.stdout).toBe(
      [...csvBlocks(STANCE_MAP_COLUMNS, rows.map(stanceMapCells), { bom: false, formulaEscape: true })].join(''),
    );
  });
});

describe('tags by group: the app’s numbers and the command line’s', () => {
  it('gives the same matrix from the API (Tags by document) and from `stats --what tags`', async () => {
    const dir = await hardCases();
    const store = await openStore(dir);
    const backend = createBackend(store);
    const matrix = await callOk(backend, 'getTagMatrix', { by: 'outlet' });
    const [claim] = matrix.rows;
    const segments = await callOk(backend, 'getCodedSegments', {
      tagId: claim!.tagId,
      documentIds: matrix.groupDocumentIds[0]!,
    });
    expect(segments.total).toBe(claim!.counts[0]);
    await store.close();
    const run = await cli('stats', '--data-dir', dir, '--what', 'tags', '--by', 'outlet');
    expect(run.stdout).toBe([...tagMatrixCsv(matrix, { bom: false, formulaEscape: true })].join(''));
  });
});

describe('stances over time: the app’s numbers and the command line’s', () => {
  it('gives the same timeline from the API (Stances over time), its CSV export and `stats --what timeline`', async () => {
    const dir = await hardCases();
    const store = await openStore(dir);
    const backend = createBackend(store);
    const target = store.data.entities.find((e) => e.name === 'НАТО, "peacekeepers"')!;
    const result = await callOk(backend, 'getTimeline', { interval: 'week', targetId: target.id });
    expect(result.rows.map((r) => r.period)).toEqual(['2025-W07', '2025-W08']);
    expect(result.undated.documents).toHaveLength(0);
    const exported = [...exportBlocks(store.data, 'timeline', { interval: 'week', targetId: target.id }, CSV)].join('');
    const missing = await backend('getTimeline', { interval: 'month', targetId: 'no-such-entity' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
    await store.close();
    const run = await cli(
      'stats',
      '--data-dir',
      dir,
      '--what',
      'timeline',
      '--interval',
      'week',
      '--target',
      target.name,
    );
    const expected = [...csvBlocks(TIMELINE_COLUMNS, timelineCells(result), CSV)].join('');
    expect(run.stdout).toBe(expected);
    expect(exported).toBe(expected);
  });
});

describe('the search and the coded segments saved from their views', () => {
  it('writes the search as `stance-annotator search` does (a regular expression found in the worker, as the view finds it)', async () => {
    const dir = await hardCases();
    const store = await openStore(dir);
    const exported = async (request: ExportRequest) => {
      const chunks: Buffer[] = [];
      await writeExportBlocks(store, request, async (bytes) => void chunks.push(bytes));
      return Buffer.concat(chunks).toString('utf8');
    };
    const plain = await exported({ kind: 'search', query: 'CAFE', bom: false });
    const regex = await exported({ kind: 'search', query: 'caf(e|é)', regex: true, bom: false });
    const { segments } = await callOk(createBackend(store), 'getCodedSegments', { tagId: 't-formula' });
    const segmentsCsv = await exported({ kind: 'coded-segments', tagId: 't-formula', bom: false });
    await store.close();
    expect(plain).toBe((await cli('search', '--data-dir', dir, '--query', 'CAFE')).stdout);
    expect(regex).toBe((await cli('search', '--data-dir', dir, '--query', 'caf(e|é)', '--regex')).stdout);
    expect(plain.split('\r\n')).toHaveLength(3); // the header, one match, and what follows the last line's end
    // The segments with annotations.csv's columns: the header, then each segment's highlight.
    const ids = [...segmentsCsv.matchAll(/,(h-\d+),\d+,\d+,/g)].map((m) => m[1]);
    expect(segments.length).toBeGreaterThan(0);
    expect(new Set(ids)).toEqual(new Set(segments.map((s) => s.highlightId)));
    expect(segmentsCsv.split('\r\n')[0]).toBe(ANNOTATION_COLUMNS.join(','));
  });
});
