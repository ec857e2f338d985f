/**
 * Editing the decoded JSON re-signs the token with the key in `key-input`;
 * the new token must verify outside the page too (jose `compactVerify` in node).
 */
import { SignJWT, compactVerify } from 'jose';
import type { KeyObject } from 'node:crypto';
import type { Page } from '@playwright/test';
import {
  decodePart,
  expect,
  expectStatus,
  openLab,
  readEditor,
  recordStatuses,
  recordedStatuses,
  setEditor,
  test,
} from './helpers';
import { ecPair, ed25519Pair, now, rsaPair, signWith } from './tokens';

test.describe.configure({ mode: 'parallel' });

type VerifyKey = KeyObject | Uint8Array;

/** Wait until `token-input` holds a token other than `before`, and return it. */
async function nextToken(page: Page, before: string): Promise<string> {
  await expect
    .poll(() => readEditor(page, 'token-input'), {
      message: 'token-input holds a new token',
      intervals: [50, 100, 200, 400],
    })
    .not.toBe(before);
  return (await readEditor(page, 'token-input')).trim();
}

/** The token verifies in node with jose, outside the page. */
async function verifiesOutside(token: string, key: VerifyKey, alg: string): Promise<void> {
  const { protectedHeader } = await compactVerify(token, key, { algorithms: [alg] });
  expect(protectedHeader.alg).toBe(alg);
}

/**
 * Edit the payload (change a claim), then the header (add members); after each
 * edit the token is re-signed, verified in the page and outside it.
 */
async function editAndCheck(
  page: Page,
  alg: string,
  verifyKey: VerifyKey,
  label: string,
): Promise<void> {
  await expectStatus(page, 'verified');

  // Payload: change one claim, add another.
  const before = await readEditor(page, 'token-input');
  const payload = JSON.parse(await readEditor(page, 'payload-json')) as Record<string, unknown>;
  const edited = { ...payload, sub: `edited-${label}`, role: 'tester' };
  await setEditor(page, 'payload-json', JSON.stringify(edited, null, 2));
  const token = await nextToken(page, before);
  expect(token.split('.')).toHaveLength(3);
  expect(decodePart(token, 1)).toEqual(edited);
  await expectStatus(page, 'verified');
  await expect(page.getByTestId('edit-error')).toHaveCount(0);
  await verifiesOutside(token, verifyKey, alg);

  // Header: every member typed is kept, custom ones included.
  const header = {
    alg,
    typ: 'JWT',
    kid: `kid-${label}`,
    'x-lab': { note: 'custom member', n: [1, 2, 3] },
    cty: 'example',
  };
  await setEditor(page, 'header-json', JSON.stringify(header, null, 2));
  const resigned = await nextToken(page, token);
  expect(decodePart(resigned, 0)).toMatchObject(header);
  expect(decodePart(resigned, 1)).toEqual(edited);
  await expectStatus(page, 'verified');
  await verifiesOutside(resigned, verifyKey, alg);
}

test('HMAC secret: the sample token on the first screen re-signs on edit', async ({ page }) => {
  await openLab(page);
  const header = JSON.parse(await readEditor(page, 'header-json')) as { alg: string };
  const secret = new TextEncoder().encode(await readEditor(page, 'key-input'));
  await verifiesOutside(await readEditor(page, 'token-input'), secret, header.alg);
  await editAndCheck(page, header.alg, secret, 'hmac');
});

test('HMAC secret typed by hand (HS384) re-signs on edit', async ({ page }) => {
  await openLab(page);
  const secret = 'a-hand-typed-secret-for-hs384-that-is-48-chars!!';
  const key = new TextEncoder().encode(secret);
  const token = await new SignJWT({ sub: 'hs384', iat: now() })
    .setProtectedHeader({ alg: 'HS384', typ: 'JWT' })
    .sign(key);
  await setEditor(page, 'key-input', secret);
  await setEditor(page, 'token-input', token);
  await editAndCheck(page, 'HS384', key, 'hs384');
});

