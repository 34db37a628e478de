import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Route } from '@playwright/test';
import { expect, test } from './fixtures';

const CLAIM = 'NATO and peacekeeping do not go hand in hand.';

test('a failed save says why, keeps the change on screen, and can be tried again', async ({
  shell,
  annotator,
  readDataFile,
}) => {
  test.skip(shell !== 'browser', 'Failures are injected by intercepting the browser mode’s HTTP API.');
  const { page } = annotator;
  await page.route('**/api/createHighlight', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ ok: false, error: { code: 'internal', message: 'disk full (injected)' } }),
    }),
  );
  await annotator.findAndSelect(CLAIM);
  await page.keyboard.press('1');
  await expect(annotator.saveStatus).toContainText('Not saved: disk full (injected)');
  await expect(annotator.item(CLAIM)).toBeVisible(); // still on screen, nothing lost
  expect((await readDataFile()).highlights).toEqual([]);

  await page.unroute('**/api/createHighlight');
  await annotator.saveStatus.getByRole('button', { name: 'Try again' }).click();
  await expect(annotator.saveStatus).toContainText('All changes saved');
  expect((await readDataFile()).highlights.map((h) => h.quote)).toEqual([CLAIM]);
});

test('a note typed up to the moment the page closes is saved to the last keystroke', async ({
  shell,
  app,
  annotator,
  readDataFile,
}) => {
  test.skip(shell !== 'browser', 'A slow disk is simulated by delaying the browser mode’s HTTP API.');
  const { page } = annotator;
  await annotator.findAndSelect(CLAIM);
  await page.keyboard.press('1');
  await annotator.waitUntilSaved();
  // A save that hangs: the first keystroke's request is held, so the later keystrokes wait in the page.
  let held: Route | undefined;
  await page.route('**/api/updateHighlight', (route) => void (held = route), { times: 1 });
  await page.keyboard.press('e');
  const note = 'Every keystroke of this note must reach the disk, even the very last one.';
  await page.keyboard.type(note, { delay: 0 });
  await page.goto('about:blank'); // leave at once, with the rest of the note still waiting in the page
  await held?.abort().catch(() => undefined);
  await expect.poll(async () => (await readDataFile()).highlights[0]?.note, { timeout: 5_000 }).toBe(note);
  await app.restart();
  await expect(annotator.item(CLAIM)).toContainText(note.slice(0, 40));
});

test('a clean quit leaves the library as plain JSON: the change logs folded into the documents’ files', async ({
  app,
  annotator,
  dataDir,
}) => {
  await annotator.highlightWithKey(CLAIM, '1');
  const logs = async () => (await readdir(path.join(dataDir, 'documents'))).filter((n) => n.endsWith('.log'));
  expect(await logs()).toHaveLength(1); // the highlight was saved as a line of the sample's change log
  await app.restart(async () => {
    expect(await logs()).toEqual([]);
    const names = (await readdir(path.join(dataDir, 'documents'))).filter((n) => n.endsWith('.json'));
    const files = await Promise.all(names.map((n) => readFile(path.join(dataDir, 'documents', n), 'utf8')));
    const quotes = files.flatMap((f) => (JSON.parse(f) as { highlights: { quote: string }[] }).highlights);
    expect(quotes.map((h) => h.quote)).toEqual([CLAIM]);
  });
  await expect(annotator.item(CLAIM)).toContainText('Claim');
});
