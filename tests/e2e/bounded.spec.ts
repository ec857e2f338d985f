/**
 * Bounded work: huge payloads and key sets draw a part at a time, and the
 * page answers the next small token afterwards, with no page error.
 */
import { expect, expectStatus, openLab, putText, test } from './helpers';
import { SECRET, b64url, hs256, now } from './tokens';

test.describe.configure({ mode: 'parallel' });

/** The page still answers: a small token with its key reads verified. */
async function answersASmallToken(page: import('@playwright/test').Page): Promise<void> {
  await putText(page, 'key-input', SECRET);
  await putText(page, 'token-input', await hs256({ sub: 'small', exp: now() + 600 }));
  await expectStatus(page, 'verified');
}

test('a payload of 100,000 claims draws its rows a part at a time', async ({ page }) => {
  test.setTimeout(180_000);
  await openLab(page);
  const claims: Record<string, number> = {};
  for (let i = 0; i < 100_000; i++) claims[`c${i}`] = i;
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  await putText(page, 'token-input', `${header}.${b64url(JSON.stringify(claims))}.c2ln`);
  await expect(page.getByTestId('claims-more')).toBeVisible({ timeout: 60_000 });
  const rows = page.locator('[data-testid^="claim-"]');
  expect(await rows.count()).toBeLessThanOrEqual(200);
  await expect(page.getByTestId('claim-c0')).toBeVisible();
  await expect(page.getByTestId('claim-c99999')).toHaveCount(0);
  await page.getByTestId('claims-more').click();
  await expect(page.getByTestId('claim-c399')).toBeVisible();
  await answersASmallToken(page);
});

test('a JWKS of 10,000 keys lists a part, and the next small token is answered', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openLab(page);
  const keys = Array.from({ length: 10_000 }, (_, i) => ({
    kty: 'oct',
    kid: `k${i}`,
    k: b64url(`a-secret-for-key-number-${i}-0123456789abcdef`),
  }));
  await putText(page, 'key-input', JSON.stringify({ keys }));
  await expect(page.getByTestId('jwks-more')).toBeVisible({ timeout: 60_000 });
  expect(await page.getByTestId('jwks-key').count()).toBeLessThanOrEqual(200);
  await answersASmallToken(page);
});
