/**
 * ML-DSA (RFC 9964) in the page: verify with every key form, refuse keys that
 * do not fit, re-sign, generate and export, and say so where WebCrypto lacks
 * it. Node 20 has no ML-DSA, so every token the page makes is checked here by
 * Chromium's WebCrypto called directly from the test (page.evaluate), never
 * through the page's own code; and the token the page verifies is signed the
 * same way, with RFC 9964's all-zeros ML-DSA-44 key. The RFC's own JWS has a
 * plain-text payload, which the page must refuse to decode as a JWT, so that
 * example is checked with WebCrypto directly.
 */
import { calculateJwkThumbprint, type JWK } from 'jose';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
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

interface MlDsaCase {
  id: string;
  token: string;
  key: string;
  signingKey: string;
}
const VECTORS = JSON.parse(
  readFileSync(new URL('../vectors/ml-dsa/rfc9964.json', import.meta.url), 'utf8'),
) as { cases: MlDsaCase[]; zeroSeedThumbprints: Record<string, string> };
const [JWK_CASE, PEM_CASE] = VECTORS.cases as [MlDsaCase, MlDsaCase];
const RFC_PUBLIC = JSON.parse(JWK_CASE.key) as JWK;
const RFC_PRIVATE = JSON.parse(JWK_CASE.signingKey) as JWK;
const PAYLOAD = { sub: 'ml-dsa', iss: 'https://issuer.example', iat: 1700000000, exp: 4102444800 };

/** Public key material for the direct WebCrypto check: a JWK, or SPKI PEM text. */
type PublicKeyText = { jwk: JWK } | { spkiPem: string };

