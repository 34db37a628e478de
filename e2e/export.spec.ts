import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures';

const CLAIM = 'NATO and peacekeeping do not go hand in hand.';

test('annotations.csv is exported from the Export dialog (Ctrl+E) and downloaded', async ({
  shell,
  annotator,
}, testInfo) => {
  test.skip(shell !== 'browser', 'In browser mode an export is a download; Electron shows a native save dialog.');
  const { page } = annotator;
  await annotator.findAndSelect(CLAIM);
  await page.keyboard.press('1');
  await annotator.addStance('Alexander Grushko', 'NATO peacekeepers in Ukraine', 'a');
  await page.keyboard.press('e');
  await page.keyboard.type('=cmd|calc');
  await annotator.waitUntilSaved();

  await page.locator('.app-name').click();
  await page.keyboard.press('Control+e');
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog).toBeVisible();
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('annotations.csv');
  const file = path.join(testInfo.outputPath(), 'annotations.csv');
  await download.saveAs(file);
  const csv = await readFile(file, 'utf8');
  const lines = csv.split('\r\n');
  expect(lines[0]).toBe(
    '\ufeffdocument_id,document_title,highlight_id,start,end,quote,prefix,suffix,tags,stance_holder,stance_target,stance,note,annotator,created_at,updated_at,anchor',
  );
  expect(lines[1]).toContain(`,${CLAIM},`);
  expect(lines[1]).toContain(',Claim,Alexander Grushko,NATO peacekeepers in Ukraine,against,');
  expect(lines[1]).toContain(",'=cmd|calc,"); // a formula never reaches the spreadsheet as one
  await expect(dialog.getByRole('status')).toContainText('Saved annotations.csv');
});

test('a project backup downloaded from the dialog imports back without duplicates', async ({
  shell,
  annotator,
  readDataFile,
}, testInfo) => {
  test.skip(shell !== 'browser', 'In browser mode an export is a download; Electron shows a native save dialog.');
  const { page } = annotator;
  await annotator.findAndSelect(CLAIM);
  await page.keyboard.press('1');
  await annotator.waitUntilSaved();
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('radio', { name: /Project backup/ }).check();
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const backup = path.join(testInfo.outputPath(), 'backup.json');
  await (await downloading).saveAs(backup);
  expect(JSON.parse(await readFile(backup, 'utf8'))).toMatchObject({ format: 'stance-annotator-backup' });

  // The same backup again: everything is already there.
  await dialog.locator('input[type=file]').setInputFiles(backup);
  await expect(dialog.getByRole('status')).toContainText('0 documents added (1 already there), 0 highlights added');
  expect((await readDataFile()).highlights).toHaveLength(1);

  // A broken file is refused with a clear message and changes nothing.
  const broken = path.join(testInfo.outputPath(), 'broken.json');
  await writeFile(broken, '{"format": "stance-annotator-backup", "documents": 5}');
  await dialog.locator('input[type=file]').setInputFiles(broken);
  await expect(dialog.getByRole('alert')).toContainText('broken.json was not imported: The backup is damaged');
});

test('the Export dialog starts on all documents, and remembers what was chosen, also after a restart', async ({
  app,
  annotator,
}) => {
  const { page } = annotator;
  await page.getByRole('button', { name: 'Export…' }).click();
  let dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog.getByRole('radio', { name: 'All documents' })).toBeChecked();
  await dialog.getByRole('radio', { name: /^This document/ }).check();
  await dialog.getByRole('radio', { name: /^Documents \(documents\.csv/ }).check();
  await dialog.getByRole('button', { name: 'Close' }).click();

  await app.restart();
  await page.getByRole('button', { name: 'Export…' }).click();
  dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog.getByRole('radio', { name: /^This document/ })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: /^Documents \(documents\.csv/ })).toBeChecked();
});
