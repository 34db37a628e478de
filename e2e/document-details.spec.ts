import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DATA_FILE_NAME } from '../electron/backend/data-dir';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** Rewrites the library file as schema 5 wrote it (no memo, no variables), every document dated `publishedAt`. */
async function asSchema5WithDate(dataDir: string, publishedAt: string): Promise<void> {
  const file = path.join(dataDir, DATA_FILE_NAME);
  const library = JSON.parse(await readFile(file, 'utf8')) as {
    variables?: unknown;
    documents: Array<{ meta: Record<string, string>; memo?: string; variables?: unknown }>;
  };
  delete library.variables;
  for (const document of library.documents) {
    delete document.memo;
    delete document.variables;
    document.meta = { publishedAt };
  }
  await writeFile(file, JSON.stringify({ ...library, schemaVersion: 5 }));
}

const pressKey = (page: Page, key: string) => page.keyboard.press(key);

test('variables are defined once, set on several documents at once, shown as columns, sorted and filtered', async ({
  annotator,
  readDataFile,
}) => {
  const { page: ui } = annotator;
  await annotator.pasteDocument('Second statement', 'Britain and France are ready to deploy a force.');
  await ui.getByRole('button', { name: /^Library/ }).click();

  await ui.getByRole('button', { name: 'Variables…' }).click();
  const dialog = ui.getByRole('dialog', { name: 'Document variables' });
  const add = dialog.getByRole('form', { name: 'New variable' });
  await add.getByLabel('New variable').fill('Country');
  await add.getByLabel('Type').selectOption('Category');
  await add.getByLabel('Allowed values').fill('Austria, Ukraine');
  await add.getByRole('button', { name: 'Add' }).click();
  await expect(dialog.getByLabel('Name of variable Country')).toHaveValue('Country');
  await add.getByLabel('New variable').fill('Wave');
  await add.getByLabel('Type').selectOption('Number');
  await add.getByRole('button', { name: 'Add' }).click();
  await expect(dialog.getByLabel('Name of variable Wave')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Both documents at once: one step.
  await ui.getByLabel('Select every document shown').check();
  await ui.getByRole('button', { name: 'Edit 2 selected…' }).click();
  const bulk = ui.getByRole('dialog', { name: 'Edit 2 documents' });
  await bulk.getByLabel('Outlet').fill('Izvestia');
  await bulk.getByLabel('Day').fill('2025-05-14');
  await bulk.getByLabel('Country').selectOption('Ukraine');
  await bulk.getByRole('button', { name: 'Set on 2 documents' }).click();
  await expect(bulk).toBeHidden();
  const table = ui.getByRole('table');
  await expect(table.getByRole('columnheader', { name: 'Country' })).toBeVisible();
  await expect(table.getByRole('row', { name: /Second statement/ })).toContainText('Izvestia');
  await expect(table.getByRole('row', { name: /Second statement/ })).toContainText('2025-05-14');
  await expect(table.getByRole('row', { name: /Second statement/ })).toContainText('Ukraine');

  // One document: a wave number and another country.
  await ui.getByRole('button', { name: 'Edit Second statement' }).click();
  const edit = ui.getByRole('dialog', { name: /Edit “Second statement”/ });
  await edit.getByLabel('Wave').fill('2');
  await edit.getByLabel('Country').selectOption('Austria');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();

  // Filled in where it shows: a number typed in its cell, a category chosen in its cell.
  const sampleTitle = 'Russia rejects NATO peacekeepers in Ukraine, offers unarmed observer mission';
  await table.getByRole('button', { name: `Wave of ${sampleTitle}: no value` }).click();
  await table.getByRole('spinbutton', { name: `Wave of ${sampleTitle}` }).fill('1');
  await pressKey(ui, 'Enter');
  await expect(table.getByRole('button', { name: `Wave of ${sampleTitle}: 1` })).toBeVisible();
  await table.getByRole('button', { name: `Country of ${sampleTitle}: Ukraine` }).click();
  await table.getByRole('combobox', { name: `Country of ${sampleTitle}` }).selectOption('Austria');
  await expect(table.getByRole('button', { name: `Country of ${sampleTitle}: Austria` })).toBeVisible();
  // Escape leaves a cell as it was.
  await table.getByRole('button', { name: `Wave of ${sampleTitle}: 1` }).click();
  await table.getByRole('spinbutton', { name: `Wave of ${sampleTitle}` }).fill('9');
  await pressKey(ui, 'Escape');
  await expect(table.getByRole('button', { name: `Wave of ${sampleTitle}: 1` })).toBeVisible();
  await annotator.waitUntilSaved();
  const filled = (await readDataFile()).documents[0]!.variables;
  expect(Object.values(filled).sort()).toEqual([1, 'Austria']);
  // Back to Ukraine for what follows.
  await table.getByRole('button', { name: `Country of ${sampleTitle}: Austria` }).click();
  await table.getByRole('combobox', { name: `Country of ${sampleTitle}` }).selectOption('Ukraine');
  await table.getByRole('button', { name: `Wave of ${sampleTitle}: 1` }).click();
  await table.getByRole('spinbutton', { name: `Wave of ${sampleTitle}` }).fill('');
  await pressKey(ui, 'Enter');
  await expect(table.getByRole('button', { name: `Wave of ${sampleTitle}: no value` })).toBeVisible();

  await ui.getByLabel('Filter by Country').selectOption('Austria');
  await expect(table.getByRole('row')).toHaveCount(3); // the header, the filter row, one document
  await expect(table).toContainText('Second statement');
  await ui.getByLabel('Filter by Country').selectOption('Any');
  await table.getByRole('button', { name: 'Wave', exact: true }).click();
  await expect(table.getByRole('row').nth(2)).toContainText('Second statement');

  await annotator.waitUntilSaved();
  const saved = await readDataFile();
  const [country, wave] = saved.variables;
  expect(saved.variables.map((v) => [v.name, v.type, v.values])).toEqual([
    ['Country', 'category', ['Austria', 'Ukraine']],
    ['Wave', 'number', []],
  ]);
  expect(saved.documents.map((d) => [d.meta, d.variables])).toEqual([
    [{ outlet: 'Izvestia', publishedAt: '2025-05-14' }, { [country!.id]: 'Ukraine' }],
    [
      { outlet: 'Izvestia', publishedAt: '2025-05-14' },
      { [country!.id]: 'Austria', [wave!.id]: 2 },
    ],
  ]);

  // Undo takes back the four cell edits, the edit of one document, then the bulk edit as one step.
  for (let step = 0; step < 6; step++) {
    await ui.getByRole('button', { name: 'Undo' }).click();
    await annotator.waitUntilSaved();
  }
  await expect
    .poll(async () => (await readDataFile()).documents.map((d) => d.meta.outlet))
    .toEqual([undefined, undefined]);
});

test('the publication date is a real date: a date picker, the whole date listed, free text from before read or flagged', async ({
  app,
  dataDir,
  annotator,
  readDataFile,
}) => {
  const { page: ui } = annotator;
  await ui.getByRole('button', { name: /^Library/ }).click();
  const sampleRow = ui.getByRole('row', { name: /Russia rejects/ });
  await sampleRow.getByRole('button', { name: /^Edit / }).click();
  const edit = ui.getByRole('dialog', { name: /^Edit “Russia rejects/ });
  await expect(edit.getByLabel('Day')).toHaveAttribute('type', 'date');
  await edit.getByLabel('Time (optional)').fill('09:30');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit.getByRole('alert')).toHaveText('Choose the day of the publication time.');
  await edit.getByLabel('Day').fill('2025-05-14');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  await expect(sampleRow).toContainText('2025-05-14');
  await annotator.waitUntilSaved();
  expect((await readDataFile()).documents[0]!.meta.publishedAt).toBe('2025-05-14T09:30');

  // A library an earlier version wrote, with dates typed as free text.
  await app.restart(() => asSchema5WithDate(dataDir, '14 May 2025'));
  await ui.getByRole('button', { name: /^Library/ }).click();
  await expect(ui.getByRole('row', { name: /Russia rejects/ })).toContainText('2025-05-14');
  expect((await readDataFile()).documents[0]!.meta).toEqual({ publishedAt: '2025-05-14' });

  await app.restart(() => asSchema5WithDate(dataDir, 'Spring 2025'));
  await expect(ui.locator('.notice')).toContainText(
    '1 publication date could not be read as a date and was kept as text: "Spring 2025"',
  );
  await ui.getByRole('button', { name: /^Library/ }).click();
  await expect(ui.locator('.not-a-date')).toHaveText('Spring 2025');
  await ui
    .getByRole('row', { name: /Russia rejects/ })
    .getByRole('button', { name: /^Edit / })
    .click();
  await expect(ui.getByRole('dialog')).toContainText('Written as “Spring 2025”, which is not a date');
});

