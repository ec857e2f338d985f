/**
 * What must not verify, and what must fail a claim: wrong keys, tampering,
 * time claims with and without leeway, issuer and audience, algorithm
 * confusion, alg none, unsupported algorithms and tokens that do not decode.
 */
import {
  expect,
  expectClaim,
  expectStatus,
  openLab,
  readEditor,
  recordStatuses,
  recordedStatuses,
  setEditor,
  test,
} from './helpers';
import {
  OTHER_SECRET,
  SECRET,
  b64url,
  compact,
  ecPair,
  es256k,
  hs256,
  now,
  rsaPair,
  signWith,
  tamperOneCharacter,
} from './tokens';
import type { Page } from '@playwright/test';

test.describe.configure({ mode: 'parallel' });

const rsa = rsaPair();
const p256 = ecPair('P-256');
const p384 = ecPair('P-384');
const k1 = ecPair('secp256k1');

/** Key first, then token: the first verdict for the token is the final one. */
async function load(page: Page, token: string, key: string): Promise<void> {
  await setEditor(page, 'key-input', key);
  await setEditor(page, 'token-input', token);
}

test('a wrong key → invalid (HMAC secret and RSA key)', async ({ page }) => {
  await openLab(page);
  await load(page, await hs256({ sub: 'wrong-secret' }, SECRET), OTHER_SECRET);
  await expectStatus(page, 'invalid');
  await expect(page.getByTestId('signature-status')).not.toHaveText(/^\s*$/);

  const other = rsaPair();
  await load(page, await signWith({ sub: 'wrong-rsa' }, 'RS256', rsa.privateKey), other.spki);
  await expectStatus(page, 'invalid');
  await setEditor(page, 'key-input', rsa.spki);
  await expectStatus(page, 'verified');
});

test('a tampered token (one payload character changed, signature kept) → invalid, never verified', async ({
  page,
}) => {
  await openLab(page);
  const token = await hs256({ sub: 'alice', admin: false });
  await load(page, token, SECRET);
  await expectStatus(page, 'verified');

  const [header, payload, signature] = token.split('.') as [string, string, string];
  const json = Buffer.from(payload, 'base64url').toString('utf8');
  const changed = json.replace('"alice"', '"alicf"');
  expect(changed).not.toBe(json);
  const tampered = `${header}.${b64url(changed)}.${signature}`;

  await recordStatuses(page);
  await setEditor(page, 'token-input', tampered);
  await expectStatus(page, 'invalid');
  expect(JSON.parse(await readEditor(page, 'payload-json'))).toMatchObject({ sub: 'alicf' });
  expect(await recordedStatuses(page)).not.toContain('verified');

  // The same with exactly one character of the encoded payload changed.
  const flipped = tamperOneCharacter(token);
  expect(flipped.split('.')[2]).toBe(signature);
  await setEditor(page, 'token-input', token);
  await expectStatus(page, 'verified');
  await recordStatuses(page);
  await setEditor(page, 'token-input', flipped);
  await expectStatus(page, 'invalid');
  await expect(page.getByTestId('decode-error')).toHaveCount(0);
  expect(await recordedStatuses(page)).not.toContain('verified');
});

test('an expired token: claim-exp fails, and passes with a 900 s leeway that survives token changes', async ({
  page,
}) => {
  await openLab(page);
  const t = now();
  await load(page, await hs256({ sub: 'expired', iat: t - 3600, exp: t - 600 }), SECRET);
  await expectStatus(page, 'verified'); // the signature is still right
  await expectClaim(page, 'exp', 'fail');

  await setEditor(page, 'leeway', '900');
  await expectClaim(page, 'exp', 'ok');

  // The leeway keeps its value when the token changes.
  await setEditor(
    page,
    'token-input',
    await hs256({ sub: 'expired-2', iat: t - 3600, exp: t - 300 }),
  );
  await expect(page.getByTestId('leeway')).toHaveValue('900');
  await expectClaim(page, 'exp', 'ok');
  await setEditor(page, 'leeway', '0');
  await expectClaim(page, 'exp', 'fail');
});

test('a token not valid yet: claim-nbf fails', async ({ page }) => {
  await openLab(page);
  const t = now();
  await load(page, await hs256({ sub: 'future', iat: t, nbf: t + 600, exp: t + 3600 }), SECRET);
  await expectStatus(page, 'verified');
  await expectClaim(page, 'nbf', 'fail');
  await expectClaim(page, 'exp', 'ok');
  await setEditor(page, 'leeway', '900');
  await expectClaim(page, 'nbf', 'ok');
});

