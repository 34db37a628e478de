import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator } from '@playwright/test';
import { corpusLibrary, corpusTest as test, OUTLETS } from './corpus-library';
import { expect } from './fixtures';

test('the analysis views on a corpus of 20 articles from 4 outlets (screenshots to look at)', async ({
  shell,
  annotator,
}, testInfo) => {
  const { page } = annotator;
  /** Clicks the dialog's "Save CSV…" and reads the file downloaded. */
  const saved = async (dialog: Locator, name: string): Promise<string> => {
    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Save CSV…' }).click();
    const file = path.join(testInfo.outputPath(), name);
    await (await downloading).saveAs(file);
    return readFile(file, 'utf8');
  };
  const shoot = async (name: string): Promise<void> => {
    await page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
  };
  await page.keyboard.press('Control+Shift+M');
  const map = page.getByRole('dialog', { name: 'Stance map' });
  await expect(map.getByRole('button', { name: /^Grushko → NATO:/ })).toBeVisible();
  await shoot('corpus-stance-map');
  await page.keyboard.press('Escape');
  await expect(map).toBeHidden();

  await page.keyboard.press('Control+Shift+G');
  const segments = page.getByRole('dialog', { name: 'Coded segments' });
  await expect(segments.getByRole('heading', { name: 'Matching: 60 coded segments (the first 50)' })).toBeVisible();
  await shoot('corpus-coded-segments');
  // Scrolled near its end, the list brings the next page by itself.
  await segments.getByRole('list', { name: 'Coded segments' }).evaluate((list) => list.scrollTo(0, list.scrollHeight));
  await expect(segments.getByRole('heading', { name: 'Matching: 60 coded segments' })).toBeVisible();
  await expect(segments.getByRole('list', { name: 'Coded segments' }).getByRole('listitem')).toHaveCount(60);
  // Saved as CSV: every segment the filter chooses, not only those listed.
  await segments.getByRole('combobox', { name: 'Stance' }).selectOption('against');
  // The number the corpus holds, waited for: the heading shows the unfiltered 60 until the filtered answer comes.
  const count = corpusLibrary().highlights.filter((h) => h.stances.some((s) => s.stance === 'against')).length;
  await expect(segments.getByRole('heading', { name: `Matching: ${count} coded segments`, exact: true })).toBeVisible();
  if (shell === 'browser') {
    const csv = await saved(segments, 'coded-segments.csv');
    expect(csv.split('\r\n')[0]).toMatch(/^\ufeffdocument_id,document_title,highlight_id,/);
    expect(csv.split('\r\n').filter((line) => line.includes(',against,'))).toHaveLength(count);
  }
  await page.keyboard.press('Escape');
  await expect(segments).toBeHidden();

  await page.getByRole('button', { name: 'Analysis ▾' }).click();
  await page.getByRole('button', { name: 'Tags by document…' }).click();
  const matrix = page.getByRole('dialog', { name: 'Tags by document' });
  await matrix.getByRole('combobox', { name: 'Columns' }).selectOption({ label: 'outlets' });
  await expect(matrix.getByRole('columnheader', { name: OUTLETS[3], exact: true })).toBeVisible();
  await shoot('corpus-tags-by-outlet');
  await page.keyboard.press('Escape');
  await expect(matrix).toBeHidden();

  await page.keyboard.press('Control+Shift+F');
  const search = page.getByRole('dialog', { name: 'Search the library' });
  await search.getByRole('searchbox', { name: 'Search every text' }).fill('observer mission');
  await search.getByRole('searchbox', { name: 'Search every text' }).press('Enter');
  await expect(search.getByRole('status')).toHaveText('20 matches in 20 documents');
  await shoot('corpus-search');
  // More matches than the first page: the rest on asking.
  await search.getByRole('searchbox', { name: 'Search every text' }).fill('remarks');
  await search.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(search.getByRole('status')).toHaveText('60 matches in 20 documents (the first 50 listed)');
  await expect(search.getByRole('list', { name: 'Matches' }).getByRole('listitem')).toHaveCount(50);
  await expect(search.getByRole('listitem').first()).toContainText('· 3 in this document');
  await search.getByRole('button', { name: 'Show 10 more' }).click();
  await expect(search.getByRole('list', { name: 'Matches' }).getByRole('listitem')).toHaveCount(60);
  await expect(search.getByRole('status')).toHaveText('60 matches in 20 documents');
  if (shell === 'browser') {
    const csv = await saved(search, 'search.csv');
    expect(csv.split('\r\n')[0]).toBe('\ufeffdocument_id,document_title,start,end,match,left_context,right_context');
    expect(csv.split('\r\n').filter((line) => line.includes(',remarks,'))).toHaveLength(60);
  }
  await search.getByRole('button', { name: 'Close' }).click(); // Escape in a search box first empties it
  await expect(search).toBeHidden();

  await page.keyboard.press('Control+Shift+L');
  await expect(page.getByRole('dialog', { name: 'Stances over time' }).locator('figure svg[aria-label]')).toBeVisible();
  await shoot('corpus-over-time');
});
