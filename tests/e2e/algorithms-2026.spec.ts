/**
 * The algorithms WebCrypto lacks, run with @noble/curves loaded on demand
 * (ES256K, RFC 8812; Ed448), and RFC 9864's fully specified names. Tokens
 * come from outside the page: node:crypto (OpenSSL) here, and PyJWT and the
 * OpenSSL CLI through tests/vectors/noble/vectors.json; what the page signs
 * is checked with node:crypto.
 */
import { createPublicKey, generateKeyPairSync, sign as nodeSign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  decodePart,
  expect,
  expectStatus,
  generateKeyAndSign,
  openLab,
  readEditor,
  setEditor,
  test,
} from './helpers';
import { b64url, ecPair, es256k, now } from './tokens';

interface Vector {
  id: string;
  token: string;
  key: string;
  expect: string;
}
const vectors = (
  JSON.parse(readFileSync(new URL('../vectors/noble/vectors.json', import.meta.url), 'utf8')) as {
    cases: Vector[];
  }
).cases;

async function load(page: Parameters<typeof openLab>[0], token: string, key: string) {
  await setEditor(page, 'key-input', key);
  await setEditor(page, 'token-input', token);
}

test('an ES256K token with its public JWK in key-input reads verified', async ({ page }) => {
  await openLab(page);
  const k1 = ecPair('secp256k1');
  const token = es256k({ sub: 'at-proto', iat: now(), exp: now() + 600 }, k1.privateKey);
  await load(page, token, JSON.stringify(k1.publicKey.export({ format: 'jwk' })));
  await expectStatus(page, 'verified');
  await expect(page.getByTestId('lint-alg-unknown')).toHaveCount(0);
  // The same token with another secp256k1 key is invalid, not a key error.
  await setEditor(page, 'key-input', ecPair('secp256k1').spki);
  await expectStatus(page, 'invalid');
});

test('tokens from PyJWT and the OpenSSL CLI (one high-S ES256K) verify', async ({ page }) => {
  await openLab(page);
  for (const vector of vectors) {
    await test.step(vector.id, async () => {
      await load(page, vector.token, vector.key);
      await expectStatus(page, vector.expect as 'verified' | 'invalid');
    });
  }
});

test('an Ed448 key from keygen re-signs the token, and OpenSSL verifies it', async ({ page }) => {
  await openLab(page);
  const token = await generateKeyAndSign(page, 'Ed448');
  expect(decodePart(token, 0).alg).toBe('Ed448');
  const pem = await page.getByTestId('public-key-pem').inputValue();
  const [input, signature] = [token.slice(0, token.lastIndexOf('.')), token.split('.')[2]!];
  const publicKey = createPublicKey(pem!.trim());
  expect(publicKey.asymmetricKeyType).toBe('ed448');
  expect(verify(null, Buffer.from(input), publicKey, Buffer.from(signature, 'base64url'))).toBe(
    true,
  );
  // The public JWKS verifies it too.
  await setEditor(page, 'key-input', await page.getByTestId('public-jwks').inputValue());
  await expectStatus(page, 'verified');
});

test('an ES256K key from keygen signs tokens OpenSSL verifies', async ({ page }) => {
  await openLab(page);
  const token = await generateKeyAndSign(page, 'ES256K');
  const jwks = JSON.parse(await page.getByTestId('public-jwks').inputValue()) as { keys: object[] };
  const publicKey = createPublicKey({ key: jwks.keys[0] as never, format: 'jwk' });
  const [input, signature] = [token.slice(0, token.lastIndexOf('.')), token.split('.')[2]!];
  const key = { key: publicKey, dsaEncoding: 'ieee-p1363' as const };
  expect(verify('sha256', Buffer.from(input), key, Buffer.from(signature, 'base64url'))).toBe(true);
});

test('an "alg": "Ed25519" token (RFC 9864) verifies', async ({ page }) => {
  await openLab(page);
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const input = `${b64url(JSON.stringify({ alg: 'Ed25519', typ: 'JWT' }))}.${b64url(JSON.stringify({ sub: 'fully-specified', iat: now() }))}`;
  const token = `${input}.${nodeSign(null, Buffer.from(input), privateKey).toString('base64url')}`;
  await load(page, token, String(publicKey.export({ type: 'spki', format: 'pem' })));
  await expectStatus(page, 'verified');
  await expect(page.getByTestId('lint-alg-unknown')).toHaveCount(0);
});

test('the ES256K example loads, verifies, and re-signs an edit', async ({ page }) => {
  await openLab(page);
  await page.getByTestId('examples').selectOption('es256k');
  await expect(page.getByTestId('example-note')).toContainText('ES256K');
  await expect
    .poll(async () => decodePart(await readEditor(page, 'token-input'), 0).alg)
    .toBe('ES256K');
  await expectStatus(page, 'verified');
  await setEditor(page, 'payload-json', '{"sub":"edited","exp":9999999999}');
  await expect
    .poll(async () => decodePart(await readEditor(page, 'token-input'), 1).sub)
    .toBe('edited');
  await expectStatus(page, 'verified');
});
