/**
 * What the one engine pipeline fixed, as a person meets it: decoded editors
 * that never show an earlier token, findings judged at the judged moment,
 * and the sample key that never judges a token pasted from elsewhere.
 */
import { expect, expectStatus, openLab, readEditor, setEditor, test, wakeEditor } from './helpers';
import { OTHER_SECRET, SECRET, b64url, hs256, now, tamperOneCharacter } from './tokens';

test.describe.configure({ mode: 'parallel' });

test.describe('decoded editors follow the text, never an earlier token', () => {
  test('a header that decodes is shown when the payload does not', async ({ page }) => {
    await openLab(page);
    expect(await readEditor(page, 'payload-json')).toContain('Ada Lovelace');
    const header = b64url(JSON.stringify({ alg: 'HS256', kid: 'this-header' }));
    await setEditor(page, 'token-input', `${header}.%%%.c2ln`);
    await expect(page.getByTestId('decode-error')).toHaveAttribute(
      'data-code',
      'ERR_PART_BASE64URL',
    );
    await expect.poll(() => readEditor(page, 'header-json')).toContain('this-header');
    await expect.poll(() => readEditor(page, 'payload-json')).toBe('');
    await expect(page.getByTestId('decoded-note')).toContainText('as far as this text decodes');
  });

  test('nothing that decodes leaves both editors empty, with a note', async ({ page }) => {
    await openLab(page);
    await setEditor(page, 'token-input', 'this is not a token');
    await expect(page.getByTestId('decode-error')).toBeVisible();
    await expect.poll(() => readEditor(page, 'header-json')).toBe('');
    await expect.poll(() => readEditor(page, 'payload-json')).toBe('');
    await expect(page.getByTestId('decoded-note')).toHaveText(
      'Nothing of this text decodes, so the header and payload are empty.',
    );
  });
});

test('findings are judged at the moment the clock control names', async ({ page }) => {
  await openLab(page);
  const t = now();
  await setEditor(page, 'key-input', SECRET);
  await setEditor(page, 'token-input', await hs256({ iss: 'i', aud: 'a', iat: t, exp: t + 600 }));
  await expectStatus(page, 'verified');
  await expect(page.getByTestId('lint-exp-missing')).toHaveCount(0);
  await expect(page.getByTestId('lint-iat-future')).toHaveCount(0);
  // An hour before it was issued, the token's iat lies in the future.
  await page.getByTestId('clock').fill(String(t - 3600));
  await expect(page.getByTestId('lint-iat-future')).toBeVisible();
  await page.getByTestId('clock').fill('');
  await expect(page.getByTestId('lint-iat-future')).toHaveCount(0);
});

test.describe('the sample key judges only the sample token', () => {
  test('a pasted token needs a key instead of reading invalid', async ({ page }) => {
    await openLab(page);
    await setEditor(page, 'token-input', await hs256({ sub: 'pasted' }, OTHER_SECRET));
    await expectStatus(page, 'needs-key');
    await expect(page.getByTestId('signature-status')).toContainText('sample key');
    // A key the person types is always used.
    await setEditor(page, 'key-input', SECRET);
    await expectStatus(page, 'invalid');
    await setEditor(page, 'key-input', OTHER_SECRET);
    await expectStatus(page, 'verified');
  });

  test('tampering with the sample still reads invalid', async ({ page }) => {
    await openLab(page);
    const sample = await readEditor(page, 'token-input');
    await setEditor(page, 'token-input', tamperOneCharacter(sample.trim()));
    await expectStatus(page, 'invalid');
  });

  test('an edit of the sample, re-signed by the page, is verified by it', async ({ page }) => {
    await openLab(page);
    await setEditor(page, 'payload-json', JSON.stringify({ sub: 'edited', exp: now() + 60 }));
    await expect.poll(() => readEditor(page, 'token-input')).not.toContain('Ada');
    await expectStatus(page, 'verified');
  });

  test('a pasted JWE needs a key too', async ({ page }) => {
    await openLab(page);
    const header = b64url(JSON.stringify({ alg: 'dir', enc: 'A128GCM' }));
    await setEditor(page, 'token-input', `${header}..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA`);
    await expect(page.getByTestId('jwe-status')).toHaveAttribute('data-status', 'needs-key');
    await expect(page.getByTestId('jwe-status')).toContainText('sample key');
  });
});

test('a lone surrogate typed into the payload is refused and marked where it is', async ({
  page,
}) => {
  await openLab(page);
  const before = await readEditor(page, 'token-input');
  await wakeEditor(page, 'payload-json');
  // Made in the page: a lone surrogate does not survive being sent as a string.
  await page.getByTestId('payload-json').evaluate((el) => {
    type View = { state: { doc: { length: number } }; dispatch(spec: unknown): void };
    const view = (el as Element & { editorView?: View }).editorView!;
    const text = `{"sub":"a${String.fromCharCode(0xd800)}b"}`;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  });
  await expect(page.getByTestId('edit-error')).toContainText('lone surrogate (U+D800)');
  await expect(page.getByTestId('payload-json').locator('.cm-problem-error')).toHaveText(
    String.fromCharCode(0xd800),
  );
  expect(await readEditor(page, 'token-input')).toBe(before);
});
