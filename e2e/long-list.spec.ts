import { expect, test } from './fixtures';

test('a long Highlights list renders in pages, and always includes the selected highlight', async ({
  shell,
  app,
  annotator,
}) => {
  test.skip(shell !== 'browser', 'The 250 highlights are made through the browser mode’s HTTP API.');
  const { page } = annotator;
  await expect(annotator.article).toBeVisible();
  await page.evaluate(async () => {
    const token = new URL(location.href).searchParams.get('token');
    const call = async (method: string, body: unknown) =>
      (
        await (
          await fetch(`/api/${method}`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${token}` },
            body: JSON.stringify(body),
          })
        ).json()
      ).value;
    const workspace = await call('getWorkspace', {});
    const { document } = await call('getDocument', { documentId: workspace.startDocumentId });
    const words = [...(document.text as string).matchAll(/\p{L}+/gu)];
    for (let i = 0; i < 250; i++) {
      const word = words[i]!;
      await call('createHighlight', {
        documentId: document.id,
        start: word.index,
        end: word.index! + word[0].length,
        quote: word[0],
        tagIds: [workspace.tags[0].id],
      });
    }
  });
  await app.restart();
  await expect(annotator.highlightItems).toHaveCount(100);
  const more = page.getByRole('button', { name: 'Show 100 more (150 not shown)' });
  await expect(more).toBeVisible();

  // Selecting a highlight beyond the first page (here: the last one, with K from nothing selected) renders it.
  await page.locator('.app-name').click();
  await page.keyboard.press('k');
  await expect(annotator.highlightItems.last()).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('Escape');
  await more.click();
  await expect(annotator.highlightItems).toHaveCount(200);
  await page.getByRole('button', { name: 'Show 50 more (50 not shown)' }).click();
  await expect(annotator.highlightItems).toHaveCount(250);
});

test('a library of many documents renders the rows in view, and scrolls through every one', async ({
  shell,
  app,
  annotator,
}) => {
  test.skip(shell !== 'browser', 'The 210 documents are made through the browser mode’s HTTP API.');
  const { page } = annotator;
  await expect(annotator.article).toBeVisible();
  await page.evaluate(async () => {
    const token = new URL(location.href).searchParams.get('token');
    for (let i = 0; i < 210; i++) {
      await fetch('/api/importText', {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
        body: JSON.stringify({
          title: `Pasted ${i}: a title as long as a headline often is, with the outlet's own words in it`,
          text: `Article number ${i}, pasted for the list.`,
        }),
      });
    }
  });
  const listing = page.waitForResponse((response) => response.url().endsWith('/api/listDocuments'));
  await app.restart();
  // The listing of 211 documents (48 KB) is large enough to come gzipped (api-names.ts); the page inflates it.
  expect((await listing).headers()['content-type']).toBe('application/gzip');
  await page.getByRole('button', { name: /^Library/ }).click();
  const table = page.getByRole('table', { name: 'Documents (211)' });
  // The header row and 211 documents, of which only those in view (and a margin) are rendered.
  await expect(table).toHaveAttribute('aria-rowcount', '212');
  const rows = table.locator('tbody tr[data-row]');
  await expect(rows.first()).toHaveAttribute('aria-rowindex', '2');
  const rendered = await rows.count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(80);
  const firstTitle = await rows.first().getByRole('button').first().textContent();
  // Scrolled to its end, the table shows its last row (the sample, added first), at its place.
  await page.locator('.library').evaluate((scroller) => scroller.scrollTo(0, scroller.scrollHeight));
  const sample = table.getByRole('row', { name: /Russia rejects/ });
  await expect(sample).toBeInViewport();
  await expect(sample).toHaveAttribute('aria-rowindex', '212');
  await expect(rows.first()).not.toHaveAttribute('aria-rowindex', '2');
  expect(await rows.count()).toBeLessThan(80);
  // And back at the top, the first row again.
  await page.locator('.library').evaluate((scroller) => scroller.scrollTo(0, 0));
  await expect(rows.first()).toHaveAttribute('aria-rowindex', '2');
  await expect(rows.first().getByRole('button').first()).toHaveText(firstTitle!);
  // A filter that leaves one document shows it.
  await page.getByRole('searchbox', { name: 'Filter documents' }).fill('Pasted 209:');
  await expect(page.getByRole('table', { name: /^Documents \(/ }).locator('tbody tr[data-row]')).toHaveCount(1);
});
