import { expect, test } from './fixtures';
const CLAIM = 'NATO and peacekeeping do not go hand in hand.';
test('shots', async ({ annotator }) => {
  const { page } = annotator;
  await page.setViewportSize({ width: 1400, height: 900 });
  await annotator.nameCoder('ann');
  await annotator.highlightWithKey(CLAIM, '1');
  await annotator.highlightWithKey('an unarmed observer mission', '1');
  await annotator.nameCoder('ben');
  await annotator.highlightWithKey(CLAIM, '1');
  await annotator.highlightWithKey('peacekeeping', '2');
  await annotator.highlightWithKey('observer mission', '3');
  await page.locator('[data-highlight-id]').filter({ hasText: 'an unarmed observer mission' }).getByRole('button').first().click();
  await page.screenshot({ path: '/tmp/shot-layers.png' });
  await page.getByRole('button', { name: 'Agreement…' }).click();
  await page.getByRole('button', { name: 'Compute' }).click();
  await expect(page.getByRole('table').first()).toBeVisible();
  await page.screenshot({ path: '/tmp/shot-agreement.png' });
});
