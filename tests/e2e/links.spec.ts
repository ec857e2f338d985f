/**
 * A link is someone else's say: what it sets besides the token is named as
 * the link's, a key it carries never yields a plain "Signature verified",
 * and unreasonable values in it are refused.
 */
import { expect, expectClaim, expectStatus, readEditor, setEditor, test } from './helpers';
import { SECRET, hs256, now } from './tokens';

const FORGER = 'the-forgers-own-secret-0123456789abcdef0123';

test('a key from the link verifies only "with the link\'s key", and says so', async ({ page }) => {
  const token = await hs256({ sub: 'admin', exp: now() + 600 }, FORGER);
  await page.goto(`./#token=${token}&key=${encodeURIComponent(FORGER)}`);
  await expect.poll(() => readEditor(page, 'key-input')).toBe(FORGER);
  await expectStatus(page, 'verified');
  const status = page.getByTestId('signature-status');
  await expect(status).toContainText("Verified with the link's key");
  await expect(status).toContainText('proves nothing');
  await expect(status).not.toContainText('Signature verified');
  await expect(page.getByTestId('link-state')).toContainText('the key');
  await expect(page.getByTestId('lint-key-from-link')).toHaveAttribute('data-severity', 'high');

  // A key of the person's own: the link no longer speaks for it.
  await setEditor(page, 'key-input', SECRET);
  await expectStatus(page, 'invalid');
  await expect(page.getByTestId('link-state')).toHaveCount(0);
  await expect(page.getByTestId('lint-key-from-link')).toHaveCount(0);
});

test('settings from a link are named next to the verdict', async ({ page }) => {
  const token = await hs256({ sub: 's', iss: 'https://evil.example', exp: now() + 600 });
  await page.goto(`./#token=${token}&leeway=30&iss=${encodeURIComponent('https://evil.example')}`);
  await expect(page.getByTestId('leeway')).toHaveValue('30');
  await expect(page.getByTestId('link-state')).toContainText('a leeway of 30 s');
  await expect(page.getByTestId('link-state')).toContainText('https://evil.example');
  await page.getByTestId('leeway').fill('0');
  await expect(page.getByTestId('link-state')).not.toContainText('leeway');
});

test('a leeway over a year is refused: a token expired a month ago stays expired', async ({
  page,
}) => {
  const token = await hs256({ sub: 'old', exp: now() - 30 * 24 * 3600 });
  await page.goto(`./#token=${token}&leeway=99999999999`);
  await expect.poll(() => readEditor(page, 'token-input')).toBe(token);
  await expect(page.getByTestId('leeway-error')).toContainText('over a year');
  await expectClaim(page, 'exp', 'fail');
  await expect(page.getByTestId('claims-status')).toHaveAttribute('data-status', 'fail');
});
