import { seriousViolations } from './axe';
import { expect, test } from './fixtures';

const CLAIM = 'NATO and peacekeeping do not go hand in hand.';
const MISSION = 'an unarmed observer mission';

test('coded segments across the library: filtered by tag, stance and words, sorted, opened at the passage', async ({
  annotator,
}, testInfo) => {
  const { page } = annotator;
  await annotator.highlightWithKey(CLAIM, '1');
  await annotator.addStance('Grushko', 'NATO', 'a');
  await annotator.selected.note.fill('Said twice in the interview.');
  await annotator.highlightWithKey(MISSION, '2');
  await annotator.highlightWithKey('peacekeeping arrangements', '1');
  await annotator.addStance('Grushko', 'Ukraine', 'f');
  await annotator.waitUntilSaved();
  // A second document, from an outlet, so that the outlet filter has something to tell apart.
  await annotator.pasteDocument(
    'Second statement',
    'The ministry repeated that an unarmed observer mission was possible.',
  );
  await annotator.highlightWithKey(MISSION, '2');
  await annotator.waitUntilSaved();

  // The toolbar's Analysis area lists the views; Escape closes it and gives the focus back.
  const analysis = page.getByRole('button', { name: 'Analysis ▾' });
  await analysis.click();
  await expect(analysis).toHaveAttribute('aria-expanded', 'true');
  const views = page.getByRole('group', { name: 'Analysis' });
  await expect(views.getByRole('button')).toHaveText([
    'Search library…',
    'Coded segments…',
    'Stance map…',
    'Tags by document…',
    'Stances over time…',
  ]);
  expect(await seriousViolations(page), 'the analysis area open').toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('analysis-area.png') });
  await page.keyboard.press('Escape');
  await expect(views).toBeHidden();
  await expect(analysis).toBeFocused();

  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+G');
  const dialog = page.getByRole('dialog', { name: 'Coded segments' });
  const items = dialog.getByRole('list', { name: 'Coded segments' }).getByRole('listitem');
  await expect(dialog.getByRole('heading', { name: 'Matching: 4 coded segments' })).toBeVisible();
  expect(await seriousViolations(page), 'the coded segments view').toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('coded-segments.png') });

  await dialog.getByRole('combobox', { name: /^Tag/ }).selectOption({ label: 'Evidence' });
  await expect(items).toHaveCount(2);
  await expect(items.first()).toContainText(MISSION);
  await dialog.getByRole('combobox', { name: /^Tag/ }).selectOption({ label: 'Any tag' });

  await dialog.getByRole('combobox', { name: /^Stance/ }).selectOption('against');
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText('Grushko → NATO: against');
  // The quote in its context (the sample article's text around it), and its note.
  await expect(items.first()).toHaveText(/…to gain global and regional supremacy\.\s+"NATO and peacekeeping do not go/);
  await expect(items.first()).toContainText(`${CLAIM} The real history of the alliance`);
  await expect(items.first()).toContainText('Note: Said twice in the interview.');
  await dialog.getByRole('combobox', { name: /^Stance/ }).selectOption('');

  // Words in the quote, case and diacritics aside; nothing found says so.
  await dialog.getByRole('searchbox', { name: /^Words/ }).fill('PEACEKÉEPING');
  await expect(dialog.getByRole('heading', { name: 'Matching: 2 coded segments' })).toBeVisible();
  await dialog.getByRole('searchbox', { name: /^Words/ }).fill('no such words');
  await expect(dialog.getByRole('heading', { name: 'Matching: 0 coded segments' })).toBeVisible();
  await dialog.getByRole('searchbox', { name: /^Words/ }).fill('mission');
  await expect(items).toHaveCount(2);

  // By tag: Evidence's two before nothing else; the second document's segment opens it at the passage.
  await dialog.getByRole('combobox', { name: /^Sort by/ }).selectOption('tag');
  await items.filter({ hasText: 'Second statement' }).getByRole('button').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Second statement' })).toBeVisible();
  await expect(annotator.selected.quote).toContainText(MISSION);
});

test('the analysis views fill the window; the workspace behind them is not rendered meanwhile, and is as it was after', async ({
  annotator,
}) => {
  const { page } = annotator;
  const scroller = page.locator('.article-scroller');
  await scroller.evaluate((el) => (el.scrollTop = 200));
  const workspace = page.locator('.workspace');
  const rendering = () => workspace.evaluate((el) => getComputedStyle(el).contentVisibility);
  expect(await rendering()).toBe('visible');

  for (const [keys, name] of [
    ['Control+Shift+G', 'Coded segments'],
    ['Control+Shift+M', 'Stance map'],
    ['Control+Shift+F', 'Search the library'],
  ] as const) {
    await page.keyboard.press(keys);
    const dialog = page.getByRole('dialog', { name });
    await expect(dialog).toBeVisible();
    const viewport = page.viewportSize()!;
    expect(await dialog.boundingBox()).toEqual({ x: 0, y: 0, width: viewport.width, height: viewport.height });
    // Wholly covered: without a GPU, every frame of a view would otherwise paint the article behind it again.
    expect(await rendering()).toBe('hidden');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    expect(await rendering()).toBe('visible');
    expect(await scroller.evaluate((el) => el.scrollTop)).toBe(200);
  }
});
