import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { agreementCsv } from '../shared/agreement/agreement-input';
import { expect, test } from './fixtures';

const root = path.resolve(__dirname, '..');
const CLAIM = 'NATO and peacekeeping do not go hand in hand.';
const MISSION = 'an unarmed observer mission';

test('the coder is asked for once, before the first highlight, with the login name offered', async ({
  annotator,
  readDataFile,
}) => {
  const { page } = annotator;
  await annotator.nameCoder(''); // as a library that has never had a coder
  await annotator.findAndSelect(CLAIM);
  await page.keyboard.press('1');
  const dialog = page.getByRole('dialog', { name: 'Who is coding?' });
  await expect(dialog).toBeVisible();
  const name = dialog.getByRole('textbox', { name: 'Coder' });
  await expect(name).toHaveValue(userInfo().username);
  await name.fill('Ana');
  await dialog.getByRole('button', { name: 'Start coding' }).click();
  await expect(dialog).toBeHidden();
  await expect(annotator.selected.quote).toHaveText(CLAIM); // the passage waited for the name
  await annotator.waitUntilSaved();
  await expect(page.locator('.settings-bar').getByRole('textbox', { name: 'Coder' })).toHaveValue('Ana');

  await annotator.highlightWithKey(MISSION, '1'); // asked once: not again
  await expect(dialog).toBeHidden();
  const saved = await readDataFile();
  expect(saved.settings.annotator).toBe('Ana');
  expect(saved.highlights.map((h) => h.annotator)).toEqual(['Ana', 'Ana']);
  // Naming the coder is no edit to undo.
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await annotator.waitUntilSaved();
  expect((await readDataFile()).settings.annotator).toBe('Ana');
});

test('two coders code one document: layers, the Agreement view, the same numbers on the command line, adopting', async ({
  shell,
  annotator,
  dataDir,
  readDataFile,
}) => {
  const { page } = annotator;
  await annotator.nameCoder('ann');
  await annotator.highlightWithKey(CLAIM, '1');
  await annotator.highlightWithKey(MISSION, '1');
  await annotator.nameCoder('ben');
  await annotator.highlightWithKey(CLAIM, '1');
  await annotator.highlightWithKey('peacekeeping', '2');

  // Every coder's highlights, each item naming its coder; then one coder's layer.
  const list = page.getByRole('list', { name: 'Highlights' });
  await expect(list.locator('.coder-name')).toHaveCount(4);
  expect((await list.locator('.coder-name').allTextContents()).sort()).toEqual(['ann', 'ann', 'ben', 'ben']);
  await page.getByRole('combobox', { name: 'Coder layer' }).selectOption('ann');
  await expect(list.locator('.coder-name')).toHaveText(['ann', 'ann']);
  await page.getByRole('combobox', { name: 'Coder layer' }).selectOption('');

  // The Agreement view.
  await page.getByRole('button', { name: 'Agreement…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Intercoder agreement' });
  await expect(dialog.getByRole('checkbox', { name: /ann/ })).toBeChecked();
  await dialog.getByRole('button', { name: 'Compute' }).click();
  const reliability = dialog.getByRole('table').first();
  await expect(reliability.getByRole('row', { name: /Claim/ }).first()).toBeVisible();
  const spans = dialog.getByRole('table').nth(1);
  await expect(spans.getByRole('row')).toHaveCount(3);
  // ann's CLAIM and ben's CLAIM are one exact match of two spans each.
  await expect(spans.getByRole('row', { name: /exact/ })).toContainText('0.5000');

  // The command line reads the same library and writes the same numbers.
  const saved = await readDataFile();
  const expected = agreementCsv(saved, { coders: ['ann', 'ben'] }, 'reliability', { bom: false, formulaEscape: true });
  const claimAlpha = expected
    .split('\r\n')
    .find((line) => line.startsWith('tag,Claim,'))!
    .split(',')
    .at(-1)!;
  await expect(reliability.getByRole('row', { name: /Claim/ }).first()).toContainText(claimAlpha || '—');
  if (shell === 'browser') {
    const cli = spawnSync(
      process.execPath,
      [path.join(root, 'out/main/cli.js'), 'agreement', '--data-dir', dataDir, '--coders', 'ann,ben'],
      { encoding: 'utf8', timeout: 10_000 },
    );
    expect(cli.stderr).toBe('');
    expect(cli.stdout).toBe(expected);
    expect(cli.stdout.split('\r\n')[0]).toBe(
      'scope,name,coders,units,percent_agreement,cohen_kappa,krippendorff_alpha',
    );
  }

  // A row per document opens it, every coder shown.
  await dialog.getByRole('table').nth(2).getByRole('button', { name: saved.documents[0]!.title }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('region', { name: "ben's highlights, side by side" })).toBeVisible();
  await page.getByRole('combobox', { name: 'Coder layer' }).selectOption('');

  // ann's highlight is hers: ben reads it, and adopts it to change a copy of his own.
  await list.locator('[data-highlight-id]').filter({ hasText: MISSION }).getByRole('button').first().click();
  await expect(page.getByRole('note')).toContainText('Coded by ann');
  await expect(page.getByRole('button', { name: 'Delete (Del)' })).toHaveCount(0);
  await page.keyboard.press('Delete');
  await expect(page.getByText("This highlight is ann's: only they can delete it.")).toBeVisible();
  await page.getByRole('button', { name: 'Adopt as mine' }).click();
  await annotator.waitUntilSaved();
  await expect(page.getByRole('note')).toHaveCount(0);
  const after = await readDataFile();
  const missions = after.highlights.filter((h) => h.quote === MISSION).map((h) => h.annotator);
  expect(missions.sort()).toEqual(['ann', 'ben']);
});