test('expected issuer: another one fails, the same one passes, a missing iss gets a failing row', async ({
  page,
}) => {
  await openLab(page);
  const t = now();
  await load(
    page,
    await hs256({ sub: 'iss', iss: 'https://issuer.example', iat: t, exp: t + 3600 }),
    SECRET,
  );
  await expectStatus(page, 'verified');
  await expectClaim(page, 'iss', 'info');

  await setEditor(page, 'expected-iss', 'https://other.example');
  await expectClaim(page, 'iss', 'fail');
  await setEditor(page, 'expected-iss', 'https://issuer.example');
  await expectClaim(page, 'iss', 'ok');

  // A token without iss: the row is there, failing; the expected issuer was kept.
  await setEditor(page, 'token-input', await hs256({ sub: 'no-iss', iat: t, exp: t + 3600 }));
  await expectStatus(page, 'verified');
  await expect(page.getByTestId('expected-iss')).toHaveValue('https://issuer.example');
  await expectClaim(page, 'iss', 'fail');
});

test('expected audience: a string aud and an array aud', async ({ page }) => {
  await openLab(page);
  const t = now();
  await load(page, await hs256({ sub: 'aud', aud: 'api', iat: t, exp: t + 3600 }), SECRET);
  await expectStatus(page, 'verified');
  await setEditor(page, 'expected-aud', 'api');
  await expectClaim(page, 'aud', 'ok');
  await setEditor(page, 'expected-aud', 'other');
  await expectClaim(page, 'aud', 'fail');

  await setEditor(
    page,
    'token-input',
    await hs256({ sub: 'aud-array', aud: ['web', 'api'], iat: t, exp: t + 3600 }),
  );
  await expectStatus(page, 'verified');
  await expect(page.getByTestId('expected-aud')).toHaveValue('other');
  await expectClaim(page, 'aud', 'fail');
  await setEditor(page, 'expected-aud', 'api');
  await expectClaim(page, 'aud', 'ok');
  await setEditor(page, 'expected-aud', 'web');
  await expectClaim(page, 'aud', 'ok');

  await setEditor(page, 'token-input', await hs256({ sub: 'no-aud', iat: t, exp: t + 3600 }));
  await expectClaim(page, 'aud', 'fail');
});

test('algorithm confusion: a public PEM for an HS256 token → key-error, never verified', async ({
  page,
}) => {
  await openLab(page);
  // The classic attack: the token is "signed" with the PEM text as an HMAC secret.
  const forged = await hs256({ sub: 'confused' }, rsa.spki);
  await recordStatuses(page);
  await load(page, forged, rsa.spki);
  await expectStatus(page, 'key-error');
  expect(await recordedStatuses(page)).not.toContain('verified');
  await expect(page.getByTestId('signature-status')).not.toHaveText(/^\s*$/);
});

test('a key of the wrong type or curve → key-error (RSA for ES256, P-384 for ES256)', async ({
  page,
}) => {
  await openLab(page);
  const token = await signWith({ sub: 'es256' }, 'ES256', p256.privateKey);
  await load(page, token, rsa.spki);
  await expectStatus(page, 'key-error');
  await setEditor(page, 'key-input', p384.spki);
  await expectStatus(page, 'key-error');
  await setEditor(page, 'key-input', p256.spki);
  await expectStatus(page, 'verified');
});

test('alg none with a key → unsigned, in any casing', async ({ page }) => {
  await openLab(page);
  const payload = JSON.stringify({ sub: 'none', admin: true });
  for (const alg of ['none', 'None', 'NONE']) {
    await test.step(alg, async () => {
      await setEditor(page, 'token-input', 'x');
      await expectStatus(page, 'malformed');
      await recordStatuses(page);
      await load(page, compact(JSON.stringify({ alg, typ: 'JWT' }), payload), SECRET);
      await expectStatus(page, 'unsigned');
      expect(await recordedStatuses(page)).not.toContain('verified');
    });
  }
});

test('ES256K with a P-256 key: decoded, but the key does not fit (key-error)', async ({ page }) => {
  await openLab(page);
  const token = es256k({ sub: 'secp256k1', iat: now() }, k1.privateKey);
  await recordStatuses(page);
  // ES256K itself verifies (tests/e2e/algorithms-2026.spec.ts); a key on another curve must not.
  await load(page, token, ecPair('P-256').spki);
  await expectStatus(page, 'key-error');
  expect(await recordedStatuses(page)).not.toContain('verified');
  await expect(page.getByTestId('decode-error')).toHaveCount(0);
  expect(JSON.parse(await readEditor(page, 'header-json'))).toMatchObject({ alg: 'ES256K' });
  expect(JSON.parse(await readEditor(page, 'payload-json'))).toMatchObject({ sub: 'secp256k1' });
});

