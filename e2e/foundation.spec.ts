import { expect, test } from './fixtures';

const SENTENCE = 'NATO and peacekeeping do not go hand in hand.';

test('a new user lands in the sample article, ready to annotate', async ({ annotator }) => {
  await expect(annotator.page.getByRole('heading', { level: 1 })).toHaveText(/NATO peacekeepers/);
  await expect(annotator.article).toContainText(SENTENCE);
  await expect(annotator.article).toContainText('Britain and France have both indicated readiness');
  for (const tag of ['Claim', 'Evidence', 'Quote', 'Proposal', 'Condition']) {
    await expect(annotator.tagButton(tag)).toBeVisible();
  }
  await expect(annotator.page.getByText('No highlights yet.')).toBeVisible();
});

test('a mouse selection tagged with a button becomes a highlight that survives a restart', async ({
  app,
  annotator,
  readDataFile,
}) => {
  await annotator.selectWithMouse(SENTENCE);
  await annotator.tagButton('Claim').click();

  await expect(annotator.highlightItems).toHaveCount(1);
  await expect(annotator.highlightItems.first()).toContainText(SENTENCE);
  await expect(annotator.highlightItems.first()).toContainText('Claim');
  expect(await annotator.paintedRanges()).toMatchObject({ 'sa-tag-0': 1 });

  // Saved at once: once the status says so, the file on disk holds it, before anything else happens.
  await annotator.waitUntilSaved();
  const saved = await readDataFile();
  expect(saved.highlights).toHaveLength(1);
  const [highlight] = saved.highlights;
  const claim = saved.tags.find((t) => t.name === 'Claim');
  expect(highlight).toMatchObject({ quote: SENTENCE, tagIds: [claim?.id] });
  const text = saved.documents[0]!.text;
  expect(text.slice(highlight!.start, highlight!.end)).toBe(SENTENCE);

  await app.restart();
  await expect(annotator.highlightItems).toHaveCount(1);
  await expect(annotator.highlightItems.first()).toContainText(SENTENCE);
  await expect.poll(() => annotator.paintedRanges()).toMatchObject({ 'sa-tag-0': 1 });
});

test('a number key tags the selection, and a deleted highlight stays deleted after a restart', async ({
  app,
  annotator,
  readDataFile,
}) => {
  await annotator.selectWithMouse('an unarmed observer mission');
  await annotator.page.keyboard.press('4');
  await expect(annotator.highlightItems).toHaveCount(1);
  await expect(annotator.highlightItems.first()).toContainText('Proposal');
  expect(await annotator.paintedRanges()).toMatchObject({ 'sa-tag-3': 1 });

  await annotator.highlightItems
    .first()
    .getByRole('button', { name: /^Delete highlight/ })
    .click();
  await expect(annotator.page.getByText('No highlights yet.')).toBeVisible();
  expect((await readDataFile()).highlights).toEqual([]);
  expect(await annotator.paintedRanges()).not.toHaveProperty('sa-tag-3');

  await app.restart();
  await expect(annotator.article).toContainText(SENTENCE);
  await expect(annotator.page.getByText('No highlights yet.')).toBeVisible();
});