test('two coders side by side, then curated: accept one version, reject another, undo both', async ({
  annotator,
  readDataFile,
}) => {
  const { page } = annotator;
  await annotator.nameCoder('ann');
  await annotator.highlightWithKey(CLAIM, '1'); // Claim
  await annotator.highlightWithKey(MISSION, '1');
  await annotator.nameCoder('ben');
  await annotator.highlightWithKey(CLAIM, '2'); // Evidence: the same passage, another tag
  await annotator.highlightWithKey('peacekeeping', '2'); // ann lacks it
  await annotator.highlightWithKey(MISSION, '1'); // agreed

  // Side by side: ann's highlights in the article, ben's in a copy beside it, scrolled together.
  await page.getByRole('combobox', { name: 'Coder layer' }).selectOption({ label: 'ann | ben' });
  const compare = page.getByRole('region', { name: "ben's highlights, side by side" });
  await expect(compare).toBeVisible();
  await expect
    .poll(async () => {
      const painted = await annotator.paintedRanges();
      return [painted['sa-tag-0'], painted['sb-tag-0'], painted['sb-tag-1']];
    })
    .toEqual([2, 1, 2]);
  const main = page.getByRole('region', { name: /^Article text/ });
  await main.evaluate((el) => (el.scrollTop = 300));
  await expect.poll(() => compare.evaluate((el) => el.scrollTop)).toBe(300);

  // Curation: the two passages they disagree on, underlined in the text.
  await page.getByRole('button', { name: 'Curate' }).click();
  await expect(compare).toBeHidden(); // curating shows every coder's highlights in one article
  const status = page.getByRole('status').filter({ hasText: 'disagreements open' });
  await expect(status).toHaveText('2 of 2 disagreements open');
  expect((await annotator.paintedRanges())['sa-disagreements']).toBe(2);
  const items = page.getByRole('list', { name: 'Disagreements' }).locator(':scope > li');
  await items.filter({ hasText: CLAIM }).getByRole('button', { name: "Accept ann's" }).click();
  await expect(status).toHaveText('1 of 2 disagreements open');
  // Accepted, then edited in the curated layer: the adjudicator may change it, whoever coded the version.
  await page.getByRole('checkbox', { name: 'Open ones only' }).uncheck();
  await items.filter({ hasText: CLAIM }).getByRole('button', { name: 'Edit' }).click();
  await expect(annotator.selected.quote).toHaveText(CLAIM);
  await expect(page.getByRole('note')).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: /^Note/ })).toBeEnabled();
  await items
    .filter({ has: page.getByRole('button', { name: 'peacekeeping', exact: true }) })
    .getByRole('button', { name: 'Reject' })
    .click();
  await expect(status).toHaveText('0 of 2 disagreements open');
  await annotator.waitUntilSaved();
  let saved = await readDataFile();
  const curated = saved.highlights.filter((h) => h.annotator === 'curated');
  expect(curated.map((h) => [h.quote, h.tagIds])).toEqual([[CLAIM, [saved.tags[0]!.id]]]);
  expect(Object.values(saved.settings.rejectedDisagreements ?? {}).flat()).toHaveLength(1);

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(status).toHaveText('1 of 2 disagreements open');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(status).toHaveText('2 of 2 disagreements open');
  await annotator.waitUntilSaved();
  saved = await readDataFile();
  expect(saved.highlights.filter((h) => h.annotator === 'curated')).toEqual([]);
});

