/**
 * Explain: time travel through the `clock` input, what the libraries would
 * say, the token's kind, and code snippets that never carry the key.
 */
import { expect, expectClaim, expectStatus, openLab, readEditor, setEditor, test } from './helpers';
import { SECRET, hs256, now } from './tokens';

const N = 1700000000;

test('clock: judging after exp fails the exp row, and clearing it brings it back', async ({
  page,
}) => {
  await openLab(page);
  const token = await hs256({ sub: 'a', iat: N - 60, exp: N + 3600 });
  await setEditor(page, 'key-input', SECRET);
  await setEditor(page, 'token-input', token);
  await expectStatus(page, 'verified');
  // The real clock is long past N + 3600: the token is expired now.
  await expectClaim(page, 'exp', 'fail');

  await setEditor(page, 'clock', String(N));
  await expectClaim(page, 'exp', 'ok');
  await expectClaim(page, 'iat', 'ok');
  await expect(page.getByTestId('clock-note')).toContainText('2023-11-14T22:13:20Z');

  await setEditor(page, 'clock', '2023-11-14T23:13:21Z'); // one second after exp
  await expectClaim(page, 'exp', 'fail');
  await setEditor(page, 'clock', '2023-11-14T23:13:19+00:00');
  await expectClaim(page, 'exp', 'ok');

  // Leeway widens the window: 2 s after exp, a 5 s leeway still accepts it.
  await setEditor(page, 'clock', String(N + 3602));
  await expectClaim(page, 'exp', 'fail');
  await setEditor(page, 'leeway', '5');
  await expectClaim(page, 'exp', 'ok');
  await setEditor(page, 'leeway', '0');

  // The quick button picks the first moment a server rejects it.
  await setEditor(page, 'clock', String(N));
  await expectClaim(page, 'exp', 'ok');
  await page.getByRole('button', { name: 'just after exp' }).click();
  await expectClaim(page, 'exp', 'fail');
  await expect(page.getByTestId('clock')).toHaveValue(String(N + 3601));

  // Invalid text says so next to the box and falls back to now (expired again).
  await setEditor(page, 'clock', String(N));
  await expectClaim(page, 'exp', 'ok');
  await setEditor(page, 'clock', 'next tuesday');
  await expect(page.getByTestId('clock-note')).toContainText('"next tuesday" is not a moment');
  await expect(page.getByTestId('clock')).toHaveAttribute('aria-invalid', 'true');
  await expectClaim(page, 'exp', 'fail');

  await setEditor(page, 'clock', '');
  await expectClaim(page, 'exp', 'fail');
  await expect(page.getByTestId('timeline')).toContainText('outside');
});

test('library outcomes: an expired token is ExpiredSignatureError, TokenExpiredError and ERR_JWT_EXPIRED', async ({
  page,
}) => {
  await openLab(page);
  const outcomes = page.getByTestId('library-outcomes');
  // The sample has "aud" and no audience is expected: only PyJWT refuses that.
  await expect(outcomes.locator('tr[data-library="pyjwt"]')).toContainText(
    'InvalidAudienceError: Invalid audience',
  );
  await expect(outcomes.locator('tr[data-library="jose"]')).toHaveAttribute('data-ok', 'true');
  const token = await hs256({ sub: 'a', iat: now() - 7200, exp: now() - 3600 });
  await setEditor(page, 'key-input', SECRET);
  await setEditor(page, 'token-input', token);
  await expectStatus(page, 'verified');
  await expect(outcomes.locator('tr[data-library="pyjwt"]')).toContainText(
    'ExpiredSignatureError: Signature has expired',
  );
  await expect(outcomes.locator('tr[data-library="jose"]')).toContainText('ERR_JWT_EXPIRED');
  await expect(outcomes.locator('tr[data-library="jsonwebtoken"]')).toContainText(
    'TokenExpiredError: jwt expired',
  );
  // A wrong key: signature failures in all three.
  await setEditor(page, 'key-input', `${SECRET}-wrong`);
  await expectStatus(page, 'invalid');
  await expect(outcomes.locator('tr[data-library="pyjwt"]')).toContainText(
    'InvalidSignatureError: Signature verification failed',
  );
});

test('token type: an ID token is recognised with its checks', async ({ page }) => {
  await openLab(page);
  const token = await hs256({
    iss: 'https://op.example',
    sub: 'u',
    aud: 'client-1',
    nonce: 'n1',
    iat: now(),
    exp: now() + 600,
  });
  await setEditor(page, 'key-input', SECRET);
  await setEditor(page, 'token-input', token);
  const card = page.getByTestId('token-type');
  await expect(card).toHaveAttribute('data-kind', 'id-token');
  await expect(card).toContainText('"nonce" equals the one you sent');
});

test('code: the Python snippet uses a placeholder, never the secret in the key box', async ({
  page,
}) => {
  await openLab(page);
  const secret = 'do-not-leak-this-secret-0123456789abcdef';
  const token = await hs256({ sub: 'a', iat: now(), exp: now() + 600 }, secret);
  await setEditor(page, 'key-input', secret);
  await setEditor(page, 'token-input', token);
  await setEditor(page, 'expected-iss', 'https://issuer.example');
  await page.getByText('Code: verify this way').click();
  const code = page.getByTestId('snippet-code');
  await expect(code).toContainText('os.environ["JWT_SECRET"]');
  await expect(code).toContainText('issuer="https://issuer.example"');
  await expect(code).not.toContainText(secret);
  await page.getByTestId('snippet-lang').selectOption('node-jose');
  await expect(code).toContainText('jwtVerify');
  await expect(code).not.toContainText(secret);
  await page.getByTestId('snippet-lang').selectOption('python-fastapi');
  await expect(code).toContainText('HTTPBearer');
  expect(await code.textContent()).not.toContain(secret);
});

test('editors: hovering a claim name explains it; typing a name offers completions', async ({
  page,
}) => {
  await openLab(page);
  await setEditor(page, 'payload-json', '{\n  "exp": 4102444800,\n  "sub": "a"\n}');
  const name = page.getByTestId('payload-json').locator('.cm-line', { hasText: '"exp"' });
  await name.hover({ position: { x: 20, y: 5 } });
  await expect(page.locator('.cm-claim-help')).toContainText('exp: Expiration time');

  const surface = page.getByTestId('payload-json').locator('.cm-content');
  await surface.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('End');
  await page.keyboard.insertText(',\n  "no');
  await page.keyboard.type('n');
  const popup = page.getByRole('listbox', { name: 'Claims' });
  await expect(popup.getByRole('option', { selected: true })).toContainText('nonce');
  await page.keyboard.press('Enter');
  await expect.poll(() => readEditor(page, 'payload-json')).toContain('"nonce": \n}');
  await expect(popup).toHaveCount(0);
  // Escape closes the list without taking anything.
  await page.keyboard.insertText('"x",\n  "ex');
  await expect(popup.getByRole('option', { selected: true })).toContainText('exp');
  await page.keyboard.press('Escape');
  await expect(popup).toHaveCount(0);
  await expect.poll(() => readEditor(page, 'payload-json')).toContain('"ex\n}');
});
