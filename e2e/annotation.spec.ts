import { expect, test } from './fixtures';

const CLAIM = 'NATO and peacekeeping do not go hand in hand.';

test('keyboard only: a tagged claim with a stance and a note, all there after a restart', async ({
  app,
  annotator,
  readDataFile,
}) => {
  const { page } = annotator;
  await annotator.findAndSelect(CLAIM);
  await page.keyboard.press('1'); // Claim
  await expect(annotator.selected.quote).toHaveText(CLAIM);

  await annotator.addStance('Alexander Grushko', 'NATO peacekeepers in Ukraine', 'a'); // against
  await expect(annotator.selected.stanceRow(0).getByRole('radio', { name: 'against' })).toBeChecked();
  // The saved stance shows its names (the new holder and target arrive a moment after the stance).
  await expect(annotator.selected.stanceRow(0).getByRole('combobox', { name: 'Holder of stance 1' })).toHaveValue(
    'Alexander Grushko',
  );
  await expect(annotator.selected.stanceRow(0).getByRole('combobox', { name: 'Target of stance 1' })).toHaveValue(
    'NATO peacekeepers in Ukraine',
  );
  await page.keyboard.press('e');
  await page.keyboard.type('Rejects NATO as a peacekeeper.\nSecond line.');
  await annotator.waitUntilSaved();

  const saved = await readDataFile();
  const [highlight] = saved.highlights;
  expect(highlight).toMatchObject({ quote: CLAIM, note: 'Rejects NATO as a peacekeeper.\nSecond line.' });
  expect(highlight!.tagIds).toEqual([saved.tags.find((t) => t.name === 'Claim')!.id]);
  expect(saved.entities.map((e) => e.name)).toEqual(['Alexander Grushko', 'NATO peacekeepers in Ukraine']);
  expect(highlight!.stances).toEqual([
    { holderId: saved.entities[0]!.id, targetId: saved.entities[1]!.id, stance: 'against' },
  ]);

  await app.restart();
  const item = annotator.item(CLAIM);
  await expect(item).toContainText('Claim');
  await expect(item).toContainText('Alexander Grushko → NATO peacekeepers in Ukraine: against');
  await expect(item).toContainText('Rejects NATO as a peacekeeper.');
});

test('the caret and Shift+Ctrl+arrows extend a selection word by word; snapping completes words', async ({
  annotator,
  readDataFile,
}) => {
  const { page } = annotator;
  await annotator.findAndSelect('Russia has');
  await page.keyboard.press('Shift+Control+ArrowRight');
  await page.keyboard.press('3'); // Quote
  await expect(annotator.selected.quote).toHaveText('Russia has rejected');

  // Snapping: a selection that starts and ends inside words grows to the whole words.
  await annotator.findAndSelect('ddressing an intervi');
  await page.keyboard.press('2');
  await expect(annotator.selected.quote).toHaveText('Addressing an interview');
  // Snapping off: the selection is taken as it is.
  await page.getByRole('checkbox', { name: 'Snap to words' }).uncheck();
  await annotator.findAndSelect('ormal peace acc');
  await page.keyboard.press('5');
  await expect(annotator.selected.quote).toHaveText('ormal peace acc');

  // From the keyboard alone: focus the article, the first arrow puts the caret at its start, Shift+Ctrl+arrows select.
  await page.keyboard.press('Escape');
  await page.getByRole('region', { name: /Article text/ }).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Control+ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+Control+ArrowRight');
  await page.keyboard.press('4');
  await expect(annotator.selected.quote).toHaveText('has');

  await annotator.waitUntilSaved();
  expect((await readDataFile()).highlights.map((h) => h.quote).sort()).toEqual([
    'Addressing an interview',
    'Russia has rejected',
    'has',
    'ormal peace acc',
  ]);
});

test('overlapping highlights both show, and clicking the overlap cycles through them', async ({ annotator }) => {
  // Painting must leave the article's text nodes alone: keep one, and check it is the same node afterwards.
  await annotator.article.evaluate((article) => {
    (window as unknown as { keptNode: Node }).keptNode = [...article.querySelectorAll('p')][3]!.firstChild!;
  });
  await annotator.findAndSelect(CLAIM);
  await annotator.page.keyboard.press('1');
  await annotator.findAndSelect('peacekeeping do not');
  await annotator.page.keyboard.press('2');
  await expect(annotator.highlightItems).toHaveCount(2);
  expect(await annotator.paintedRanges()).toMatchObject({ 'sa-tag-0': 1, 'sa-tag-1': 1, 'sa-selected': 1 });

  await annotator.page.keyboard.press('Escape');
  await annotator.clickOnText('do not');
  await expect(annotator.selected.quote).toHaveText('peacekeeping do not');
  await expect(annotator.page.getByText(/2 highlights overlap here/)).toBeVisible();
  await annotator.clickOnText('do not');
  await expect(annotator.selected.quote).toHaveText(CLAIM);
  const sameNode = await annotator.article.evaluate(
    (article) =>
      [...article.querySelectorAll('p')][3]!.firstChild === (window as unknown as { keptNode: Node }).keptNode,
  );
  expect(sameNode).toBe(true);
});

