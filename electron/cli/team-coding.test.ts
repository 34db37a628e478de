import { writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeAgreement } from '../../shared/agreement/compute-agreement';
import { reliabilityCsv } from '../../shared/agreement/agreement-csv';
import { buildExport } from '../../shared/export/build-export';
import { cli } from './test/cli-test-support';
import { callOk, openSampleBackend, useTempDirs } from '../backend/test-support';

const tempDir = useTempDirs();

/** A library in its own folder, coded by one coder on the sample: what a second coder would send as a backup. */
async function codedLibrary(coder: string, quotes: string[]) {
  const dir = await tempDir();
  const opened = await openSampleBackend(dir);
  await callOk(opened.backend, 'updateSettings', { annotator: coder });
  for (const quote of quotes) await opened.highlight(quote);
  return { dir, ...opened };
}

describe('merging another coder’s work', () => {
  it('matches documents by their text, keeps each coder’s highlights as theirs, and adds nothing the second time', async () => {
    const ann = await codedLibrary('ann', ['NATO and peacekeeping', 'do not go hand in hand']);
    const ben = await codedLibrary('ben', ['NATO and peacekeeping', 'hand in hand.']);
    const backup = buildExport(ben.store.data, 'backup', {}, { bom: false, formulaEscape: false }).content;

    const first = await callOk(ann.backend, 'importBackup', { content: backup });
    expect(first.documents).toEqual({ added: 0, alreadyThere: 1 }); // the sample, by its SHA-256
    expect(first.highlights.added).toBe(2);
    expect(first.byCoder).toEqual({ ben: 2 });
    expect(first.differentTexts).toEqual([]);
    const onSample = ann.store.data.highlights.filter((h) => h.documentId === ann.document.id);
    expect(onSample.map((h) => h.annotator).sort()).toEqual(['ann', 'ann', 'ben', 'ben']);

    const second = await callOk(ann.backend, 'importBackup', { content: backup });
    expect(second.highlights).toEqual({ added: 0, alreadyThere: 2 });
    expect(second.byCoder).toEqual({});
    expect(ann.store.data.highlights).toHaveLength(4);

    const coders = await callOk(ann.backend, 'listCoders', {});
    expect(coders).toEqual([
      { name: 'ann', highlights: 2, documents: 1 },
      { name: 'ben', highlights: 2, documents: 1 },
    ]);
  });

  it('reports a document whose text differs and adds it as a document of its own, never onto the other text', async () => {
    const ann = await codedLibrary('ann', ['NATO and peacekeeping']);
    const ben = await codedLibrary('ben', ['NATO and peacekeeping']);
    // Ben's copy of the article is another version: the same id and title, one word changed.
    const backup = JSON.parse(buildExport(ben.store.data, 'backup', {}, { bom: false, formulaEscape: false }).content);
    const [document] = backup.documents;
    document.id = ann.document.id;
    document.text = document.text.replace('peacekeeping do not', 'peacekeeping did not');
    document.sha256 = 'f'.repeat(64);
    for (const h of backup.highlights) h.documentId = document.id;

    const summary = await callOk(ann.backend, 'importBackup', { content: JSON.stringify(backup) });
    expect(summary.differentTexts).toEqual([{ title: ann.document.title, libraryTitle: ann.document.title }]);
    expect(summary.documents.added).toBe(1);
    const added = ann.store.data.documents.find((d) => d.id !== ann.document.id)!;
    expect(added.text).toContain('did not');
    const bens = ann.store.data.highlights.filter((h) => h.annotator === 'ben');
    expect(bens.map((h) => h.documentId)).toEqual([added.id]);
    expect(ann.store.data.highlights.filter((h) => h.documentId === ann.document.id)).toHaveLength(1);
  });
});

