/**
 * Encrypted tokens in the page: JWEs made by jose in node decrypt for each key
 * family; a JWE built in the page decrypts with jose in node; a nested JWT
 * shows both verdicts.
 */
import { generateKeyPairSync } from 'node:crypto';
import * as jose from 'jose';
import { expect, openLab, readEditor, readEditorJson, setEditor, test } from './helpers';
import { hs256, now, SECRET } from './tokens';

const claims = () => ({ sub: 'jwe-e2e', iat: now(), exp: now() + 3600 });
const encrypt = (
  payload: string,
  header: jose.CompactJWEHeaderParameters,
  key: jose.CryptoKey | Uint8Array | jose.KeyObject,
) =>
  new jose.CompactEncrypt(new TextEncoder().encode(payload))
    .setProtectedHeader(header)
    .encrypt(key);

async function expectDecrypted(page: import('@playwright/test').Page, sub: string): Promise<void> {
  await expect(page.getByTestId('jwe-status')).toHaveAttribute('data-status', 'decrypted');
  await expect.poll(() => readEditorJson(page, 'payload-json')).toMatchObject({ sub });
}

test.describe('JWEs made outside the page decrypt in it', () => {
  test('RSA-OAEP-256 with a PKCS#8 PEM, header shown at once', async ({ page }) => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const token = await encrypt(
      JSON.stringify(claims()),
      { alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'r1' },
      publicKey,
    );
    await openLab(page);
    await setEditor(page, 'key-input', '');
    await setEditor(page, 'token-input', token);
    await expect(page.getByTestId('jwe-status')).toHaveAttribute('data-status', 'needs-key');
    await expect(page.getByTestId('signature-status')).toHaveCount(0);
    expect(JSON.parse(await readEditor(page, 'header-json'))).toEqual({
      alg: 'RSA-OAEP-256',
      enc: 'A256GCM',
      kid: 'r1',
    });
    await expect(page.getByTestId('jwe-part-encrypted_key')).toContainText('256 bytes');
    await expect(page.getByTestId('jwe-part-iv')).toContainText('12 bytes');
    await setEditor(
      page,
      'key-input',
      privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    );
    await expectDecrypted(page, 'jwe-e2e');
    await expect(page.getByTestId('claim-exp')).toHaveAttribute('data-status', 'ok');
  });

  for (const crv of ['P-256', 'P-521', 'X25519'] as const) {
    test(`ECDH-ES+A256KW on ${crv} with a private JWK`, async ({ page }) => {
      const { publicKey, privateKey } = await jose.generateKeyPair('ECDH-ES+A256KW', {
        crv,
        extractable: true,
      });
      const token = await encrypt(
        JSON.stringify(claims()),
        { alg: 'ECDH-ES+A256KW', enc: 'A128CBC-HS256' },
        publicKey,
      );
      await openLab(page);
      await setEditor(page, 'key-input', JSON.stringify(await jose.exportJWK(privateKey)));
      await setEditor(page, 'token-input', token);
      await expectDecrypted(page, 'jwe-e2e');
    });
  }

  test('A256KW with a symmetric JWK, and dir with a JWKS matched by kid', async ({ page }) => {
    const kw = crypto.getRandomValues(new Uint8Array(32));
    await openLab(page);
    await setEditor(
      page,
      'key-input',
      JSON.stringify({ kty: 'oct', k: jose.base64url.encode(kw) }),
    );
    await setEditor(
      page,
      'token-input',
      await encrypt(JSON.stringify(claims()), { alg: 'A256KW', enc: 'A256GCM' }, kw),
    );
    await expectDecrypted(page, 'jwe-e2e');

    const cek = crypto.getRandomValues(new Uint8Array(16));
    const other = crypto.getRandomValues(new Uint8Array(16));
    const jwks = {
      keys: [
        { kty: 'oct', kid: 'a', k: jose.base64url.encode(other) },
        { kty: 'oct', kid: 'b', k: jose.base64url.encode(cek) },
      ],
    };
    await setEditor(page, 'key-input', JSON.stringify(jwks));
    await setEditor(
      page,
      'token-input',
      await encrypt(JSON.stringify({ sub: 'dir' }), { alg: 'dir', enc: 'A128GCM', kid: 'b' }, cek),
    );
    await expectDecrypted(page, 'dir');
  });

  test('PBES2 with a password shows p2c; a wrong password fails with the step', async ({
    page,
  }) => {
    const password = 'correct horse battery staple';
    const token = await new jose.CompactEncrypt(new TextEncoder().encode(JSON.stringify(claims())))
      .setProtectedHeader({ alg: 'PBES2-HS512+A256KW', enc: 'A256CBC-HS512' })
      .setKeyManagementParameters({ p2c: 10000 })
      .encrypt(new TextEncoder().encode(password));
    await openLab(page);
    await setEditor(page, 'key-input', 'wrong password');
    await setEditor(page, 'token-input', token);
    await expect(page.getByTestId('jwe-status')).toHaveAttribute('data-status', 'failed');
    // The key derived from the password does not unwrap the content key: step 1 says so.
    await expect(page.getByTestId('jwe-status')).toContainText(
      'Step 1, key management, failed: the encrypted key does not open with this key',
    );
    await expect(page.getByTestId('jwe-p2c')).toContainText('10,000');
    await setEditor(page, 'key-input', password);
    await expectDecrypted(page, 'jwe-e2e');
  });

  test('RSA1_5 is refused with the reason', async ({ page }) => {
    const header = jose.base64url.encode(JSON.stringify({ alg: 'RSA1_5', enc: 'A128CBC-HS256' }));
    await openLab(page);
    await setEditor(
      page,
      'token-input',
      `${header}.AAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA`,
    );
    await expect(page.getByTestId('jwe-status')).toHaveAttribute('data-status', 'failed');
    await expect(page.getByTestId('jwe-status')).toContainText(
      'RSA1_5 is deprecated and not supported by jose 6',
    );
  });
});