/** Sign header.payload with WebCrypto directly in the page (not through the page's code). */
function webCryptoSign(page: Page, privateJwk: JWK, header: object, payload: object) {
  return page.evaluate(
    async ({ privateJwk, header, payload }) => {
      const b64u = (bytes: Uint8Array) =>
        btoa(String.fromCharCode(...bytes))
          .replace(/\+/g, '-')
          .replace(/\//g, '_')
          .replace(/=+$/, '');
      const text = (value: object) => b64u(new TextEncoder().encode(JSON.stringify(value)));
      const { alg } = privateJwk as { alg: string };
      const key = await crypto.subtle.importKey('jwk', privateJwk, { name: alg }, false, ['sign']);
      const input = `${text(header)}.${text(payload)}`;
      const signature = await crypto.subtle.sign(
        { name: alg },
        key,
        new TextEncoder().encode(input),
      );
      return `${input}.${b64u(new Uint8Array(signature))}`;
    },
    { privateJwk, header, payload },
  );
}

/** Verify a token with WebCrypto directly in the page. */
function webCryptoVerify(page: Page, alg: string, key: PublicKeyText, token: string) {
  return page.evaluate(
    async ({ alg, key, token }) => {
      const bytes = (b64: string) =>
        Uint8Array.from(atob(b64.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
      const [header, payload, signature] = token.split('.') as [string, string, string];
      const cryptoKey =
        'jwk' in key
          ? await crypto.subtle.importKey('jwk', key.jwk, { name: alg }, false, ['verify'])
          : await crypto.subtle.importKey(
              'spki',
              bytes(key.spkiPem.replace(/-----[^-]+-----|\s/g, '')),
              { name: alg },
              false,
              ['verify'],
            );
      return crypto.subtle.verify(
        { name: alg },
        cryptoKey,
        bytes(signature),
        new TextEncoder().encode(`${header}.${payload}`),
      );
    },
    { alg, key, token },
  );
}

/** A fresh key pair made by WebCrypto in the page, as JWKs. */
function webCryptoKeyPair(page: Page, alg: string) {
  return page.evaluate(async (alg) => {
    const pair = (await crypto.subtle.generateKey({ name: alg }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    return {
      publicJwk: await crypto.subtle.exportKey('jwk', pair.publicKey),
      privateJwk: await crypto.subtle.exportKey('jwk', pair.privateKey),
    };
  }, alg);
}

/** The public JWK that the 32-byte zero seed expands to, by WebCrypto in the page. */
function zeroSeedPublicJwk(page: Page, alg: string): Promise<JWK> {
  return page.evaluate(async (alg) => {
    const key = await crypto.subtle.importKey(
      // TypeScript's DOM types do not list the 'raw-seed' format (WebCrypto ML-DSA) yet.
      'raw-seed' as 'raw',
      new Uint8Array(32),
      { name: alg },
      true,
      ['sign'],
    );
    const { kty, pub } = (await crypto.subtle.exportKey('jwk', key)) as JsonWebKey & {
      pub: string;
    };
    return { kty, alg, pub };
  }, alg);
}

const json = (value: unknown) => JSON.stringify(value, null, 2);
const bare = ({ kty, alg, pub }: JWK) => ({ kty, alg, pub });

test('RFC 9964 A.1: Chromium verifies the example, and its zero seed expands to its pub', async ({
  page,
}) => {
  await openLab(page);
  expect(await webCryptoVerify(page, 'ML-DSA-44', { jwk: RFC_PUBLIC }, JWK_CASE.token)).toBe(true);
  expect(await webCryptoVerify(page, 'ML-DSA-44', { spkiPem: PEM_CASE.key }, JWK_CASE.token)).toBe(
    true,
  );
  expect((await zeroSeedPublicJwk(page, 'ML-DSA-44')).pub).toBe(RFC_PUBLIC.pub);
  // A JWS whose payload is text is not a JWT, but its signature is checked all the same.
  await setEditor(page, 'key-input', JWK_CASE.key);
  await setEditor(page, 'token-input', JWK_CASE.token);
  await expect(page.getByTestId('payload-form')).toHaveAttribute('data-form', 'text');
  await expectStatus(page, 'verified');
});

// The draft authors' examples give, for each parameter set, the thumbprint of the zero seed's
// key: an outside check of the page's thumbprints (and of Chromium's key expansion) for all three.
for (const [alg, kid] of Object.entries(VECTORS.zeroSeedThumbprints).filter(([k]) =>
  k.startsWith('ML-DSA-'),
)) {
  test(`${alg}: the zero seed's key has the draft's thumbprint, in node and in the page`, async ({
    page,
  }) => {
    await openLab(page);
    const publicJwk = await zeroSeedPublicJwk(page, alg);
    expect(await calculateJwkThumbprint(publicJwk)).toBe(kid);
    await setEditor(page, 'key-input', json(publicJwk));
    await expect(page.getByTestId('key-thumbprint')).toHaveText(kid);
    await expect(page.getByTestId('key-facts')).toContainText(alg);
  });
}

test('verifies with the RFC key as a JWK, an SPKI PEM and a JWKS entry by kid', async ({
  page,
}) => {
  await openLab(page);
  const header = { alg: 'ML-DSA-44', typ: 'JWT', kid: RFC_PUBLIC.kid };
  const token = await webCryptoSign(page, RFC_PRIVATE, header, PAYLOAD);
  const decoy = await webCryptoKeyPair(page, 'ML-DSA-44');
  const jwks = json({ keys: [{ ...decoy.publicJwk, kid: 'decoy' }, RFC_PUBLIC] });
  await setEditor(page, 'token-input', token);
  for (const key of [JWK_CASE.key, PEM_CASE.key, jwks]) {
    await setEditor(page, 'key-input', key);
    await expectStatus(page, 'verified');
    if (key === jwks) continue;
    // An AKP key has no curve: its facts name the parameter set instead.
    const facts = page.getByTestId('key-facts');
    await expect(facts).toContainText('Parameter set');
    await expect(facts).toContainText('ML-DSA-44');
    await expect(facts).not.toContainText('Curve');
  }
  await expect(page.getByTestId('key-source')).toContainText(RFC_PUBLIC.kid!);

  // Changed after signing: invalid. Checked by another key of the same kind: invalid.
  const [h, , s] = token.split('.');
  const changed = Buffer.from(JSON.stringify({ ...PAYLOAD, sub: 'admin' })).toString('base64url');
  await setEditor(page, 'token-input', `${h}.${changed}.${s}`);
  await expectStatus(page, 'invalid');
  await setEditor(page, 'token-input', token);
  await setEditor(page, 'key-input', json(bare(decoy.publicJwk as JWK)));
  await expectStatus(page, 'invalid');
});

test('refuses keys that cannot check an ML-DSA-44 token, saying why', async ({ page }) => {
  await openLab(page);
  const token = await webCryptoSign(page, RFC_PRIVATE, { alg: 'ML-DSA-44' }, PAYLOAD);
  await setEditor(page, 'token-input', token);
  const mlDsa65 = await webCryptoKeyPair(page, 'ML-DSA-65');
  const rsa = String(
    generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({
      type: 'spki',
      format: 'pem',
    }),
  );
  const short = { ...bare(RFC_PUBLIC), pub: RFC_PUBLIC.pub!.slice(0, -4) };
  // [key text, what the verdict says, the key box's own error code when the key cannot even be read]
  const cases: [string, RegExp, string | undefined][] = [
    [json(bare(mlDsa65.publicJwk as JWK)), /this is an ML-DSA-65 key/, undefined],
    [rsa, /needs an ML-DSA-44 key.*this is an RSA key/, undefined],
    [json(short), /"pub" is 1309 bytes.*1312 bytes/, 'ERR_KEY_JWK'],
    [json({ ...RFC_PUBLIC, alg: 'ML-DSA-65' }), /ML-DSA-65 JWK's "pub" is 1312/, 'ERR_KEY_JWK'],
  ];
  for (const [key, message, code] of cases) {
    await setEditor(page, 'key-input', key);
    await expectStatus(page, 'key-error');
    await expect(page.getByTestId('signature-status')).toContainText(message);
    const keyError = page.getByTestId('key-error');
    await (code
      ? expect(keyError).toHaveAttribute('data-code', code)
      : expect(keyError).toHaveCount(0));
  }
});

for (const [form, keyText] of [
  ['private JWK', JWK_CASE.signingKey],
  ['PKCS#8 PEM', PEM_CASE.signingKey],
] as const) {
  test(`re-signs an edited payload with the RFC key as a ${form}`, async ({ page }) => {
    await openLab(page);
    const first = await webCryptoSign(page, RFC_PRIVATE, { alg: 'ML-DSA-44' }, PAYLOAD);
    await setEditor(page, 'token-input', first);
    await setEditor(page, 'key-input', keyText);
    await expectStatus(page, 'verified');
    // The key tools read it too: a private ML-DSA-44 key, with both halves to export.
    await expect(page.getByTestId('key-facts')).toHaveAttribute('data-half', 'private');
    await expect(page.getByTestId('key-facts')).toContainText('ML-DSA-44');
    await setEditor(page, 'payload-json', json({ ...PAYLOAD, sub: 'edited' }));
    await expect.poll(() => readEditor(page, 'token-input')).not.toBe(first);
    await expectStatus(page, 'verified');
    const signed = await readEditor(page, 'token-input');
    expect(decodePart(signed, 1)).toEqual({ ...PAYLOAD, sub: 'edited' });
    expect(Buffer.from(signed.split('.')[2]!, 'base64url').length).toBe(2420);
    expect(await webCryptoVerify(page, 'ML-DSA-44', { jwk: RFC_PUBLIC }, signed)).toBe(true);
  });
}

for (const alg of ['ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87']) {
  test(`${alg}: generate, re-sign, export, and check outside the page`, async ({ page }) => {
    await openLab(page);
    const signed = await generateKeyAndSign(page, alg);
    await expect(page.getByTestId('key-input')).toContainText('BEGIN PRIVATE KEY');
    await expect(page.getByTestId('public-key-pem')).toHaveValue(/BEGIN PUBLIC KEY/);
    const spkiPem = await page.getByTestId('public-key-pem').inputValue();
    expect(await webCryptoVerify(page, alg, { spkiPem }, signed)).toBe(true);
    await expect
      .poll(async () => {
        // Not JSON while the exports are recomputed: "not yet", since expect.poll stops at a throw.
        const text = await page.getByTestId('public-jwks').inputValue();
        try {
          return (JSON.parse(text) as { keys: JWK[] }).keys[0]?.kty;
        } catch {
          return text;
        }
      })
      .toBe('AKP');
    const [jwk] = (
      JSON.parse(await page.getByTestId('public-jwks').inputValue()) as {
        keys: JWK[];
      }
    ).keys as [JWK];
    expect(jwk).not.toHaveProperty('priv');
    expect(jwk.alg).toBe(alg);
    // RFC 9964 §6: the kid is the thumbprint over alg, kty and pub (jose computes it in node).
    expect(jwk.kid).toBe(await calculateJwkThumbprint(bare(jwk)));
    expect(await webCryptoVerify(page, alg, { jwk: bare(jwk) }, signed)).toBe(true);
  });
}

test('the Examples menu makes an ML-DSA-65 token and key', async ({ page }) => {
  await openLab(page);
  await page.getByTestId('examples').selectOption('ml-dsa-65');
  await expect(page.getByTestId('example-note')).toContainText('ML-DSA-65');
  await expect(page.getByTestId('key-kind')).toHaveText('ML-DSA-65 private key, PKCS#8 PEM');
  await expectStatus(page, 'verified');
  const token = await readEditor(page, 'token-input');
  expect(decodePart(token, 0).alg).toBe('ML-DSA-65');
  expect(Buffer.from(token.split('.')[2]!, 'base64url').length).toBe(3309);
});

test('a browser without ML-DSA: the page says so instead of failing', async ({ page }) => {
  // Stand in for a browser whose WebCrypto lacks ML-DSA: it answers NotSupportedError.
  await page.addInitScript(() => {
    for (const method of ['importKey', 'generateKey'] as const) {
      const original = SubtleCrypto.prototype[method] as (...args: unknown[]) => Promise<unknown>;
      (SubtleCrypto.prototype as unknown as Record<string, unknown>)[method] = function (
        this: SubtleCrypto,
        ...args: unknown[]
      ) {
        const algorithm = args[method === 'importKey' ? 2 : 0] as { name?: string } | string;
        const name = typeof algorithm === 'string' ? algorithm : algorithm?.name;
        if (name?.startsWith('ML-DSA'))
          return Promise.reject(
            new DOMException('Unrecognized algorithm name', 'NotSupportedError'),
          );
        return original.apply(this, args);
      };
    }
  });
  await openLab(page);
  const header = Buffer.from('{"alg":"ML-DSA-44"}').toString('base64url');
  const payload = Buffer.from(JSON.stringify(PAYLOAD)).toString('base64url');
  const signature = Buffer.alloc(2420, 1).toString('base64url');
  await setEditor(page, 'key-input', JWK_CASE.key);
  await setEditor(page, 'token-input', `${header}.${payload}.${signature}`);
  await expectStatus(page, 'key-error');
  await expect(page.getByTestId('signature-status')).toContainText(
    "This browser's WebCrypto has no ML-DSA-44",
  );
  await page.getByTestId('keygen-alg').selectOption('ML-DSA-65');
  await page.getByTestId('keygen-run').click();
  await expect(page.getByText("This browser's WebCrypto has no ML-DSA-65")).toBeVisible();
  await page.getByTestId('examples').selectOption('ml-dsa-65');
  await expect(page.getByTestId('example-note')).toHaveText(
    "The example could not be made: this browser's WebCrypto lacks its algorithm.",
  );
});
