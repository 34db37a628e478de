import { expect, test } from './fixtures';

const QUOTES = [
  'Russia has rejected the possibility',
  'Deputy Foreign Minister Alexander Grushko',
  'NATO and peacekeeping do not go hand in hand',
  'military campaigns and unilateral aggression',
  'unarmed observer mission',
  'civilian monitoring group',
  'a future peace treaty',
];

test('the codebook is a tree: sub-tags under their parent in the dialog and the sidebar, numbered as shown', async ({
  annotator,
  readDataFile,
}) => {
  const { page } = annotator;
  await page.getByRole('button', { name: 'Edit codebook…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Codebook' });
  for (const name of ['Threat', 'Promise']) {
    await dialog.getByRole('textbox', { name: 'New tag' }).fill(name);
    await dialog.getByRole('combobox', { name: 'Under' }).selectOption({ label: 'Claim' });
    await dialog.getByRole('button', { name: 'Add tag' }).click();
    await expect(dialog.getByRole('textbox', { name: `Name of ${name}` })).toBeVisible();
  }
  // Listed under Claim, indented, and movable only among Claim's sub-tags.
  const inputs = dialog.locator('.tag-editor > .tag-editor-fields > input:first-child');
  const names = () => inputs.evaluateAll((all) => all.map((input) => (input as HTMLInputElement).value));
  await expect.poll(names).toEqual(['Claim', 'Threat', 'Promise', 'Evidence', 'Quote', 'Proposal', 'Condition']);
  await expect(dialog.locator('.tag-editor.child')).toHaveCount(2);
  await expect(dialog.getByRole('button', { name: 'Move Threat up' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Move Promise up' }).click();
  await expect.poll(names).toEqual(['Claim', 'Promise', 'Threat', 'Evidence', 'Quote', 'Proposal', 'Condition']);
  // Claim moves down past Evidence with its sub-tags.
  await dialog.getByRole('button', { name: 'Move Claim down' }).click();
  await expect.poll(names).toEqual(['Evidence', 'Claim', 'Promise', 'Threat', 'Quote', 'Proposal', 'Condition']);
  await page.keyboard.press('Escape');

  // Each new tag took a colour no other tag had.
  await annotator.waitUntilSaved();
  const colours = (await readDataFile()).tags.map((t) => t.color);
  expect(new Set(colours).size).toBe(colours.length);

  // The sidebar groups them the same way, and the number keys follow what it shows.
  const group = page.getByRole('group', { name: 'Claim and its sub-tags' });
  await expect(group.getByRole('button')).toHaveText([/2\s*Claim/, /3\s*Promise/, /4\s*Threat/]);
  await annotator.findAndSelect(QUOTES[0]!);
  await page.keyboard.press('3');
  await annotator.waitUntilSaved();
  const saved = await readDataFile();
  expect(saved.highlights[0]!.tagIds).toEqual([saved.tags.find((t) => t.name === 'Promise')!.id]);
});

test('a tag on the selected highlight is marked with a check, and the folded panel leaves five items in view at 1400×900', async ({
  annotator,
}) => {
  const { page } = annotator;
  await page.setViewportSize({ width: 1400, height: 900 });
  for (const [i, quote] of QUOTES.entries()) {
    await annotator.highlightWithKey(quote, String((i % 5) + 1));
  }
  await annotator.waitUntilSaved();
  await page.locator('.app-name').click();
  // The second quote was tagged with 2: Evidence.
  await annotator.item(QUOTES[1]!).locator('.highlight-quote').click();
  const evidence = page.getByRole('button', { name: /Evidence/ }).first();
  await expect(evidence).toHaveAttribute('aria-pressed', 'true');
  await expect(evidence.locator('.applied')).toHaveText('✓');
  await expect(page.getByRole('button', { name: /Claim/ }).first().locator('.applied')).toHaveCount(0);

  await page.getByRole('button', { name: 'Collapse' }).click();
  const panel = page.getByRole('region', { name: 'Selected highlight' });
  await expect(panel).toContainText(`“${QUOTES[1]}”`);
  const viewport = page.viewportSize()!;
  const list = await page.getByRole('list', { name: 'Highlights' }).boundingBox();
  let inView = 0;
  for (const item of await annotator.highlightItems.all()) {
    const box = (await item.boundingBox())!;
    const top = Math.max(0, list!.y);
    const bottom = Math.min(viewport.height, list!.y + list!.height);
    if (box.y >= top - 1 && box.y + box.height <= bottom + 1) inView += 1;
  }
  expect(inView).toBeGreaterThanOrEqual(5);
  await expect(panel).toBeInViewport();

  // E opens the folded panel at the note.
  await page.locator('.app-name').click();
  await page.keyboard.press('e');
  await expect(page.getByRole('textbox', { name: 'Note (E)' })).toBeFocused();
});

test('overlapping highlights read as one fill and one underline; a filtered list dims the others in the text', async ({
  annotator,
}) => {
  const { page } = annotator;
  await annotator.highlightWithKey('NATO and peacekeeping', '1');
  await annotator.highlightWithKey('peacekeeping do not go hand in hand', '2');
  await annotator.waitUntilSaved();
  const layers = () =>
    page.evaluate(() =>
      Object.fromEntries(
        [...CSS.highlights].map(([name, highlight]) => [name, [...highlight].map((r) => r.toString()).sort()]),
      ),
    );
  await expect.poll(layers).toMatchObject({
    'sa-tag-0': ['NATO and peacekeeping'],
    'sa-tag-1': ['peacekeeping do not go hand in hand'],
    'sa-overlap-fill-0': ['peacekeeping'],
    'sa-overlap-line-1': ['peacekeeping'],
  });
  await page.locator('.app-name').click();
  await page.screenshot({
    path: test.info().outputPath('overlap.png'),
    clip: { x: 0, y: 0, width: 1000, height: 560 },
  });

  await page.getByRole('combobox', { name: 'Filter by tag' }).selectOption({ label: 'Evidence' });
  await expect.poll(layers).toMatchObject({
    'sa-dimmed': ['NATO and peacekeeping'],
    'sa-tag-1': ['peacekeeping do not go hand in hand'],
  });
  expect(Object.keys(await layers()).filter((name) => name.startsWith('sa-overlap'))).toEqual([]);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect.poll(async () => Object.keys(await layers())).toContain('sa-overlap-fill-0');
});