test('a JWE built in the page (enc added to the header) decrypts with jose in node', async ({
  page,
}) => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  await openLab(page);
  await setEditor(page, 'token-input', await hs256({ sub: 'built-in-page', iat: now() }));
  await setEditor(
    page,
    'key-input',
    privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  );
  await setEditor(page, 'header-json', '{"alg":"RSA-OAEP-256","enc":"A256GCM","kid":"page"}');
  await expect.poll(async () => (await readEditor(page, 'token-input')).split('.').length).toBe(5);
  await expect(page.getByTestId('jwe-status')).toHaveAttribute('data-status', 'decrypted');
  const token = (await readEditor(page, 'token-input')).trim();
  const { plaintext, protectedHeader } = await jose.compactDecrypt(token, privateKey, {
    keyManagementAlgorithms: ['RSA-OAEP-256'],
  });
  expect(protectedHeader).toEqual({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'page' });
  expect(JSON.parse(new TextDecoder().decode(plaintext)).sub).toBe('built-in-page');
});

test('a nested JWT shows both verdicts', async ({ page }) => {
  const { publicKey, privateKey } = await jose.generateKeyPair('ECDH-ES+A128KW', {
    crv: 'P-256',
    extractable: true,
  });
  const inner = await hs256({ sub: 'nested-inner', iat: now(), exp: now() + 600 });
  const token = await encrypt(
    inner,
    { alg: 'ECDH-ES+A128KW', enc: 'A256GCM', cty: 'JWT' },
    publicKey,
  );
  await openLab(page);
  await setEditor(page, 'key-input', JSON.stringify(await jose.exportJWK(privateKey)));
  await setEditor(page, 'token-input', token);
  await expectDecrypted(page, 'nested-inner');
  await expect(page.getByTestId('signature-status')).toHaveAttribute('data-status', 'needs-key');
  await setEditor(page, 'inner-key-input', SECRET);
  await expect(page.getByTestId('signature-status')).toHaveAttribute('data-status', 'verified');
  await expect(page.getByTestId('jwe-status')).toHaveAttribute('data-status', 'decrypted');
  expect(JSON.parse(await readEditor(page, 'payload-json'))).toMatchObject({ sub: 'nested-inner' });
  await setEditor(page, 'inner-key-input', 'not-the-secret-0123456789abcdef0123456789');
  await expect(page.getByTestId('signature-status')).toHaveAttribute('data-status', 'invalid');
});

test('sign then encrypt in one step makes a nested JWT that jose opens', async ({ page }) => {
  const kw = crypto.getRandomValues(new Uint8Array(16));
  await openLab(page);
  await setEditor(page, 'key-input', JSON.stringify({ kty: 'oct', k: jose.base64url.encode(kw) }));
  await setEditor(page, 'header-json', '{"alg":"A128KW","enc":"A128GCM"}');
  await page.getByTestId('sign-then-encrypt').check();
  await setEditor(page, 'inner-key-input', SECRET);
  await setEditor(page, 'payload-json', '{"sub":"signed-then-encrypted"}');
  await expect(page.getByTestId('signature-status')).toHaveAttribute('data-status', 'verified');
  const token = (await readEditor(page, 'token-input')).trim();
  const { plaintext, protectedHeader } = await jose.compactDecrypt(token, kw);
  expect(protectedHeader.cty).toBe('JWT');
  const { payload } = await jose.jwtVerify(
    new TextDecoder().decode(plaintext),
    new TextEncoder().encode(SECRET),
  );
  expect(payload.sub).toBe('signed-then-encrypted');
});
