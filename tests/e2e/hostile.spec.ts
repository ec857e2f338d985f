/**
 * Hostile input: markup and script in every field shows as text and runs
 * nothing; huge, deep, invalid and generated input never throws a page error
 * or freezes the tab, and the page still answers afterwards.
 */
import fc from 'fast-check';
import type { Page } from '@playwright/test';
import {
  expect,
  expectStatus,
  openLab,
  putText,
  readEditor,
  setEditor,
  test,
  wakeEditor,
} from './helpers';
import { SECRET, b64url, hs256, now } from './tokens';

const XSS = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  'javascript:alert(1)',
  '"><svg onload=alert(1)>',
  "'><iframe src=javascript:alert(1)>",
  '{{7*7}}',
  '${alert(1)}',
  '<a href="javascript:alert(1)">x</a>',
  '</textarea><script>alert(1)</script>',
  '<style>*{display:none}</style>',
] as const;

async function countInjectable(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() =>
    Object.fromEntries(
      [
        'img',
        'svg:not([aria-hidden="true"])',
        'script',
        'iframe',
        'a[href^="javascript"]',
        'style',
      ].map((s) => [s, document.querySelectorAll(s).length]),
    ),
  );
}

test('markup and script in header, payload and key are shown as text and run nothing', async ({
  page,
}) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.addInitScript(() => {
    const w = window as unknown as {
      __tripped: number;
      alert: () => void;
      confirm: () => boolean;
      prompt: () => null;
    };
    w.__tripped = 0;
    w.alert = () => void w.__tripped++;
    w.confirm = () => (w.__tripped++, false);
    w.prompt = () => (w.__tripped++, null);
  });
  await openLab(page);
  // The editor library adds its own <style> when the first editor loads: count from there.
  await wakeEditor(page, 'token-input');
  const before = await countInjectable(page);

  const claims: Record<string, string> = { sub: 'xss', exp: String(now() + 600) };
  XSS.forEach((payload, i) => (claims[`c${i}${payload.slice(0, 6)}`] = payload));
  const token = await hs256(claims, SECRET, { kid: XSS[3], typ: XSS[0], x5u: XSS[2] });
  await setEditor(page, 'token-input', token);
  await setEditor(page, 'key-input', SECRET);
  await expectStatus(page, 'verified');
  const payloadText = await readEditor(page, 'payload-json');
  for (const payload of XSS) expect(payloadText).toContain(JSON.stringify(payload).slice(1, -1));
  await expect(page.getByTestId('payload-json')).toContainText('<img src=x onerror=alert(1)>');

  // Typed into the JSON editors (re-signed) and into the key box.
  await putText(
    page,
    'payload-json',
    JSON.stringify({ sub: XSS[1], name: XSS[3], [XSS[0]]: XSS[6] }, null, 2),
  );
  await expectStatus(page, 'verified');
  await putText(page, 'header-json', JSON.stringify({ alg: 'HS256', kid: XSS[0], typ: XSS[4] }));
  await expectStatus(page, 'verified');
  for (const payload of XSS) {
    await putText(page, 'key-input', payload);
    await putText(page, 'token-input', payload);
  }
  await putText(page, 'key-input', XSS.join('\n'));
  await expect(page.getByTestId('signature-status')).toHaveAttribute('data-status', 'malformed');
  const badHeader = `${b64url(`{"alg":"HS256","kid":"${XSS[3].replaceAll('"', '\\"')}"}`)}.${b64url(XSS[0])}.sig`;
  await putText(page, 'token-input', badHeader);
  // Markup as the whole payload: a JWS with a text payload, shown as text.
  await expect(page.getByTestId('payload-form')).toHaveAttribute('data-form', 'text');
  expect(await readEditor(page, 'payload-json')).toBe(XSS[0]);

  expect(await countInjectable(page)).toEqual(before);
  expect(await page.evaluate(() => (window as unknown as { __tripped: number }).__tripped)).toBe(0);
  expect(dialogs).toEqual([]);
});

test('a 10 MB token is decoded and checked without freezing, shown plain, and the page answers after', async ({
  page,
}) => {
  test.setTimeout(120_000); // a 10 MB document through CodeMirror is slow on a busy machine, not frozen
  await openLab(page);
  const filler = 'x'.repeat(7_400_000);
  const big = await hs256({ sub: 'big', filler, exp: now() + 600 }, SECRET);
  expect(big.length).toBeGreaterThan(9_800_000);
  await putText(page, 'token-input', big);
  await putText(page, 'key-input', SECRET);
  await expectStatus(page, 'verified');
  await expect(page.getByTestId('size-note')).toBeVisible();
  await expect(page.getByTestId('claim-exp')).toHaveAttribute('data-status', 'ok');

  const small = await hs256({ sub: 'small', exp: now() + 600 }, SECRET);
  await setEditor(page, 'token-input', small);
  await expectStatus(page, 'verified');
  await expect(page.getByTestId('size-note')).toHaveCount(0);
});

test('a token over 16 MB is refused with a clear message', async ({ page }) => {
  await openLab(page);
  await putText(page, 'token-input', `${'a'.repeat(16_000_001)}.b.c`);
  await expect(page.getByTestId('decode-error')).toHaveAttribute(
    'data-code',
    'ERR_INPUT_TOO_LARGE',
  );
  await expect(page.getByTestId('decode-error')).toContainText('over 16 MB');
  await expectStatus(page, 'malformed');
  await putText(page, 'key-input', 'k'.repeat(16_000_001));
  await expect(page.getByTestId('key-error')).toHaveAttribute('data-code', 'ERR_INPUT_TOO_LARGE');
});

