import { seriousViolations } from './axe';
import { expect, test } from './fixtures';

test('the main screens have no serious or critical accessibility violation', async ({ annotator }) => {
  // Eleven screens, each scanned by axe (two to three seconds each in software rendering): 25–32 s here, over the
  // default 30 s limit on a slow run (it failed one fresh-clone run in nine that way).
  test.slow();
  const { page } = annotator;
  await expect(annotator.article).toBeVisible();
  expect(await seriousViolations(page), 'first screen').toEqual([]);

  await annotator.findAndSelect('NATO and peacekeeping do not go hand in hand.');
  await page.keyboard.press('1');
  await annotator.addStance('Grushko', 'NATO', 'a');
  await annotator.waitUntilSaved();
  expect(await seriousViolations(page), 'a selected highlight with a stance').toEqual([]);

  await page.getByRole('button', { name: 'Edit codebook…' }).click();
  await expect(page.getByRole('dialog', { name: 'Codebook' })).toBeVisible();
  expect(await seriousViolations(page), 'the codebook dialog').toEqual([]);
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Holders & targets' }).click();
  await expect(page.getByRole('dialog', { name: 'Holders and targets' })).toBeVisible();
  expect(await seriousViolations(page), 'the holders and targets dialog').toEqual([]);
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Export…' }).click();
  await expect(page.getByRole('dialog', { name: 'Export' })).toBeVisible();
  expect(await seriousViolations(page), 'the export dialog').toEqual([]);
  await page.screenshot({ path: test.info().outputPath('export-dialog.png') });
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: /^Library/ }).click();
  await expect(page.getByRole('heading', { name: 'Library' })).toBeVisible();
  await expect(page.getByRole('row').nth(1).getByRole('cell').nth(6)).toHaveText('1'); // the highlight just made
  expect(await seriousViolations(page), 'the library').toEqual([]);
  await page.screenshot({ path: test.info().outputPath('library.png') });

  await page.getByRole('button', { name: 'Variables…' }).click();
  const variables = page.getByRole('dialog', { name: 'Document variables' });
  await variables.getByRole('textbox', { name: 'New variable' }).fill('Country');
  await variables.getByLabel('Allowed values').fill('Austria, Ukraine');
  await variables.getByRole('button', { name: 'Add' }).click();
  await expect(variables.getByLabel('Name of variable Country')).toBeVisible();
  expect(await seriousViolations(page), 'the variables dialog').toEqual([]);
  await page.keyboard.press('Escape');
  expect(await seriousViolations(page), 'the library with a variable column').toEqual([]);

  await page.getByLabel('Select every document shown').check();
  await page.getByRole('button', { name: 'Edit 1 selected…' }).click();
  await expect(page.getByRole('dialog', { name: 'Edit 1 document' })).toBeVisible();
  expect(await seriousViolations(page), 'the bulk edit dialog').toEqual([]);
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: /^Edit Russia rejects/ }).click();
  await expect(page.getByRole('dialog', { name: /^Edit “Russia rejects/ })).toBeVisible();
  expect(await seriousViolations(page), 'the document dialog').toEqual([]);
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: /^Library/ }).click();
  await page.getByText('Document memo').click();
  await expect(page.getByRole('textbox', { name: 'Document memo' })).toBeVisible();
  expect(await seriousViolations(page), 'the document memo').toEqual([]);
});

test('team coding has no serious or critical accessibility violation', async ({ annotator }) => {
  const { page } = annotator;
  const claim = 'NATO and peacekeeping do not go hand in hand.';
  await annotator.nameCoder('');
  await annotator.findAndSelect(claim);
  await page.keyboard.press('1');
  await expect(page.getByRole('dialog', { name: 'Who is coding?' })).toBeVisible();
  expect(await seriousViolations(page), 'the coder question').toEqual([]);
  await page.getByRole('textbox', { name: 'Coder' }).last().fill('ann');
  await page.getByRole('button', { name: 'Start coding' }).click();
  await annotator.waitUntilSaved();
  await annotator.nameCoder('ben');
  await annotator.highlightWithKey(claim, '2');
  await annotator.highlightWithKey('peacekeeping', '1');
  expect(await seriousViolations(page), 'two coders in one article').toEqual([]);

  await page.getByRole('combobox', { name: 'Coder layer' }).selectOption({ label: 'ann | ben' });
  await expect(page.getByRole('region', { name: "ben's highlights, side by side" })).toBeVisible();
  expect(await seriousViolations(page), 'side by side').toEqual([]);

  await page.getByRole('button', { name: 'Curate' }).click();
  await expect(page.getByRole('list', { name: 'Disagreements' })).toBeVisible();
  expect(await seriousViolations(page), 'curation').toEqual([]);
  await page.screenshot({ path: test.info().outputPath('curation.png') });

  await page.getByRole('button', { name: 'Agreement…' }).click();
  await page.getByRole('button', { name: 'Compute' }).click();
  await expect(page.getByRole('heading', { name: 'Reliability' })).toBeVisible();
  expect(await seriousViolations(page), 'the agreement view').toEqual([]);
  await page.screenshot({ path: test.info().outputPath('agreement.png') });
});
