import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures';

const sample = path.resolve(__dirname, '..', 'resources', 'samples', 'nato-peacekeepers-article.txt');
const page = (title: string, body: string) =>
  Buffer.from(
    `<!doctype html><html><head><title>${title}</title><meta property="og:site_name" content="Wire"></head><body>
     <article><h1>${title}</h1><p>${body}</p><p>Second paragraph of the report, long enough to count as the article text.</p>
     <script>document.title = 'hacked'</script></article></body></html>`,
  );

test('several files at once through the picker: a summary, then a highlight in an imported article', async ({
  annotator,
  readDataFile,
}) => {
  const { page: ui } = annotator;
  await ui.getByRole('button', { name: /^Library/ }).click();
  await ui.getByLabel('Files to import').setInputFiles([
    {
      name: 'ceasefire.html',
      mimeType: 'text/html',
      buffer: page('Ceasefire talks', 'Ukraine has already agreed to a 30-day ceasefire, the envoy said.'),
    },
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Field notes.\r\nPutin sets conditions.') },
    { name: 'broken.pdf', mimeType: 'application/pdf', buffer: Buffer.from('this is not a pdf') },
    { name: 'same-as-sample.txt', mimeType: 'text/plain', buffer: await readFile(sample) },
  ]);
  const report = ui.locator('.import-report');
  await expect(report).toContainText('2 imported, 1 skipped as duplicates, 1 failed.');
  await expect(report).toContainText('Failed: broken.pdf is not a PDF');
  await expect(report).toContainText('Skipped: same-as-sample.txt is the same text as');
  await expect(ui.getByRole('table')).toContainText('Ceasefire talks');
  await expect(ui.getByRole('table')).toContainText('Wire');

  await ui.getByRole('button', { name: 'Ceasefire talks', exact: true }).click();
  await expect(ui.getByRole('heading', { level: 1 })).toHaveText('Ceasefire talks');
  await expect(annotator.article).not.toContainText('hacked');
  await annotator.findAndSelect('a 30-day ceasefire');
  await ui.keyboard.press('1');
  await annotator.waitUntilSaved();
  const saved = await readDataFile();
  const imported = saved.documents.find((d) => d.title === 'Ceasefire talks')!;
  expect(saved.highlights).toEqual([expect.objectContaining({ documentId: imported.id, quote: 'a 30-day ceasefire' })]);
});

test('pasted text becomes a document; a document is edited, deleted with its highlights, and undone', async ({
  annotator,
  readDataFile,
}) => {
  const { page: ui } = annotator;
  await ui.getByRole('button', { name: /^Library/ }).click();
  await ui.getByRole('button', { name: 'Paste text…' }).click();
  const dialog = ui.getByRole('dialog', { name: 'Paste text as a new document' });
  await dialog.getByLabel('Title').fill('Pasted statement');
  await dialog.getByLabel('Text').fill('Britain and France are ready to deploy a force.\nAustralia may join.');
  await dialog.getByRole('button', { name: 'Add document' }).click();
  await expect(ui.getByRole('heading', { level: 1 })).toHaveText('Pasted statement');
  await annotator.findAndSelect('ready to deploy a force');
  await ui.keyboard.press('4');
  await annotator.waitUntilSaved();

  await ui.getByRole('button', { name: /^Library/ }).click();
  await ui.getByRole('button', { name: 'Edit Pasted statement' }).click();
  const edit = ui.getByRole('dialog', { name: /Edit/ });
  await edit.getByLabel('Outlet').fill('Press office');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(ui.getByRole('table')).toContainText('Press office');

  await ui.getByRole('button', { name: 'Delete Pasted statement' }).click();
  const confirm = ui.getByRole('dialog', { name: 'Please confirm' });
  await expect(confirm).toContainText('1 highlight(s) go with it');
  await confirm.getByRole('button', { name: 'Delete document' }).click();
  await expect(ui.getByRole('table')).not.toContainText('Pasted statement');
  expect((await readDataFile()).highlights).toEqual([]);

  await ui.getByRole('button', { name: 'Undo' }).click();
  await expect(ui.getByRole('table')).toContainText('Pasted statement');
  await expect.poll(async () => (await readDataFile()).highlights.length).toBe(1);
});
