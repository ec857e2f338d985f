import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

// Every panel of the main screen, with a token loaded, in light and dark.
for (const colorScheme of ['light', 'dark'] as const) {
  test(`no axe violations on the main screen (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto('./');
    await expect(page.getByTestId('signature-status')).toHaveAttribute('data-status', 'verified');
    const results = await new AxeBuilder({ page }).analyze();
    const summary = results.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    );
    expect(summary).toEqual([]);
  });
}

test('no axe violations with a decode error showing', async ({ page }) => {
  await page.goto('./');
  const surface = page.getByTestId('token-input').locator('.cm-content');
  await surface.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText('not.a.token');
  await expect(page.getByTestId('decode-error')).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});