test('a memo beside the article is saved as it is typed and is there after a restart', async ({
  app,
  annotator,
  readDataFile,
}) => {
  const { page: ui } = annotator;
  const memo = ui.getByRole('textbox', { name: 'Document memo' });
  await ui.getByText('Document memo').click();
  await memo.pressSequentially('Frames NATO as aggressor; check the Izvestia original.');
  await annotator.waitUntilSaved();
  await expect
    .poll(async () => (await readDataFile()).documents[0]!.memo)
    .toBe('Frames NATO as aggressor; check the Izvestia original.');
  await app.restart();
  await expect(ui.getByRole('textbox', { name: 'Document memo' })).toHaveValue(
    'Frames NATO as aggressor; check the Izvestia original.',
  );
});

test('a text file’s headline becomes its title', async ({ annotator }) => {
  const { page: ui } = annotator;
  await ui.getByRole('button', { name: /^Library/ }).click();
  await ui.getByLabel('Files to import').setInputFiles([
    {
      name: 'wire-0412.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Kremlin sets terms for observers\n\nMoscow would accept unarmed monitors, officials said.'),
    },
  ]);
  await ui.getByRole('button', { name: 'Kremlin sets terms for observers', exact: true }).click();
  await expect(ui.getByRole('heading', { level: 1 })).toHaveText('Kremlin sets terms for observers');
  // The headline is the title, not also the first paragraph of the text.
  await expect(annotator.article.locator('p').first()).toHaveText(
    'Moscow would accept unarmed monitors, officials said.',
  );
});
