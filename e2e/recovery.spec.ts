import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures';

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
