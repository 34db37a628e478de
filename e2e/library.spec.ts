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
  await annotator.pasteDocument(
    'Pasted statement',
    'Britain and France are ready to deploy a force.\nAustralia may join.',
  );
  await expect(ui.getByRole('heading', { level: 1 })).toHaveText('Pasted statement');
  await annotator.highlightWithKey('ready to deploy a force', '4');

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

test('files dropped on the window are imported; the app reopens on the last document and place', async ({
  app,
  annotator,
  readDataFile,
}) => {
  const { page: ui } = annotator;
  const outside: string[] = [];
  ui.on('request', (request) => {
    const url = new URL(request.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && url.protocol !== 'data:' && url.protocol !== 'blob:') {
      outside.push(request.url());
    }
  });
  const long = Array.from({ length: 120 }, (_, i) => `Paragraph ${i + 1} of a long dropped report.`).join('\n');
  const dataTransfer = await ui.evaluateHandle(
    ({ text, html }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'dropped-report.txt', { type: 'text/plain' }));
      transfer.items.add(new File([html], 'dropped-page.html', { type: 'text/html' }));
      return transfer;
    },
    {
      text: long,
      html: '<html><head><title>Dropped page</title></head><body><article><p>A dropped web page with a remote image <img src="https://tracker.example/pixel.png"> and enough words to count as an article.</p><p>More text.</p></article></body></html>',
    },
  );
  await ui.locator('.app').dispatchEvent('drop', { dataTransfer });
  await expect(ui.locator('.import-report')).toContainText('2 imported, 0 skipped as duplicates, 0 failed.');

  // Sorting and filtering the library.
  await ui.getByRole('button', { name: 'Title' }).click();
  await expect(ui.getByRole('row').last()).toContainText('Russia rejects');
  await ui.getByRole('button', { name: 'Title' }).click();
  await expect(ui.getByRole('row').nth(1)).toContainText('Russia rejects');
  await ui.getByRole('searchbox', { name: 'Filter documents' }).fill('page');
  await expect(ui.getByRole('row')).toHaveCount(2);
  await ui.getByRole('searchbox', { name: 'Filter documents' }).fill('');

  await ui.getByRole('button', { name: 'dropped-report', exact: true }).click();
  await expect(annotator.article).toContainText('Paragraph 120 of a long dropped report.');
  const scroller = ui.getByRole('region', { name: /Article text/ });
  await scroller.evaluate((el) => el.scrollTo({ top: 900 }));
  await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(800);
  const report = (await readDataFile()).documents.find((d) => d.title === 'dropped-report')!;
  await expect.poll(async () => (await readDataFile()).settings.readingPositions[report.id] ?? 0).toBeGreaterThan(500);

  await app.restart();
  await expect(ui.getByRole('heading', { level: 1 })).toHaveText('dropped-report');
  await expect.poll(() => scroller.evaluate((el) => Math.round(el.scrollTop))).toBeGreaterThan(800);
  expect(outside).toEqual([]);
});
