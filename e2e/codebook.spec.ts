import { expect, test } from './fixtures';

const CLAIM = 'NATO and peacekeeping do not go hand in hand.';

test('the codebook is edited in place: add, rename, recolour, describe, nest, reorder, delete with a count', async ({
  annotator,
  readDataFile,
}) => {
  const { page } = annotator;
  await annotator.findAndSelect(CLAIM);
  await page.keyboard.press('1');
  await annotator.findAndSelect('an unarmed observer mission');
  await page.keyboard.press('1');
  await annotator.waitUntilSaved();

  await page.getByRole('button', { name: 'Edit codebook…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Codebook' });
  await dialog.getByRole('textbox', { name: 'New tag' }).fill('Threat | warning');
  await dialog.getByRole('button', { name: 'Add tag' }).click();
  await expect(dialog.getByRole('alert')).toContainText('may not contain "|"');
  await dialog.getByRole('textbox', { name: 'New tag' }).fill('claim');
  await dialog.getByRole('button', { name: 'Add tag' }).click();
  await expect(dialog.getByRole('alert')).toContainText('already a tag named "Claim"');
  await dialog.getByRole('textbox', { name: 'New tag' }).fill('Threat');
  await dialog.getByRole('button', { name: 'Add tag' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Name of Threat' })).toBeVisible();

  const description = dialog.getByRole('textbox', { name: 'Description of Threat' });
  await description.fill('A warning of consequences.');
  await description.press('Tab');
  // Its list of parents is filled once it is focused (DeferredSelect), as a person choosing does first.
  const parent = dialog.getByRole('combobox', { name: 'Parent' }).last();
  await parent.focus();
  await parent.selectOption({ label: 'Claim' });
  // Nested, it is listed under Claim and moves only among Claim's sub-tags (it is the only one).
  await expect(dialog.getByRole('button', { name: 'Move Threat up' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Move Condition up' }).click();
  await dialog.getByLabel('Colour of Threat').fill('#aa3300');
  const claimName = dialog.getByRole('textbox', { name: 'Name of Claim' });
  await claimName.fill('Assertion');
  await claimName.press('Enter');
  await annotator.waitUntilSaved();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // Renaming shows everywhere the tag is used; the description shows on focus.
  await expect(annotator.item(CLAIM)).toContainText('Assertion');
  await annotator.tagButton('Threat').focus();
  await expect(page.getByRole('tooltip', { name: 'A warning of consequences.' })).toBeVisible();
  const saved = await readDataFile();
  const threat = saved.tags.find((t) => t.name === 'Threat')!;
  const claim = saved.tags.find((t) => t.name === 'Assertion')!;
  expect(threat).toMatchObject({ color: '#aa3300', parentId: claim.id, description: 'A warning of consequences.' });
  expect(saved.tags.map((t) => t.name)).toEqual(['Assertion', 'Threat', 'Evidence', 'Quote', 'Condition', 'Proposal']);
  await expect(annotator.tagButton('Assertion › Threat')).toBeVisible();

  // Deleting a tag in use says how many highlights carry it, and asks.
  await page.getByRole('button', { name: 'Edit codebook…' }).click();
  await dialog.getByRole('button', { name: 'Delete Assertion' }).click();
  const confirm = page.getByRole('dialog', { name: 'Please confirm' });
  await expect(confirm).toContainText('2 highlight(s) in 1 document(s) carry it');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  expect((await readDataFile()).tags).toHaveLength(6);
  await dialog.getByRole('button', { name: 'Delete Assertion' }).click();
  await confirm.getByRole('button', { name: 'Delete tag' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Name of Assertion' })).toBeHidden();
  await annotator.waitUntilSaved();
  const after = await readDataFile();
  expect(after.tags.map((t) => t.name)).not.toContain('Assertion');
  expect(after.tags.find((t) => t.name === 'Threat')!.parentId).toBeNull();
  expect(after.highlights.every((h) => h.tagIds.length === 0)).toBe(true);
});

test('holders and targets are renamed, merged and deleted from their own dialog', async ({
  annotator,
  readDataFile,
}) => {
  const { page } = annotator;
  await annotator.findAndSelect(CLAIM);
  await page.keyboard.press('1');
  await annotator.addStance('Grushko', 'NATO peacekeepers', 'a');
  await annotator.addStance('Russia', 'NATO peacekeepers', 'a');
  await annotator.waitUntilSaved();
  await expect(annotator.item(CLAIM).getByRole('list', { name: 'Stances' }).locator('li')).toHaveCount(2);

  await page.getByRole('button', { name: 'Holders & targets' }).click();
  const dialog = page.getByRole('dialog', { name: 'Holders and targets' });
  const grushko = dialog.getByRole('textbox', { name: 'Name of Grushko' });
  await grushko.fill('Alexander Grushko');
  await grushko.press('Enter');
  await expect(dialog.getByRole('textbox', { name: 'Name of Alexander Grushko' })).toBeVisible();
  const merge = dialog.getByRole('combobox', { name: 'Merge Russia into' });
  await merge.focus();
  await merge.selectOption({ label: 'Alexander Grushko' });
  const confirm = page.getByRole('dialog', { name: 'Please confirm' });
  await expect(confirm).toContainText(
    'Every stance that uses "Russia", as holder or as target, will use "Alexander Grushko"',
  );
  await confirm.getByRole('button', { name: 'Merge' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Name of Russia' })).toBeHidden();

  await dialog.getByRole('button', { name: 'Delete NATO peacekeepers' }).click();
  await expect(confirm).toContainText('Stances in 1 highlight(s) in 1 document(s) use it.');
  await expect(confirm).toContainText('the stances toward it are removed');
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await annotator.waitUntilSaved();
  const saved = await readDataFile();
  expect(saved.entities.map((e) => e.name)).toEqual(['Alexander Grushko']);
  expect(saved.highlights[0]!.stances).toEqual([]);
});

test('the holders and targets dialog fits at 1280×800 with long names, and shows how many stances use each', async ({
  annotator,
}) => {
  const { page } = annotator;
  await page.setViewportSize({ width: 1280, height: 800 });
  const longTarget = 'The deployment of European peacekeeping contingents under a NATO or national command';
  await annotator.findAndSelect(CLAIM);
  await page.keyboard.press('1');
  await annotator.addStance('Alexander Grushko, Deputy Foreign Minister of the Russian Federation', longTarget, 'a');
  await annotator.addStance('Russia', longTarget, 'a');
  await annotator.addStance('Russia', 'NATO', 'n');
  await annotator.waitUntilSaved();

  await page.getByRole('button', { name: 'Holders & targets' }).click();
  const dialog = page.getByRole('dialog', { name: 'Holders and targets' });
  await expect(dialog.getByLabel('Russia: holds 2 stances, target of 0 stances')).toBeVisible();
  await expect(dialog.getByLabel(`${longTarget}: holds 0 stances, target of 2 stances`)).toBeVisible();
  await expect(dialog.getByLabel('NATO: holds 0 stances, target of 1 stance')).toBeVisible();
  const box = (await dialog.boundingBox())!;
  for (const control of await dialog.locator('.entity-row button, .entity-row select, .entity-row input').all()) {
    const inner = (await control.boundingBox())!;
    expect(inner.x).toBeGreaterThanOrEqual(box.x);
    expect(inner.x + inner.width).toBeLessThanOrEqual(box.x + box.width);
  }

  // The counts follow a merge: Russia → NATO becomes Russia → the long target, which Russia has already.
  const merge = dialog.getByRole('combobox', { name: 'Merge NATO into' });
  await merge.focus();
  await merge.selectOption({ label: longTarget });
  await page.getByRole('dialog', { name: 'Please confirm' }).getByRole('button', { name: 'Merge' }).click();
  await expect(dialog.getByLabel('Russia: holds 1 stance, target of 0 stances')).toBeVisible();
  await expect(dialog.getByLabel(`${longTarget}: holds 0 stances, target of 2 stances`)).toBeVisible();
});

test('holders and targets are one list: a name typed as target after it was a holder is the same entry', async ({
  annotator,
  readDataFile,
}) => {
  const { page } = annotator;
  await page.setViewportSize({ width: 1400, height: 900 });
  const long = 'Russian Ministry of Foreign Affairs';
  await annotator.findAndSelect(CLAIM);
  await page.keyboard.press('1');
  await annotator.addStance(long, 'NATO', 'a');
  await annotator.addStance('NATO', long.toLowerCase(), 'a');
  await annotator.waitUntilSaved();
  const saved = await readDataFile();
  expect(saved.entities.map((e) => e.name)).toEqual([long, 'NATO']);
  const [ministry, nato] = saved.entities;
  expect(saved.highlights[0]!.stances).toEqual([
    { holderId: ministry!.id, targetId: nato!.id, stance: 'against' },
    { holderId: nato!.id, targetId: ministry!.id, stance: 'against' },
  ]);
  // The stance editor shows whole names at 1400 px: each box is as wide as its name.
  // Read in one go and polled: the editor renders its rows anew when the saved stances and names arrive, so boxes
  // listed one moment may be gone the next (a list of locators taken first waited for one that no longer existed).
  await expect
    .poll(() =>
      annotator.selected.root.evaluate((root) => {
        const boxes = [...root.querySelectorAll<HTMLInputElement>('.entity-input')];
        return boxes.length >= 4 && boxes.every((input) => input.scrollWidth <= input.clientWidth);
      }),
    )
    .toBe(true);
  await page.getByRole('button', { name: 'Holders & targets' }).click();
  const dialog = page.getByRole('dialog', { name: 'Holders and targets' });
  await expect(dialog.getByLabel(`${long}: holds 1 stance, target of 1 stance`)).toBeVisible();
  await expect(dialog.getByLabel('NATO: holds 1 stance, target of 1 stance')).toBeVisible();
});
