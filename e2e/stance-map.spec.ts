import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures';

const CLAIM = 'NATO and peacekeeping do not go hand in hand.';

test('the stance map counts each holder → target pair, a cell opens its segments, a segment opens its passage', async ({
  shell,
  annotator,
}, testInfo) => {
  const { page } = annotator;
  await annotator.highlightWithKey(CLAIM, '1');
  await annotator.addStance('Grushko', 'NATO', 'a');
  await annotator.highlightWithKey('an unarmed observer mission', '1');
  await annotator.addStance('Grushko', 'NATO', 'a');
  await annotator.highlightWithKey('peacekeeping arrangements', '1');
  await annotator.addStance('Grushko', 'Ukraine', 'f');
  await annotator.waitUntilSaved();

  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+M');
  const dialog = page.getByRole('dialog', { name: 'Stance map' });
  const cell = dialog.getByRole('button', {
    name: 'Grushko → NATO: 0 favor, 2 against, 0 neutral, 0 unclear, in 1 documents',
  });
  await expect(cell).toBeVisible();
  await expect(cell.locator('xpath=..')).toHaveClass('net-against-strong');
  await expect(dialog.getByRole('button', { name: /^Grushko → Ukraine: 1 favor/ }).locator('xpath=..')).toHaveClass(
    'net-favor-strong',
  );
  await page.screenshot({ path: testInfo.outputPath('stance-map.png') });

  if (shell === 'browser') {
    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Save CSV…' }).click();
    const file = path.join(testInfo.outputPath(), 'stance-map.csv');
    await (await downloading).saveAs(file);
    expect((await readFile(file, 'utf8')).replace(/^\ufeff/, '')).toBe(
      'holder,target,favor,against,neutral,unclear,total,documents\r\n' +
        'Grushko,NATO,0,2,0,0,2,1\r\nGrushko,Ukraine,1,0,0,0,1,1\r\n',
    );
  }

  await cell.click();
  const segments = dialog.getByRole('list', { name: 'Coded segments' }).getByRole('listitem');
  await expect(segments).toHaveCount(2);
  await segments.filter({ hasText: 'an unarmed observer mission' }).getByRole('button').click();
  await expect(dialog).toBeHidden();
  await expect(annotator.selected.quote).toContainText('an unarmed observer mission');
});

test('tags by document (or outlet): a cell counts a tag’s highlights, and opens them', async ({ annotator }) => {
  const { page } = annotator;
  await annotator.highlightWithKey(CLAIM, '1'); // Claim
  await annotator.highlightWithKey('an unarmed observer mission', '1');
  await annotator.highlightWithKey('peacekeeping arrangements', '2'); // Evidence
  await page.keyboard.press('Escape');
  // Read before the Analysis area covers the document (and the workspace behind it is not rendered).
  const title = (await page.getByRole('heading', { level: 1 }).textContent())!;
  await page.getByRole('button', { name: 'Analysis ▾' }).click();
  await page.getByRole('button', { name: 'Tags by document…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Tags by document' });
  await expect(dialog.getByRole('button', { name: `Claim in ${title}: 2 highlights` })).toBeVisible();
  await expect(dialog.getByRole('button', { name: `Evidence in ${title}: 1 highlights` })).toBeVisible();
  await dialog.getByRole('combobox', { name: 'Columns' }).selectOption('outlet');
  // By outlet: the sample has none. Named exactly, so that the click waits for the new columns rather than land on
  // the document's cell while they are being fetched (the new table then replaces it, and nothing opens).
  const claim = dialog.getByRole('button', { name: 'Claim in (none): 2 highlights' });
  await claim.click();
  const segments = dialog.getByRole('list', { name: 'Coded segments' }).getByRole('listitem');
  await expect(segments).toHaveCount(2);
  await segments.filter({ hasText: 'an unarmed observer mission' }).getByRole('button').click();
  await expect(dialog).toBeHidden();
  await expect(annotator.selected.quote).toContainText('an unarmed observer mission');
});
