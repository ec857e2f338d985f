import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { EDITABLE } from './helpers';

// Reduced motion turns the verdict banner's colour transition off: axe reads final colours.
test.use({ reducedMotion: 'reduce' });

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
  const surface = page.getByTestId('token-input').locator(EDITABLE);
  await surface.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText('not.a.token');
  await expect(page.getByTestId('decode-error')).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

async function expectNoViolations(page: import('@playwright/test').Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    ),
  ).toEqual([]);
}

test('no axe violations with the share panel, the code and the findings open', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('signature-status')).toHaveAttribute('data-status', 'verified');
  await page.getByTestId('share-open').click();
  await expect(page.getByTestId('share-link')).toBeVisible();
  await page.getByText('Code: verify this way').click();
  await expect(page.getByTestId('snippet-code')).toBeVisible();
  await expect(page.getByTestId('findings')).toHaveAttribute('data-state', 'ready');
  await expectNoViolations(page);
});

test('no axe violations in the lessons panel, at a lesson step and in the attack lab', async ({
  page,
}) => {
  await page.goto('./');
  await expect(page.getByTestId('signature-status')).toHaveAttribute('data-status', 'verified');
  await page.getByTestId('lessons-open').click();
  await expect(page.getByTestId('lessons-panel')).toBeVisible();
  await expectNoViolations(page);
  const first = page.locator('button[data-testid^="lesson-"]').first();
  await first.click();
  await expect(page.getByTestId('lesson-step-title')).toBeVisible();
  await expectNoViolations(page);
});

test('no axe violations with an encrypted token and its panel', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('signature-status')).toHaveAttribute('data-status', 'verified');
  // RFC 7516 Appendix A.3 (A128KW + A128CBC-HS256): the panel shows even before a key.
  const token =
    'eyJhbGciOiJBMTI4S1ciLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0.6KB707dM9YTIgHtLvtgWQ8mKwboJW3of9locizkDTHzBC2IlrT1oOQ.AxY8DCtDaGlsbGljb3RoZQ.KDlTtXchhZTGufMYmOYGS4HffxPSUrfmqCHXaI9wOGY.U0m_YmjN04DJvceFICbCVQ';
  const surface = page.getByTestId('token-input').locator(EDITABLE);
  await surface.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(token);
  await expect(page.getByTestId('jwe-status')).toBeVisible();
  await expect(page.getByTestId('jwe-panel')).toBeVisible();
  await expectNoViolations(page);
});

test('no axe violations with several found tokens listed (light and dark)', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('signature-status')).toHaveAttribute('data-status', 'verified');
  await page.getByTestId('examples').selectOption('token-response');
  await expect(page.getByTestId('found-token-2')).toBeVisible();
  await expectNoViolations(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoViolations(page);
});