test('malformed tokens: decode-error with its code, signature-status malformed, no page error', async ({
  page,
}) => {
  await openLab(page);
  const h = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const p = b64url(JSON.stringify({ sub: 'x' }));
  const s = 'c2lnbmF0dXJl';
  const cases: [string, string, string][] = [
    ['one part', 'abc', 'ERR_TOKEN_PARTS'],
    ['two parts', 'a.b', 'ERR_TOKEN_PARTS'],
    ['four parts', 'a.b.c.d', 'ERR_TOKEN_PARTS'],
    ['six parts', 'a.b.c.d.e.f', 'ERR_TOKEN_PARTS'],
    ['a "+" in the payload', `${h}.${p.slice(0, 4)}+${p.slice(4)}.${s}`, 'ERR_PART_BASE64URL'],
    ['a "/" in the header', `${h.slice(0, 4)}/${h.slice(4)}.${p}.${s}`, 'ERR_PART_BASE64URL'],
    ['empty header', `.${p}.${s}`, 'ERR_PART_EMPTY'],
    ['header not JSON', `${b64url('{"alg":"HS256"')}.${p}.${s}`, 'ERR_PART_JSON'],
    ['header a JSON array', `${b64url('["HS256"]')}.${p}.${s}`, 'ERR_HEADER_NOT_OBJECT'],
    ['header without alg', `${b64url('{"typ":"JWT"}')}.${p}.${s}`, 'ERR_HEADER_ALG_MISSING'],
    ['alg not a string', `${b64url('{"alg":256}')}.${p}.${s}`, 'ERR_HEADER_ALG_NOT_STRING'],
    // A payload that is not a JSON object decodes as a JWS that is not a JWT (payload-forms.spec.ts).
    ['random garbage', '%$#@!&*()<>?', 'ERR_TOKEN_PARTS'],
    ['garbage in three parts', '@@@.###.$$$', 'ERR_PART_BASE64URL'],
    ['empty string', '', 'ERR_TOKEN_EMPTY'],
  ];
  test.setTimeout(30_000 + cases.length * 4_000);
  await setEditor(page, 'key-input', SECRET);
  for (const [name, token, code] of cases) {
    await test.step(`${name}: ${JSON.stringify(token.slice(0, 40))} → ${code}`, async () => {
      // From a verified token each time, so every case is a visible change.
      await setEditor(page, 'token-input', await hs256({ sub: name }));
      await expectStatus(page, 'verified');
      await setEditor(page, 'token-input', token);
      const error = page.getByTestId('decode-error');
      await expect(error).toBeVisible();
      await expect(error).toHaveAttribute('data-code', code);
      await expect(error).not.toHaveText(/^\s*$/);
      await expectStatus(page, 'malformed');
    });
  }
});

test('surrounding quotes, white space and a "Bearer " prefix are tolerated', async ({ page }) => {
  await openLab(page);
  const token = await hs256({ sub: 'wrapped', iat: now() });
  await setEditor(page, 'key-input', SECRET);
  for (const [name, text] of [
    ['double quotes', `"${token}"`],
    ['single quotes', `'${token}'`],
    ['Bearer prefix', `Bearer ${token}`],
    ['white space', `  \n${token}\n  `],
  ] as const) {
    await test.step(name, async () => {
      await setEditor(page, 'token-input', 'x');
      await expectStatus(page, 'malformed');
      await setEditor(page, 'token-input', text);
      await expectStatus(page, 'verified');
      await expect(page.getByTestId('decode-error')).toHaveCount(0);
      expect(JSON.parse(await readEditor(page, 'payload-json'))).toMatchObject({ sub: 'wrapped' });
    });
  }
});

test('required claims: a missing one fails with its own row, a present one passes', async ({
  page,
}) => {
  await openLab(page);
  await setEditor(page, 'required-claims', 'sub, jti');
  await expectClaim(page, 'jti', 'fail');
  await expect(page.getByTestId('claim-jti')).toContainText('missing the required "jti"');
  await expect(page.getByTestId('claim-sub')).toHaveAttribute('data-status', 'info');
  await setEditor(page, 'required-claims', 'sub');
  await expect(page.getByTestId('claim-jti')).toHaveCount(0);
});