const privateForms = [
  {
    name: 'PKCS#8 RSA private key (RS256)',
    alg: 'RS256',
    make: () => {
      const k = rsaPair();
      return { ...k, text: k.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
    },
  },
  {
    name: 'PKCS#1 RSA private key (PS256)',
    alg: 'PS256',
    make: () => {
      const k = rsaPair();
      return { ...k, text: k.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString() };
    },
  },
  {
    name: 'SEC1 EC private key (ES256)',
    alg: 'ES256',
    make: () => {
      const k = ecPair('P-256');
      return { ...k, text: k.privateKey.export({ type: 'sec1', format: 'pem' }).toString() };
    },
  },
  {
    name: 'private JWK Ed25519 (EdDSA)',
    alg: 'EdDSA',
    make: () => {
      const k = ed25519Pair();
      return { ...k, text: JSON.stringify(k.privateKey.export({ format: 'jwk' }), null, 2) };
    },
  },
] as const;

for (const form of privateForms) {
  test(`${form.name}: edits re-sign, and the token verifies in node`, async ({ page }) => {
    const key = form.make();
    expect(key.text).toMatch(form.alg === 'EdDSA' ? /"d"/ : /PRIVATE KEY-----/);
    const token = await signWith({ sub: 'signed-in-node', iat: now() }, form.alg, key.privateKey);
    await openLab(page);
    await setEditor(page, 'key-input', key.text);
    await setEditor(page, 'token-input', token);
    await editAndCheck(page, form.alg, key.publicKey, form.alg.toLowerCase());
  });
}

test('with only a public key, an edited payload keeps the old signature: invalid', async ({
  page,
}) => {
  const key = rsaPair();
  const token = await signWith({ sub: 'public-only', iat: now() }, 'RS256', key.privateKey);
  await openLab(page);
  await setEditor(page, 'key-input', key.spki);
  await setEditor(page, 'token-input', token);
  await expectStatus(page, 'verified');

  await recordStatuses(page);
  const payload = JSON.parse(await readEditor(page, 'payload-json')) as Record<string, unknown>;
  await setEditor(page, 'payload-json', JSON.stringify({ ...payload, sub: 'changed' }, null, 2));
  await expectStatus(page, 'invalid');
  expect(await recordedStatuses(page)).not.toContain('verified');
  const after = (await readEditor(page, 'token-input')).trim();
  expect(after).not.toBe(token);
  expect(decodePart(after, 1)).toMatchObject({ sub: 'changed' });
  await expect(compactVerify(after, key.publicKey)).rejects.toThrow();
});

test('invalid JSON in the payload editor shows edit-error and leaves the token alone', async ({
  page,
}) => {
  await openLab(page);
  const before = await readEditor(page, 'token-input');
  const payload = JSON.parse(await readEditor(page, 'payload-json')) as Record<string, unknown>;

  await setEditor(page, 'payload-json', '{\n  "sub": "broken",\n  "name": \n}');
  const error = page.getByTestId('edit-error');
  await expect(error).toBeVisible();
  await expect(error).not.toHaveText(/^\s*$/);
  expect(await readEditor(page, 'token-input')).toBe(before);
  await expectStatus(page, 'verified');

  // A header that is not JSON: the same.
  await setEditor(page, 'header-json', '{"alg": "HS256",');
  await expect(error).toBeVisible();
  expect(await readEditor(page, 'token-input')).toBe(before);

  // Valid JSON again in both: the error goes and the token is re-signed.
  await setEditor(page, 'header-json', JSON.stringify(decodePart(before, 0), null, 2));
  await setEditor(page, 'payload-json', JSON.stringify({ ...payload, sub: 'fixed' }, null, 2));
  await expect(error).toHaveCount(0);
  const after = await nextToken(page, before);
  expect(decodePart(after, 1)).toMatchObject({ sub: 'fixed' });
  await expectStatus(page, 'verified');
});
