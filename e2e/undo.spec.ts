import type { Database } from '../shared/domain';
import { expect, test } from './fixtures';
import { AnnotatorPage } from './page-models/annotator-page';

const CLAIM = 'NATO and peacekeeping do not go hand in hand.';

test('every kind of change is undone and redone with Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y, and the data file follows', async ({
  annotator,
  readDataFile,
}) => {
  const { page } = annotator;
  const settled = async (): Promise<Database> => {
    await annotator.waitUntilSaved();
    return readDataFile();
  };
  /** Performs a change, then checks that undo restores the file exactly and redo brings the change back. */
  const check = async (name: string, change: () => Promise<void>, redoKey = 'Control+Shift+Z'): Promise<void> => {
    const before = await settled();
    await change();
    await expect
      .poll(async () => JSON.stringify(await readDataFile()), { message: name })
      .not.toBe(JSON.stringify(before));
    const after = await settled();
    await page.locator('.app-name').click(); // no text field has the focus, so Ctrl+Z is the app's
    await page.keyboard.press('Control+z');
    await expect.poll(readDataFile, { message: `undo ${name}` }).toEqual(before);
    await page.keyboard.press(redoKey);
    await expect.poll(readDataFile, { message: `redo ${name}` }).toEqual(after);
  };

  await check('create a highlight', async () => {
    await annotator.findAndSelect(CLAIM);
    await page.keyboard.press('1');
  });
  await expect(annotator.highlightItems).toHaveCount(1);
  await annotator.item(CLAIM).locator('.highlight-quote').click();

  await check('retag', async () => page.keyboard.press('2'), 'Control+y');
  await check('add a stance', async () => {
    await annotator.addStance('Grushko', 'NATO', 'a');
  });
  await check('change the stance', async () => {
    await annotator.selected.stanceRow(0).getByRole('radio', { name: 'unclear' }).click();
  });
  await check('edit the note', async () => {
    await annotator.selected.note.click();
    await page.keyboard.type('A burst of typing is one step.');
    await annotator.waitUntilSaved();
  });
  await expect(annotator.selected.note).toHaveValue('A burst of typing is one step.');
  await check('move an end', async () => page.keyboard.press('}'));
  await check('rename a tag in the codebook', async () => {
    await page.getByRole('button', { name: 'Edit codebook…' }).click();
    const name = page.getByRole('textbox', { name: 'Name of Evidence' });
    await name.fill('Support');
    await name.press('Enter');
    await annotator.waitUntilSaved();
    await page.getByRole('button', { name: 'Close' }).click();
  });
  await expect(annotator.tagButton('Support')).toBeVisible();
  await check('delete the highlight', async () => page.keyboard.press('Delete'));
  await expect(annotator.highlightItems).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(annotator.highlightItems).toHaveCount(1);
  await expect(annotator.item(CLAIM.slice(0, 20))).toContainText('Grushko → NATO: unclear');
});

test('two tabs keep their own undo: Ctrl+Z in one never takes back the other tab’s highlight', async ({
  annotator,
  readDataFile,
}) => {
  const first = annotator.page;
  const second = new AnnotatorPage(() => other);
  const other = await first.context().newPage();
  await other.goto(first.url());
  await annotator.findAndSelect(CLAIM);
  await first.keyboard.press('1');
  await annotator.waitUntilSaved();
  await second.findAndSelect('an unarmed observer mission');
  await other.keyboard.press('2');
  await second.waitUntilSaved();
  await expect.poll(async () => (await readDataFile()).highlights.length).toBe(2);

  await first.locator('.app-name').click();
  await first.keyboard.press('Control+z');
  await expect(first.locator('.save-status')).toContainText('Undid: Create highlight');
  const left = (await readDataFile()).highlights;
  expect(left.map((h) => h.quote)).toEqual(['an unarmed observer mission']);
  // The first tab has nothing more to undo; the second still has its own step.
  await expect(first.getByRole('button', { name: 'Undo' })).toBeDisabled();
  await other.reload();
  await expect(other.getByRole('button', { name: 'Undo' })).toBeEnabled();
});
