import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { seriousViolations } from './axe';
import { expect, test } from './fixtures';

const CLAIM = 'NATO and peacekeeping do not go hand in hand.';
const DELETED = 'Those attempts at diplomacy aside';
const NEW_PLACE = 'Russia has long been set against NATO monitors in Ukraine';

test('a replaced text moves the highlights, keeps the lost one as an orphan, and the analyst re-attaches it', async ({
  annotator,
  readDataFile,
}, testInfo) => {
  const { page } = annotator;
  await annotator.highlightWithKey(CLAIM, '1');
  await annotator.highlightWithKey(DELETED, '2');
  const before = await readDataFile();
  const sample = before.documents[0]!;
  const edited = `Updated on Monday.\n${sample.text.replace(`${DELETED}, `, '')}`;

  // Library › Edit › Replace text…: the new version pasted.
  await page.getByRole('button', { name: /^Library/ }).click();
  await page.getByRole('button', { name: `Edit ${sample.title}` }).click();
  await page.getByRole('button', { name: 'Replace text…' }).click();
  const dialog = page.getByRole('dialog', { name: /Replace the text of/ });
  expect(await seriousViolations(page), 'the replace text dialog').toEqual([]);
  await dialog.getByLabel('New text').fill(edited);
  await dialog.getByRole('button', { name: 'Replace text' }).click();
  const done = page.getByRole('dialog', { name: /replaced/ });
  await expect(done.getByRole('status')).toHaveText('Highlights: 1 moved, 1 orphaned.');
  await done.getByRole('button', { name: 'Done' }).click();

  await page.getByRole('button', { name: sample.title, exact: true }).click();
  await expect(annotator.highlightItems).toHaveCount(1);
  const orphans = page.getByRole('list', { name: 'Orphans' });
  await expect(orphans.getByRole('listitem').first()).toContainText(DELETED);
  const reattach = orphans.getByRole('button', { name: 'Re-attach' });
  await expect(reattach).toBeDisabled();
  expect(await seriousViolations(page), 'the orphaned highlights').toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('orphaned-highlights.png') });

  // The analyst selects where it belongs now and re-attaches it: a highlight again, one step to undo.
  await annotator.selectWithMouse(NEW_PLACE);
  await reattach.click();
  await annotator.waitUntilSaved();
  await expect(orphans).toHaveCount(0);
  await expect(annotator.highlightItems).toHaveCount(2);
  await expect(annotator.item(NEW_PLACE)).toHaveCount(1);
  const saved = (await readDataFile()).highlights.find((h) => h.quote.startsWith(NEW_PLACE));
  expect(saved?.anchor).toBeUndefined();

  await page.keyboard.press('Control+z');
  await expect(page.getByRole('list', { name: 'Orphans' }).getByRole('listitem').first()).toContainText(DELETED);
  await annotator.waitUntilSaved();
  expect((await readDataFile()).highlights.find((h) => h.quote === DELETED)?.anchor).toBe('orphan');
});

test('a pasted text of the same title asks, and replaces the text when told', async ({ annotator, readDataFile }) => {
  const { page } = annotator;
  await annotator.highlightWithKey(CLAIM, '1');
  const sample = (await readDataFile()).documents[0]!;
  await page.getByRole('button', { name: /^Library/ }).click();
  await page.getByRole('button', { name: 'Paste text…' }).click();
  const paste = page.getByRole('dialog', { name: 'Paste text as a new document' });
  await paste.getByLabel('Title').fill(sample.title);
  await paste.getByLabel('Text').fill(`A new first line.\n${sample.text}`);
  await paste.getByRole('button', { name: 'Add document' }).click();
  const ask = page.getByRole('dialog', { name: 'Please confirm' });
  await expect(ask).toContainText('is in the library already with a different text');
  // Neither: the pasted text waits in its dialog, nothing added or changed.
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(paste.getByLabel('Text')).toHaveValue(`A new first line.\n${sample.text}`);
  await expect(paste.getByRole('alert')).toBeHidden();
  await paste.getByRole('button', { name: 'Add document' }).click();
  await ask.getByRole('button', { name: 'Replace its text' }).click();
  // The Library stays, with the account of the highlights (a new document would open instead).
  await expect(page.locator('.import-report')).toContainText('Highlights: 1 moved.');
  await expect(page.getByRole('button', { name: 'Paste text…' })).toBeVisible();
  const data = await readDataFile();
  expect(data.documents).toHaveLength(1);
  expect(data.documents[0]!.text.startsWith('A new first line.')).toBe(true);
  expect(data.highlights[0]!.start).toBe(sample.text.indexOf(CLAIM) + 'A new first line.\n'.length);
});

test('web annotations from Hypothesis come in anchored, the unfound one as an orphan', async ({
  annotator,
  readDataFile,
}, testInfo) => {
  const { page } = annotator;
  const sample = (await readDataFile()).documents[0]!;
  const row = (id: string, exact: string) => ({
    id,
    uri: 'https://example.org/nato',
    user: 'acct:zoe@hypothes.is',
    text: `note ${id}`,
    tags: ['Claim'],
    target: [{ source: 'https://example.org/nato', selector: [{ type: 'TextQuoteSelector', exact }] }],
  });
  const file = path.join(testInfo.outputPath(), 'hypothesis.json');
  await writeFile(
    file,
    JSON.stringify({
      total: 3,
      rows: [
        row('h1', CLAIM),
        row('h2', 'NATO and peacekeping do not go hand in hand'),
        row('h3', 'Not in this text.'),
      ],
    }),
  );
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.locator('input[type=file]').setInputFiles(file);
  // The page is not in the library: the analyst chooses the document, and the annotations come in there.
  const unmatched = dialog.getByRole('group', { name: /3 annotations of a page not in the library/ });
  await expect(unmatched).toContainText('https://example.org/nato');
  await unmatched.getByRole('button', { name: 'Import into this document' }).click();
  await expect(dialog.getByRole('status')).toContainText(
    'Anchored: 1 exactly, 1 approximately, 1 not found (kept as orphans)',
  );
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(annotator.highlightItems).toHaveCount(2);
  await expect(page.getByRole('list', { name: 'Orphans' })).toContainText('Not in this text.');
  const data = await readDataFile();
  expect(data.highlights.filter((h) => h.annotator === 'zoe')).toHaveLength(3);
  expect(data.highlights.map((h) => h.documentId)).toEqual([sample.id, sample.id, sample.id]);
});