test('another coder’s backup merges in through Import, said per coder, once; Export chooses whose highlights', async ({
  shell,
  annotator,
  readDataFile,
}, testInfo) => {
  test.skip(shell !== 'browser', 'In browser mode an export is a download; Electron shows a native save dialog.');
  const { page } = annotator;
  await annotator.nameCoder('ann');
  await annotator.highlightWithKey(CLAIM, '1');
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('radio', { name: /Project backup/ }).check();
  let downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const ours = path.join(testInfo.outputPath(), 'ours.json');
  await (await downloading).saveAs(ours);

  // Zoe's library: the same article (another id, the same text), her own highlight of another passage.
  const backup = JSON.parse(await readFile(ours, 'utf8'));
  const [document] = backup.documents;
  const start = document.text.indexOf(MISSION);
  document.id = randomUUID();
  backup.highlights = [
    {
      ...backup.highlights[0],
      id: randomUUID(),
      documentId: document.id,
      start,
      end: start + MISSION.length,
      quote: MISSION,
      annotator: 'zoe',
    },
  ];
  const zoes = path.join(testInfo.outputPath(), 'zoe.json');
  await writeFile(zoes, JSON.stringify(backup));
  await dialog.locator('input[type=file]').setInputFiles(zoes);
  await expect(dialog.getByRole('status')).toContainText('0 documents added (1 already there), 1 highlights added');
  await expect(dialog.getByRole('status')).toContainText('Highlights by coder: zoe 1.');
  await dialog.locator('input[type=file]').setInputFiles(zoes);
  await expect(dialog.getByRole('status')).toContainText('0 highlights added (1 already there)');
  const saved = await readDataFile();
  expect(saved.documents).toHaveLength(1);
  expect(saved.highlights.map((h) => h.annotator).sort()).toEqual(['ann', 'zoe']);

  // Whose highlights an export holds: untick ann.
  await dialog.getByRole('radio', { name: /^Annotations \(annotations.csv/ }).check();
  await dialog.getByRole('group', { name: 'Coders' }).getByRole('checkbox', { name: 'ann' }).uncheck();
  downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const csv = path.join(testInfo.outputPath(), 'annotations.csv');
  await (await downloading).saveAs(csv);
  const rows = (await readFile(csv, 'utf8')).trimEnd().split('\r\n');
  expect(rows).toHaveLength(2);
  expect(rows[1]).toContain(MISSION);
  expect(rows[1]).toContain(',zoe,');
});
