import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { timeline, timelineCells } from '../shared/analysis/timeline';
import type { Database } from '../shared/domain';
import { seriousViolations } from './axe';
import { corpusLibrary, corpusTest as test, OUTLETS } from './corpus-library';
import { expect } from './fixtures';

/** The numbers the view must show: computed from the corpus by the same code as `stats --what timeline`. */
function expectedRows(library: Database, interval: 'week' | 'month', targetId?: string, outlet?: string) {
  const result = timeline(library, { interval, ...(targetId ? { targetId } : {}) }, outlet ? { outlet } : {});
  return timelineCells(result).map((cells) => {
    const [period, ...counts] = cells;
    const stances = counts.slice(0, 4).map(Number);
    const total = stances.reduce((a, b) => a + b, 0);
    return [period === 'undated' ? 'no date' : String(period), ...stances.map(String), String(total)];
  });
}

test('stances over time: a target’s stances per week and month as a chart and a table, undated articles named, saved as CSV, SVG and PNG', async ({
  shell,
  annotator,
}, testInfo) => {
  const { page } = annotator;
  const library = corpusLibrary();
  const nato = library.entities.find((e) => e.name === 'NATO')!;

  // Observable Plot (a third of the page's script) comes with the chart, not with the page's start.
  const scripts = () =>
    page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((entry) => entry.name)
        .filter((name) => name.endsWith('.js')),
    );
  expect((await scripts()).some((name) => name.includes('TimelineChart'))).toBe(false);
  await page.keyboard.press('Control+Shift+L');
  const dialog = page.getByRole('dialog', { name: 'Stances over time' });
  await dialog.getByRole('combobox', { name: 'Toward' }).selectOption({ label: 'NATO' });
  await dialog.getByRole('combobox', { name: 'Per' }).selectOption({ label: 'ISO week' });

  // The chart: Plot's SVG with its title, axis labels and legend; one bar per stance value and week that has any.
  const chart = dialog.locator('figure');
  await expect(chart.getByRole('heading', { name: 'Stances toward NATO per week' })).toBeVisible();
  await expect(chart.locator('svg[aria-label^="Stances toward NATO per week"]')).toBeVisible();
  expect((await scripts()).some((name) => name.includes('TimelineChart'))).toBe(true);
  await expect(chart).toContainText('ISO week of publication');
  await expect(chart).toContainText('Stances');
  for (const value of ['favor', 'against', 'neutral', 'unclear']) await expect(chart).toContainText(value);
  const rows = expectedRows(library, 'week', nato.id);
  const dated = rows.filter((r) => r[0] !== 'no date');
  const bars = dated.reduce((n, r) => n + r.slice(1, 5).filter((c) => c !== '0').length, 0);
  await expect(chart.locator('svg[aria-label] rect')).toHaveCount(bars);
  // Documents without a date are counted and named, not dropped.
  await expect(
    dialog.getByText(/Not on the time axis: \d+ stances? in 2 documents without a publication date/),
  ).toBeVisible();
  await expect(dialog.getByText(/talks report 19/)).toBeVisible();
  expect(await seriousViolations(page), 'the chart').toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('over-time-chart.png') });

  // The table view: the same numbers, row by row, as the command line computes them.
  await dialog.getByRole('button', { name: 'Table' }).click();
  const table = dialog.getByRole('table', { name: 'Stances toward NATO per week' });
  await expect(table.getByRole('row')).toHaveCount(rows.length + 1);
  const shown = await table
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent ?? '')));
  expect(shown).toEqual(rows);
  expect(await seriousViolations(page), 'the table').toEqual([]);

  // A filter (one outlet) and months: the numbers follow.
  await dialog.getByRole('combobox', { name: 'Outlet' }).selectOption(OUTLETS[1]);
  await dialog.getByRole('combobox', { name: 'Per' }).selectOption({ label: 'month' });
  const monthly = expectedRows(library, 'month', nato.id, OUTLETS[1]);
  await expect(dialog.getByRole('table', { name: 'Stances toward NATO per month' }).locator('tbody tr')).toHaveCount(
    monthly.length,
  );
  // Polled: the table may show a moment before the answer for both filters has come.
  await expect
    .poll(() =>
      dialog
        .locator('tbody tr')
        .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent ?? ''))),
    )
    .toEqual(monthly);
  await dialog.getByRole('button', { name: 'Chart' }).click();
  await expect(chart.getByRole('heading', { name: 'Stances toward NATO per month' })).toBeVisible();

  if (shell === 'browser') {
    const saved = async (button: string, name: string): Promise<string> => {
      const downloading = page.waitForEvent('download');
      await dialog.getByRole('button', { name: button }).click();
      const file = path.join(testInfo.outputPath(), name);
      await (await downloading).saveAs(file);
      return file;
    };
    const csv = await readFile(await saved('Save CSV…', 'over-time.csv'), 'utf8');
    expect(csv.replace(/^\ufeff/, '').split('\r\n')[0]).toBe('period,favor,against,neutral,unclear,undated_documents');
    expect(csv.split('\r\n')).toHaveLength(monthly.length + 2);
    const svg = await readFile(await saved('Save SVG…', 'over-time.svg'), 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain('Stances toward NATO per month');
    expect(svg).toContain('Month of publication');
    for (const value of ['favor', 'against', 'neutral', 'unclear']) expect(svg).toContain(`>${value}</text>`);
    const png = await readFile(await saved('Save PNG…', 'over-time.png'));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBe(2 * 760); // width, drawn at twice the chart's size
  }
});