test('deep nesting, long lines, invalid UTF-8, __proto__ and huge numbers', async ({ page }) => {
  await openLab(page);
  // A key of the person's: the sample key would not judge these pasted tokens.
  await putText(page, 'key-input', 'a-key-of-my-own-for-the-hostile-tokens');
  const header = b64url('{"alg":"HS256","typ":"JWT"}');

  await putText(
    page,
    'token-input',
    `${header}.${b64url('['.repeat(100_000) + ']'.repeat(100_000))}.sig`,
  );
  // JSON.parse (iterative in V8) reads it; it is an array, not a claims object: a JWS, not a JWT.
  await expect(page.getByTestId('payload-form')).toHaveAttribute('data-form', 'json');
  await expectStatus(page, 'invalid');

  const deep = `{"sub":"deep","d":${'{"a":'.repeat(500)}1${'}'.repeat(500)}}`;
  await putText(page, 'token-input', `${header}.${b64url(deep)}.sig`);
  await expectStatus(page, 'invalid');
  expect(await readEditor(page, 'payload-json')).toContain('"a": 1');
  await putText(page, 'payload-json', `{"d":${'['.repeat(5000)}${']'.repeat(5000)}}`);
  await expect(page.getByTestId('edit-error')).toBeVisible();

  await putText(
    page,
    'token-input',
    `${header}.${Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]).toString('base64url')}.sig`,
  );
  // Bytes that are not UTF-8: a JWS with a binary payload, shown as hex.
  await expect(page.getByTestId('payload-form')).toHaveAttribute('data-form', 'binary');

  const payload =
    '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}},"n":123456789012345678901234567890.50,"big":1e400}';
  const token = `${header}.${b64url(payload)}.${b64url('sig')}`;
  await putText(page, 'token-input', token);
  await expectStatus(page, 'invalid');
  const shown = await readEditor(page, 'payload-json');
  expect(shown).toContain('123456789012345678901234567890.50');
  expect(shown).toContain('1e400');
  expect(shown).toContain('"__proto__"');
  expect(await page.evaluate(() => ({}) as Record<string, unknown>)).toEqual({});
  expect(
    await page.evaluate(() => (Object.prototype as Record<string, unknown>).admin),
  ).toBeUndefined();

  await putText(
    page,
    'token-input',
    `${header}.${b64url(`{"long":"${'y'.repeat(1_000_000)}"}`)}.sig`,
  );
  await expectStatus(page, 'invalid');
  await putText(page, 'key-input', 'z'.repeat(3_000_000));
  await expectStatus(page, 'invalid');
});

/** Generated hostile text: random code points (lone surrogates too), token-shaped junk, JSON bombs, key-shaped junk. */
function hostileInputs(count: number): { target: 'token-input' | 'key-input'; text: string }[] {
  const json = fc.oneof(
    fc.json(),
    fc.constantFrom(
      '{"__proto__":{"polluted":1}}',
      '{"alg":"HS256","crit":["b64"],"b64":false}',
      '{"exp":1e400,"nbf":-1e400,"iat":"now"}',
      '{"aud":[[],{},null],"iss":{"a":1}}',
      '{"alg":"none"}',
      '{"alg":"RS256","jku":"http://127.0.0.1/x","kid":"../../etc/passwd"}',
    ),
    fc.nat({ max: 1000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
    fc.nat({ max: 1000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)),
    fc.string({ unit: 'binary', maxLength: 60 }),
  );
  const part = fc.oneof(
    json.map((j) => b64url(j)),
    fc.string({ unit: 'binary-ascii', maxLength: 40 }),
    fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.from(bytes).toString('base64url')),
  );
  const token = fc.oneof(
    fc.array(part, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('.')),
    fc
      .tuple(json, json)
      .map(([h, p]) => `${b64url(`{"alg":"HS256","x":${JSON.stringify(h)}}`)}.${b64url(p)}.c2ln`),
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.constantFrom(
      '',
      ' ',
      '.',
      '..',
      '....',
      'Bearer ',
      '"',
      '\u0000',
      '\uD800',
      'Authorization: Bearer x.y.z',
    ),
  );
  const key = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    json,
    fc
      .uint8Array({ maxLength: 300 })
      .map(
        (b) =>
          `-----BEGIN PUBLIC KEY-----\n${Buffer.from(b).toString('base64')}\n-----END PUBLIC KEY-----`,
      ),
    fc
      .record({
        kty: fc.constantFrom('RSA', 'EC', 'OKP', 'oct', 'x'),
        crv: fc.string(),
        x: fc.string(),
        n: fc.string(),
        k: fc.string(),
      })
      .map((jwk) => JSON.stringify(fc.sample(fc.boolean(), 1)[0] ? { keys: [jwk] } : jwk)),
  );
  const input = fc.oneof(
    token.map((text) => ({ target: 'token-input' as const, text })),
    key.map((text) => ({ target: 'key-input' as const, text })),
  );
  return fc.sample(input, { numRuns: count, seed: 20240611 });
}

test('500 generated hostile inputs: no page error, and the page still answers', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await openLab(page);
  const inputs = hostileInputs(500);
  expect(inputs.length).toBe(500);
  expect(inputs.some((i) => i.target === 'key-input')).toBe(true);
  for (const [i, { target, text }] of inputs.entries())
    await putText(page, target, text, i % 25 === 0);
  // Still responding: a good token and key verify, a tampered one does not.
  const token = await hs256({ sub: 'after-fuzz', exp: now() + 600 }, SECRET);
  await setEditor(page, 'key-input', SECRET);
  await setEditor(page, 'token-input', token);
  await expectStatus(page, 'verified');
  await setEditor(page, 'token-input', `${token.slice(0, -2)}AA`);
  await expectStatus(page, 'invalid');
});
