import { readdir, rm, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures';
import type { AnnotatorPage } from './page-models/annotator-page';

const CLAIM = 'NATO and peacekeeping do not go hand in hand.';

test('a damaged data file is moved aside, the newest backup restored, and the analyst told where both are', async ({
  app,
  annotator,
  dataDir,
}) => {
  await annotator.findAndSelect(CLAIM);
  await annotator.page.keyboard.press('1');
  await annotator.waitUntilSaved();
  await app.restart(); // this launch backs up the library with the highlight
  await expect(annotator.highlightItems).toHaveCount(1);

  await writeFile(path.join(dataDir, 'stance-annotator.json'), '{"schemaVersion": 2, "documents": [{"id"');
  await app.restart();
  const notice = annotator.page.getByRole('alert').filter({ hasText: 'restored from the backup' });
  await expect(notice).toContainText('The data file was not valid JSON.');
  const aside = (await readdir(dataDir)).find((name) => name.includes('.unreadable-'))!;
  await expect(notice).toContainText(aside);
  await expect(annotator.item(CLAIM)).toContainText('Claim');
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toBeHidden();
});

/** Pastes a second document (it becomes the open, last-opened one) and highlights a passage in it. */
async function pasteSecondDocument(annotator: AnnotatorPage): Promise<void> {
  await annotator.pasteDocument(
    'Pasted statement',
    'Britain and France are ready to deploy a force.\nAustralia may join.',
  );
  await annotator.highlightWithKey('ready to deploy a force', '4');
}

test('a damaged last-opened document with no backup opens the Library with the reason, and the rest is reachable', async ({
  app,
  annotator,
  dataDir,
  readDataFile,
}) => {
  await annotator.highlightWithKey(CLAIM, '1');
  await pasteSecondDocument(annotator);
  const pasted = (await readDataFile()).documents.find((d) => d.title === 'Pasted statement')!;
  await app.restart(async () => {
    await rm(path.join(dataDir, 'backups'), { recursive: true });
    const names = await readdir(path.join(dataDir, 'documents'));
    const file = names.find((n) => n.startsWith(pasted.id) && n.endsWith('.json'))!;
    await truncate(path.join(dataDir, 'documents', file), 40);
  });
  const ui = annotator.page;
  // At the first page load, without a reload: the reason, and the Library.
  await expect(ui.getByRole('alert').filter({ hasText: 'Pasted statement' })).toContainText('No backup holds it');
  await expect(ui.getByRole('heading', { name: 'Library', level: 1 })).toBeVisible();
  await ui.getByRole('button', { name: /^Russia rejects/ }).click();
  await expect(annotator.item(CLAIM)).toContainText('Claim');
});

test('a damaged library file keeps newer intact documents and offers to bring back the ones its backup lacks', async ({
  app,
  annotator,
  dataDir,
  readDataFile,
}) => {
  await annotator.highlightWithKey(CLAIM, '1'); // after the first launch's backup, which has no highlight
  await pasteSecondDocument(annotator); // not in any backup
  await app.restart(() => truncate(path.join(dataDir, 'stance-annotator.json'), 300));
  const ui = annotator.page;
  await expect(ui.getByRole('alert').filter({ hasText: 'restored from the backup' })).toContainText(
    'taken from their intact files',
  );
  await expect(annotator.item(CLAIM)).toContainText('Claim');
  await ui.getByRole('button', { name: /^Library/ }).click();
  const found = ui.getByRole('region', { name: 'Documents found in moved files' });
  await expect(found).toContainText('Britain and France are ready to deploy a force.');
  await expect(found).toContainText('1 highlight');
  await found.getByRole('button', { name: /^Bring back/ }).click();
  await expect(found).toBeHidden();
  await ui.getByRole('button', { name: 'Britain and France are ready to deploy a force.', exact: true }).click();
  await expect(annotator.item('ready to deploy a force')).toContainText('Proposal');
  await expect.poll(async () => (await readDataFile()).highlights.length).toBe(2);
});
