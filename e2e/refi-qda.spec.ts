import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { expect, test } from './fixtures';

const CLAIM = 'NATO and peacekeeping do not go hand in hand.';

test('a REFI-QDA project and codebook are exported from the dialog, and a codebook and project import back', async ({
  shell,
  annotator,
  readDataFile,
}, testInfo) => {
  test.skip(shell !== 'browser', 'In browser mode an export is a download; Electron shows a native save dialog.');
  const { page } = annotator;
  await annotator.highlightWithKey(CLAIM, '1');
  await annotator.addStance('Grushko', 'NATO', 'a');
  await annotator.waitUntilSaved();
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });

  // The project: a zip with project.qde and the text as a source.
  await dialog.getByRole('radio', { name: /REFI-QDA project/ }).check();
  let downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  let download = await downloading;
  expect(download.suggestedFilename()).toBe('stance-annotator-project.qdpx');
  const qdpx = path.join(testInfo.outputPath(), 'project.qdpx');
  await download.saveAs(qdpx);
  const zip = await JSZip.loadAsync(await readFile(qdpx));
  const qde = await zip.file('project.qde')!.async('string');
  expect(qde).toContain('<PlainTextSelection');
  expect(qde).toContain('name="Grushko → NATO: against"');
  expect(zip.file(/^sources\/.*\.txt$/)).toHaveLength(1);

  // The codebook.
  await dialog.getByRole('radio', { name: /Codebook \(\.qdc/ }).check();
  downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  download = await downloading;
  expect(download.suggestedFilename()).toBe('codebook.qdc');

  // A codebook from another tool merges in by name path.
  const qdc = path.join(testInfo.outputPath(), 'theirs.qdc');
  await writeFile(
    qdc,
    '<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>' +
      '<Code guid="d7aa29da-519b-4946-9b90-253b6db8fd0a" name="Economy" isCodable="true" color="#ffff00"/>' +
      '<Code guid="0dcef2f5-e55c-49da-8c33-9b0803c7aeb4" name="claim" isCodable="true"/></Codes></CodeBook>',
  );
  await dialog.locator('input[type=file]').setInputFiles(qdc);
  await expect(dialog.getByRole('status')).toContainText('1 tags added (1 already there)');
  expect((await readDataFile()).tags.map((t) => t.name)).toContain('Economy');

  // The project back into the library it came from: everything is there already.
  await dialog.locator('input[type=file]').setInputFiles(qdpx);
  await expect(dialog.getByRole('status')).toContainText(
    '0 documents added (1 already there), 0 highlights added (1 already there)',
  );
  expect((await readDataFile()).highlights).toHaveLength(1);
});