describe('agreement in the backend and on the command line', () => {
  it('answers the same numbers from the API and the CLI, with the header the issue names', async () => {
    const ann = await codedLibrary('ann', ['NATO and peacekeeping', 'do not go hand in hand']);
    const ben = await codedLibrary('ben', ['NATO and peacekeeping', 'hand in hand.']);
    const backup = path.join(ben.dir, 'ben.json');
    await writeFile(backup, buildExport(ben.store.data, 'backup', {}, { bom: false, formulaEscape: false }).content);
    await callOk(ann.backend, 'importBackup', {
      content: buildExport(ben.store.data, 'backup', {}, { bom: false, formulaEscape: false }).content,
    });

    const report = await callOk(ann.backend, 'getAgreement', { coders: ['ann', 'ben'] });
    expect(report.documentCount).toBe(1);
    const first = report.reliability[0]!;
    expect(first.scope).toBe('tag');
    const expected = computeAgreement(
      [
        {
          ...ann.document,
          highlights: ann.store.data.highlights.filter((h) => h.documentId === ann.document.id),
        },
      ],
      { coders: ['ann', 'ben'], tags: ann.store.data.tags },
    );
    expect(report.reliability).toEqual(expected.reliability);

    await ann.store.close();
    const run = await cli('agreement', '--data-dir', ann.dir, '--coders', 'ann,ben');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(reliabilityCsv(report, { bom: false, formulaEscape: true }));
    const lines = run.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('scope,name,coders,units,percent_agreement,cohen_kappa,krippendorff_alpha');
    expect(lines.at(-1)).toMatch(/^stance,all,ann \| ben,0,,,$/);

    const spans = await cli('agreement', '--data-dir', ann.dir, '--coders', 'ann,ben', '--what', 'spans');
    expect(spans.stdout.split('\r\n').slice(0, 3)).toEqual([
      'coder_a,coder_b,match,precision,recall,f1',
      'ann,ben,exact,0.5000,0.5000,0.5000',
      'ann,ben,overlap,1.0000,1.0000,1.0000',
    ]);
  });

  it('says clearly what is wrong with a request', async () => {
    const ann = await codedLibrary('ann', ['NATO and peacekeeping']);
    const lone = await ann.backend('getAgreement', { coders: ['ann'] });
    expect(lone.ok ? '' : lone.error.message).toContain('two coders');
    const nobody = await ann.backend('getAgreement', { coders: ['ann', 'zoe'] });
    expect(nobody.ok ? '' : nobody.error.message).toContain('No document has highlights by each of ann, zoe');
    await ann.store.close();
    const unknown = await cli('agreement', '--data-dir', ann.dir, '--coders', 'ann,zoe');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('No highlight');
    expect(unknown.stderr).toContain('"zoe"');
    expect(unknown.stderr).toContain('Coders there: ann');
    expect((await cli('agreement', '--data-dir', ann.dir, '--coders', 'ann')).status).toBe(2);
  });

  it('exports one coder’s highlights with --coder', async () => {
    const ann = await codedLibrary('ann', ['NATO and peacekeeping']);
    const ben = await codedLibrary('ben', ['hand in hand.']);
    await callOk(ann.backend, 'importBackup', {
      content: buildExport(ben.store.data, 'backup', {}, { bom: false, formulaEscape: false }).content,
    });
    await ann.store.close();
    const run = await cli('export', '--data-dir', ann.dir, '--out', '-', '--no-bom', '--coder', 'ben');
    const rows = run.stdout.trimEnd().split('\r\n');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain('hand in hand.');
    expect(rows[1]).toContain(',ben,');
  });
});

describe('coders and their own highlights', () => {
  it('names the coder without an undo step, and offers the login name', async () => {
    const { backend } = await openSampleBackend(await tempDir());
    const workspace = await callOk(backend, 'getWorkspace', {});
    expect(workspace.suggestedCoder).toBe(userInfo().username);
    await callOk(backend, 'setCoder', { name: '  ann ' });
    const after = await callOk(backend, 'getWorkspace', {});
    expect(after.settings.annotator).toBe('ann');
    expect(after.history.undoLabel).toBeNull();
  });

  it('lets a coder change only their own highlights, and adopt another’s as one undoable step', async () => {
    const ann = await codedLibrary('ann', ['NATO and peacekeeping']);
    const [annsHighlight] = ann.store.data.highlights;
    await callOk(ann.backend, 'setCoder', { name: 'ben' });
    const refused = await ann.backend('updateHighlight', { highlightId: annsHighlight!.id, note: 'mine now' });
    expect(refused.ok ? '' : refused.error.message).toContain("This highlight is ann's");
    const notDeleted = await ann.backend('deleteHighlight', { highlightId: annsHighlight!.id });
    expect(notDeleted.ok).toBe(false);

    const copy = await callOk(ann.backend, 'adoptHighlight', { highlightId: annsHighlight!.id });
    expect(copy).toMatchObject({ annotator: 'ben', start: annsHighlight!.start, tagIds: annsHighlight!.tagIds });
    expect(copy.id).not.toBe(annsHighlight!.id);
    await callOk(ann.backend, 'updateHighlight', { highlightId: copy.id, note: 'mine now' });
    expect(ann.store.data.highlights.map((h) => h.annotator)).toEqual(['ann', 'ben']);
    const again = await ann.backend('adoptHighlight', { highlightId: copy.id });
    expect(again.ok ? '' : again.error.message).toContain('yours already');

    await callOk(ann.backend, 'undo', {}); // the note
    expect((await callOk(ann.backend, 'undo', {})).label).toBe('Adopt highlight');
    expect(ann.store.data.highlights).toHaveLength(1);
  });
});

describe('adjudication', () => {
  it('accepts a version into the curated layer and rejects a disagreement, each one step to undo', async () => {
    const ann = await codedLibrary('ann', ['NATO and peacekeeping']);
    const [annsHighlight] = ann.store.data.highlights;
    const curated = await callOk(ann.backend, 'curateHighlight', { highlightId: annsHighlight!.id });
    expect(curated).toMatchObject({ annotator: 'curated', start: annsHighlight!.start, tagIds: annsHighlight!.tagIds });
    await callOk(ann.backend, 'setCoder', { name: 'ben' });
    // The curated layer is edited by whoever adjudicates.
    await callOk(ann.backend, 'updateHighlight', { highlightId: curated.id, note: 'adjudicated' });
    const settings = await callOk(ann.backend, 'rejectDisagreement', {
      documentId: ann.document.id,
      key: 'a+b',
      rejected: true,
    });
    expect(settings.rejectedDisagreements).toEqual({ [ann.document.id]: ['a+b'] });
    expect((await callOk(ann.backend, 'undo', {})).label).toBe('Reject disagreement');
    expect(ann.store.data.settings.rejectedDisagreements ?? {}).toEqual({});
    await callOk(ann.backend, 'undo', {}); // the note
    expect((await callOk(ann.backend, 'undo', {})).label).toBe("Accept ann's version");
    expect(ann.store.data.highlights.map((h) => h.annotator)).toEqual(['ann']);
  });
});
