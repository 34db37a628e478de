import { expect, test } from './fixtures';

test('search the library, open a match in its document, code the chosen matches, then all, each one step to undo', async ({
  annotator,
  readDataFile,
}) => {
  const { page } = annotator;
  await annotator.pasteDocument('Second article', 'Kyïv and NATO: natö observers.\nNothing else here.');
  await page.keyboard.press('Control+Shift+F');
  const dialog = page.getByRole('dialog', { name: 'Search the library' });
  await dialog.getByRole('searchbox', { name: 'Search every text' }).fill('nato');
  await dialog.getByRole('button', { name: 'Search', exact: true }).click();
  const counts = dialog.getByRole('status').filter({ hasText: 'matches in' });
  await expect(counts).toContainText('matches in 2 documents');
  const total = Number(/(\d+) matches/.exec((await counts.textContent()) ?? '')![1]);
  const matches = dialog.getByRole('list', { name: 'Matches' }).getByRole('listitem');
  await expect(matches).toHaveCount(total);
  await expect(matches.filter({ hasText: 'Second article' }).locator('mark')).toHaveText(['NATO', 'natö']);

  // A regular expression that backtracks without end is stopped, with the reason.
  await dialog.getByRole('searchbox', { name: 'Search every text' }).fill('(\\w+\\s?)+$');
  await dialog.getByRole('checkbox', { name: 'Regular expression' }).check();
  await dialog.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('took longer than 3 s and was stopped');
  await dialog.getByRole('checkbox', { name: 'Regular expression' }).uncheck();

  await dialog.getByRole('searchbox', { name: 'Search every text' }).fill('nato');
  await dialog.getByRole('button', { name: 'Search', exact: true }).click();
  await dialog.getByRole('combobox', { name: 'Tag for the matches' }).selectOption({ label: 'Evidence' });

  // Two chosen matches first: only they are coded, as one step to undo.
  const second = matches.filter({ hasText: 'Second article' });
  for (const match of [second.first(), second.last()]) await match.getByRole('checkbox').check();
  await page.screenshot({ path: test.info().outputPath('search.png') });
  await dialog.getByRole('button', { name: 'Code 2 chosen' }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Coded' })).toContainText('Coded 2 matches');
  await annotator.waitUntilSaved();
  expect((await readDataFile()).highlights.map((h) => h.quote).sort()).toEqual(['NATO', 'natö']);
  await expect(second.getByRole('checkbox', { checked: true })).toHaveCount(0);

  // Then every match: the two already coded are skipped.
  await dialog.getByRole('button', { name: `Code all ${total}` }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Coded' })).toContainText(
    `Coded ${total - 2} matches (2 had the tag already)`,
  );
  await annotator.waitUntilSaved();
  expect((await readDataFile()).highlights).toHaveLength(total);

  // Opened at a match: its document, the passage selected.
  await matches.filter({ hasText: 'Second article' }).first().getByRole('button').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Second article');
  // The passage is selected once the document has been laid out, which may be a frame after its title shows.
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe('NATO');

  await page.getByRole('button', { name: 'Undo' }).click();
  await annotator.waitUntilSaved();
  expect((await readDataFile()).highlights).toHaveLength(2);
  await page.getByRole('button', { name: 'Undo' }).click();
  await annotator.waitUntilSaved();
  expect((await readDataFile()).highlights).toHaveLength(0);
});