test('a highlight’s ends move by a word without re-creating it', async ({ annotator, readDataFile }) => {
  await annotator.findAndSelect('peacekeeping do not');
  await annotator.page.keyboard.press('1');
  await expect(annotator.selected.quote).toHaveText('peacekeeping do not');
  // Shown at once, on disk once the status says so (a fresh-clone run read the file in between).
  await annotator.waitUntilSaved();
  const { id } = (await readDataFile()).highlights[0]!;
  await annotator.page.keyboard.press(']');
  await expect(annotator.selected.quote).toHaveText('peacekeeping do not go');
  await annotator.page.keyboard.press('[');
  await expect(annotator.selected.quote).toHaveText('and peacekeeping do not go');
  await annotator.selected.root.getByRole('button', { name: /Shrink start/ }).click();
  await annotator.selected.root.getByRole('button', { name: /Shrink end/ }).click();
  await expect(annotator.selected.quote).toHaveText('peacekeeping do not');
  await annotator.page.keyboard.press(']');
  await annotator.waitUntilSaved();
  const saved = (await readDataFile()).highlights;
  expect(saved).toHaveLength(1);
  expect(saved[0]).toMatchObject({ id, quote: 'peacekeeping do not go' });
});

test('the list filters by tag, holder, target, stance and text, and J/K move through it', async ({ annotator }) => {
  const { page } = annotator;
  await annotator.findAndSelect(CLAIM);
  await page.keyboard.press('1');
  await annotator.addStance('Grushko', 'NATO', 'a');
  await annotator.findAndSelect('an unarmed observer mission');
  await page.keyboard.press('4');
  await annotator.addStance('grushko', 'Observer mission', 'f');
  await annotator.findAndSelect('Britain and France');
  await page.keyboard.press('3');
  await annotator.waitUntilSaved();
  await expect(annotator.highlightItems).toHaveCount(3);

  const filters = page.getByRole('search', { name: 'Filter highlights' });
  await filters.getByRole('combobox', { name: 'Filter by tag' }).selectOption({ label: 'Proposal' });
  await expect(annotator.highlightItems).toHaveCount(1);
  await expect(annotator.highlightItems.first()).toContainText('an unarmed observer mission');
  await filters.getByRole('button', { name: 'Clear filters' }).click();
  await filters.getByRole('combobox', { name: 'Filter by holder' }).selectOption({ label: 'Grushko' });
  await expect(annotator.highlightItems).toHaveCount(2);
  await filters.getByRole('combobox', { name: 'Filter by stance' }).selectOption('against');
  await expect(annotator.highlightItems).toHaveCount(1);
  await expect(annotator.highlightItems.first()).toContainText(CLAIM);
  await filters.getByRole('button', { name: 'Clear filters' }).click();
  await filters.getByRole('combobox', { name: 'Filter by target' }).selectOption({ label: 'Observer mission' });
  await expect(annotator.highlightItems).toHaveCount(1);
  await filters.getByRole('button', { name: 'Clear filters' }).click();
  await filters.getByRole('searchbox', { name: 'Search quotes and notes' }).fill('france');
  await expect(annotator.highlightItems).toHaveCount(1);
  await filters.getByRole('button', { name: 'Clear filters' }).click();

  // J/K in text order, from the top.
  await page.keyboard.press('Escape');
  await page.keyboard.press('j');
  await expect(annotator.selected.quote).toHaveText('an unarmed observer mission');
  await page.keyboard.press('j');
  await expect(annotator.selected.quote).toHaveText(CLAIM);
  await page.keyboard.press('k');
  await expect(annotator.selected.quote).toHaveText('an unarmed observer mission');
});

test('the annotator’s name shows once saved, after a reload too, and a visit to the field never clears it', async ({
  annotator,
  readDataFile,
}) => {
  const { page } = annotator;
  const field = page.getByRole('textbox', { name: 'Coder' });
  await field.fill('Ana Coder');
  await field.press('Enter');
  await annotator.waitUntilSaved();
  await page.reload();
  await expect(field).toHaveValue('Ana Coder');
  await field.focus();
  await field.blur();
  await field.fill('Someone else');
  await field.press('Escape'); // a draft dropped
  await field.blur();
  await expect(field).toHaveValue('Ana Coder');
  await annotator.highlightWithKey(CLAIM, '1');
  const saved = await readDataFile();
  expect(saved.settings.annotator).toBe('Ana Coder');
  expect(saved.highlights.map((h) => h.annotator)).toEqual(['Ana Coder']);
});

test('a second stance of one holder toward one target is refused where it is typed, with the reason', async ({
  annotator,
  readDataFile,
}) => {
  const { page } = annotator;
  await annotator.highlightWithKey(CLAIM, '1');
  await annotator.addStance('Grushko', 'NATO', 'a');
  await annotator.waitUntilSaved();
  await annotator.addStance('grushko', 'nato', 'f');
  await expect(page.getByRole('alert').filter({ hasText: 'already takes a stance' })).toHaveText(
    'Grushko already takes a stance toward NATO in this highlight: change that one, or pick another holder or target.',
  );
  // Nothing was sent, so nothing failed; the row stays, with the focus, to be mended.
  await expect(annotator.saveStatus).not.toContainText('Not saved');
  await expect(page.locator('.stances :focus')).toHaveCount(1);
  await expect(page.getByLabel('Holder of stance 2')).toHaveValue('Grushko');
  const saved = await readDataFile();
  expect(saved.highlights[0]!.stances).toEqual([expect.objectContaining({ stance: 'against' })]);
});
