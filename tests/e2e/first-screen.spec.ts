import {
  decodePart,
  expect,
  expectClaim,
  expectStatus,
  readEditor,
  setEditor,
  test,
} from './helpers';

test.describe('first screen', () => {
  test('shows a verified sample token, its JSON, its claims and the claim settings', async ({
    page,
  }) => {
    await page.goto('./');
    await expectStatus(page, 'verified');
    await expect(page.getByTestId('signature-status')).toBeVisible();
    await expect(page.getByTestId('signature-status')).not.toHaveText(/^\s*$/);

    for (const id of ['token-input', 'header-json', 'payload-json', 'key-input']) {
      await expect(page.getByTestId(id), id).toBeVisible();
    }
    const token = await readEditor(page, 'token-input');
    expect(token.trim().split('.')).toHaveLength(3);

    const header = JSON.parse(await readEditor(page, 'header-json')) as Record<string, unknown>;
    const payload = JSON.parse(await readEditor(page, 'payload-json')) as Record<string, unknown>;
    expect(typeof header.alg).toBe('string');
    expect(header).toEqual(decodePart(token, 0));
    expect(payload).toEqual(decodePart(token, 1));
    expect(Object.keys(payload).length).toBeGreaterThan(0);
    expect(await readEditor(page, 'key-input')).not.toBe('');

    // One claim row per claim in the payload; the sample's time claims hold now.
    for (const name of Object.keys(payload)) {
      await expect(page.getByTestId(`claim-${name}`), `claim-${name}`).toBeVisible();
    }
    expect(payload).toHaveProperty('exp');
    await expectClaim(page, 'exp', 'ok');
    for (const name of ['nbf', 'iat'] as const) {
      if (name in payload) await expectClaim(page, name, 'ok');
    }
    await expect(page.getByTestId('decode-error')).toHaveCount(0);

    for (const id of ['leeway', 'expected-iss', 'expected-aud']) {
      await expect(page.getByTestId(id), id).toBeVisible();
    }
    await expect(page.getByTestId('leeway')).toHaveValue('0');
    await expect(page.getByTestId('expected-iss')).toHaveValue('');
    await expect(page.getByTestId('expected-aud')).toHaveValue('');
  });

  test('each contract hook on the first screen names exactly one element', async ({ page }) => {
    await page.goto('./');
    await expectStatus(page, 'verified');
    for (const id of [
      'token-input',
      'header-json',
      'payload-json',
      'key-input',
      'leeway',
      'expected-iss',
      'expected-aud',
      'signature-status',
    ]) {
      await expect(page.getByTestId(id), id).toHaveCount(1);
    }
  });
});

test.describe('editing by keyboard', () => {
  test('Control+A, Delete empties an editor, also after another field had the focus', async ({
    page,
  }) => {
    await page.goto('./');
    await expectStatus(page, 'verified');
    // Focus elsewhere first: the editors must still take a select-all and delete.
    await setEditor(page, 'expected-aud', 'someone');
    await setEditor(page, 'key-input', '');
    await expectStatus(page, 'needs-key');
    await setEditor(page, 'expected-aud', '');
    await setEditor(page, 'token-input', '');
    await expect(page.getByTestId('decode-error')).toHaveAttribute('data-code', 'ERR_TOKEN_EMPTY');
    await expectStatus(page, 'malformed');
  });
});
