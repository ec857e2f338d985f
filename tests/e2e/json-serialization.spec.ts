/**
 * JWS and JWE JSON serializations in the page, through the contract's hooks
 * ("Forms and found tokens"): RFC 7515 A.6 (general, RS256 + ES256) verified
 * signature by signature, tampered, and with one key only; RFC 7516 A.4
 * opened at its A128KW recipient; the examples menu's general JWS re-signed on
 * an edit, every signature kept; JWE JSON edits keeping the shared header and
 * "aad"; and the output form switched between compact and JSON.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import {
  expect,
  expectStatus,
  openLab,
  readEditor,
  readEditorJson,
  setEditor,
  test,
} from './helpers';
import type { Page } from '@playwright/test';

type Case = { id: string; serialization: Record<string, unknown>; checks: { key: string }[] };
const load = (name: string) =>
  (
    JSON.parse(readFileSync(`tests/vectors/json-serialization/${name}`, 'utf8')) as {
      cases: Case[];
    }
  ).cases;
const A6 = load('jws-json.json').find((c) => c.id === 'rfc7515-a6')!;
const A4 = load('jwe-json.json').find((c) => c.id === 'rfc7516-a4')!;
const C48 = load('jws-json.json').find((c) => c.id === 'rfc7520-4.8')!;
const C510 = load('jwe-json.json').find((c) => c.id === 'rfc7520-5.10')!;
const [RSA_KEY, EC_KEY, BOTH_KEYS] = A6.checks.map((c) => c.key) as [string, string, string];

async function paste(page: Page, token: string, key: string): Promise<void> {
  await setEditor(page, 'key-input', key);
  await setEditor(page, 'token-input', token);
}

test('RFC 7515 A.6: a verdict per signature, the unprotected kid found, the form shown', async ({
  page,
}) => {
  await openLab(page);
  await paste(page, JSON.stringify(A6.serialization, null, 2), BOTH_KEYS);
  await expect(page.getByTestId('token-form')).toHaveAttribute('data-form', 'json-jws-general');
  await expect(page.getByTestId('signature-1')).toHaveAttribute('data-status', 'verified');
  await expect(page.getByTestId('signature-2')).toHaveAttribute('data-status', 'verified');
  await expectStatus(page, 'verified');
  await expect(page.getByTestId('signature-status')).toContainText('signature 1 (RS256');
  await expect(page.getByTestId('signature-status')).toContainText('signature 2 (ES256');
  await expect(page.getByTestId('lint-unprotected-header')).toHaveAttribute(
    'data-severity',
    'high',
  );
  await expect(page.getByTestId('lint-unprotected-header')).toContainText('"kid"');
  await expect(page.getByTestId('output-form')).toHaveValue('json-general');
  expect(await readEditorJson(page, 'header-json')).toEqual({ alg: 'RS256' });
  expect(await readEditorJson(page, 'payload-json')).toEqual({
    iss: 'joe',
    exp: 1300819380,
    'http://example.com/is_root': true,
  });
  await expect(page.getByTestId('decode-error')).toHaveCount(0);
});

test('RFC 7515 A.6 with the EC key only: signature 2 verifies, and the status names it', async ({
  page,
}) => {
  await openLab(page);
  await paste(page, JSON.stringify(A6.serialization), EC_KEY);
  await expect(page.getByTestId('signature-2')).toHaveAttribute('data-status', 'verified');
  await expect(page.getByTestId('signature-1')).toHaveAttribute('data-status', 'key-error');
  await expectStatus(page, 'verified');
  await expect(page.getByTestId('signature-status')).toContainText('signature 2 (ES256');
  await expect(page.getByTestId('signature-status')).not.toContainText('signature 1 (RS256');
});

test('RFC 7515 A.6 with a changed payload: every signature invalid', async ({ page }) => {
  await openLab(page);
  const tampered = {
    ...A6.serialization,
    payload: Buffer.from('{"iss":"eve","exp":1300819380}').toString('base64url'),
  };
  await paste(page, JSON.stringify(tampered), RSA_KEY);
  await expect(page.getByTestId('signature-1')).toHaveAttribute('data-status', 'invalid');
  // The RSA key cannot check the ES256 signature; the one it can check is wrong: invalid.
  await expect(page.getByTestId('signature-2')).toHaveAttribute('data-status', 'key-error');
  await expectStatus(page, 'invalid');
  await setEditor(page, 'key-input', BOTH_KEYS);
  await expect(page.getByTestId('signature-2')).toHaveAttribute('data-status', 'invalid');
  await expectStatus(page, 'invalid');
});

test('RFC 7520 §4.8: three signatures over a text payload, each verified by its JWKS key', async ({
  page,
}) => {
  await openLab(page);
  await paste(page, JSON.stringify(C48.serialization, null, 2), C48.checks[3]!.key);
  await expect(page.getByTestId('token-form')).toHaveAttribute('data-form', 'json-jws-general');
  for (const n of [1, 2, 3])
    await expect(page.getByTestId(`signature-${n}`)).toHaveAttribute('data-status', 'verified');
  await expectStatus(page, 'verified');
  await expect(page.getByTestId('payload-form')).toHaveAttribute('data-form', 'text');
  await expect(page.getByTestId('lint-unprotected-header')).toContainText(
    '"alg", "kid" in signature 2\'s "header"',
  );
});

test('RFC 7516 A.4: the JWE JSON opens at recipient 2 with its A128KW key', async ({ page }) => {
  await openLab(page);
  await paste(page, JSON.stringify(A4.serialization, null, 2), A4.checks[0]!.key);
  await expect(page.getByTestId('token-form')).toHaveAttribute('data-form', 'json-jwe');
  await expect(page.getByTestId('jwe-status')).toHaveAttribute('data-status', 'decrypted');
  await expect(page.getByTestId('recipient-2')).toHaveAttribute('data-status', 'opened');
  await expect(page.getByTestId('recipient-1')).toHaveAttribute('data-status', 'failed');
  await expect.poll(() => readEditor(page, 'payload-json')).toBe('Live long and prosper.');
  await expect(page.getByTestId('lint-unprotected-header')).toBeVisible();
  await expect(page.getByTestId('output-form')).toHaveValue('json-general');
  // Written again compact, then flattened: encrypted anew to the same key, still opening.
  await page.getByTestId('output-form').selectOption('compact');
  await expect(page.getByTestId('token-form')).toHaveAttribute('data-form', 'compact-jwe');
  await expect(page.getByTestId('jwe-status')).toHaveAttribute('data-status', 'decrypted');
  await page.getByTestId('output-form').selectOption('json-flattened');
  await expect(page.getByTestId('token-form')).toHaveAttribute('data-form', 'json-jwe');
  await expect(page.getByTestId('recipient-1')).toHaveAttribute('data-status', 'opened');
  await expect(page.getByTestId('recipient-2')).toHaveCount(0);
  await expect.poll(() => readEditor(page, 'payload-json')).toBe('Live long and prosper.');
});

test('the general JSON example verifies both signatures and re-signs an edit in its form', async ({
  page,
}) => {
  await openLab(page);
  await page.getByTestId('examples').selectOption('json-general');
  await expect(page.getByTestId('example-note')).toContainText('two signatures');
  await expect(page.getByTestId('token-form')).toHaveAttribute('data-form', 'json-jws-general');
  await expect(page.getByTestId('signature-1')).toHaveAttribute('data-status', 'verified');
  await expect(page.getByTestId('signature-2')).toHaveAttribute('data-status', 'verified');
  await expectStatus(page, 'verified');
  await setEditor(page, 'payload-json', '{"sub":"edited"}');
  await expect
    .poll(async () => {
      const token = (await readEditorJson(page, 'token-input')) as { payload?: string };
      return token.payload && Buffer.from(token.payload, 'base64url').toString();
    })
    .toBe('{"sub":"edited"}');
  await expect(page.getByTestId('token-form')).toHaveAttribute('data-form', 'json-jws-general');
  await expect(page.getByTestId('signature-1')).toHaveAttribute('data-status', 'verified');
  // The key box's JWKS holds signature 2's kid too: it is made again, not dropped.
  await expect(page.getByTestId('signature-2')).toHaveAttribute('data-status', 'verified');
  await expectStatus(page, 'verified');
  await expect(page.getByTestId('sign-note')).toContainText('Signature 2 was made again too');
});

test('RFC 7520 §4.8 edited with the RSA key only: the other two signatures kept as written', async ({
  page,
}) => {
  await openLab(page);
  const rsa = (
    JSON.parse(readFileSync('tests/vectors/rfc7520-jws.json', 'utf8')) as {
      cases: { id: string; signingKey?: string }[];
    }
  ).cases.find((c) => c.id === 'rfc7520-4.1-rs256')!.signingKey!;
  await paste(page, JSON.stringify(C48.serialization, null, 2), rsa);
  await expect(page.getByTestId('signature-1')).toHaveAttribute('data-status', 'verified');
  await setEditor(page, 'payload-json', 'Edited.');
  await expect
    .poll(async () => ((await readEditorJson(page, 'token-input')) as { payload?: string }).payload)
    .toBe(Buffer.from('Edited.').toString('base64url'));
  const token = (await readEditorJson(page, 'token-input')) as { signatures: unknown[] };
  const sigs = (C48.serialization as { signatures: unknown[] }).signatures;
  expect(token.signatures.slice(1)).toEqual(sigs.slice(1));
  await expect(page.getByTestId('signature-1')).toHaveAttribute('data-status', 'verified');
  await expect(page.getByTestId('signature-3')).toBeVisible();
  await expect(page.getByTestId('sign-note')).toContainText('no longer match the edited payload');
});

test('a JWE JSON edited keeps its shared header (RFC 7516 A.4) and its "aad" (RFC 7520 §5.10)', async ({
  page,
}) => {
  await openLab(page);
  await paste(page, JSON.stringify(A4.serialization, null, 2), A4.checks[0]!.key);
  await expect(page.getByTestId('recipient-2')).toHaveAttribute('data-status', 'opened');
  await setEditor(page, 'payload-json', 'Edited.');
  await expect
    .poll(
      async () =>
        ((await readEditorJson(page, 'token-input')) as { unprotected?: unknown }).unprotected,
    )
    .toEqual(A4.serialization.unprotected);
  await expect(page.getByTestId('recipient-1')).toHaveAttribute('data-status', 'opened');
  await expect.poll(() => readEditor(page, 'payload-json')).toBe('Edited.');
  // Only the key box's recipient is encrypted to again (the note's words are in resign.test.ts:
  // clearing the editor before typing re-encrypts twice, the second time from one recipient).
  expect(
    ((await readEditorJson(page, 'token-input')) as { recipients: unknown[] }).recipients,
  ).toHaveLength(1);

  await paste(page, JSON.stringify(C510.serialization, null, 2), C510.checks[0]!.key);
  await expect(page.getByTestId('recipient-1')).toHaveAttribute('data-status', 'opened');
  await setEditor(page, 'payload-json', 'Edited.');
  await expect
    .poll(async () => ((await readEditorJson(page, 'token-input')) as { aad?: unknown }).aad)
    .toBe(C510.serialization.aad);
  await expect.poll(() => readEditor(page, 'payload-json')).toBe('Edited.');
  await expect(page.getByTestId('jwe-status')).toHaveAttribute('data-status', 'decrypted');
});

test('the output form turns a compact token into JSON and back, still verified', async ({
  page,
}) => {
  await openLab(page);
  await expect(page.getByTestId('token-form')).toHaveAttribute('data-form', 'compact-jws');
  await page.getByTestId('output-form').selectOption('json-flattened');
  await expect(page.getByTestId('token-form')).toHaveAttribute('data-form', 'json-jws-flattened');
  await expect
    .poll(async () => Object.keys((await readEditorJson(page, 'token-input')) as object).sort())
    .toEqual(['payload', 'protected', 'signature']);
  await expectStatus(page, 'verified');
  await page.getByTestId('output-form').selectOption('json-general');
  await expect(page.getByTestId('token-form')).toHaveAttribute('data-form', 'json-jws-general');
  await expect(page.getByTestId('signature-1')).toHaveAttribute('data-status', 'verified');
  await page.getByTestId('output-form').selectOption('compact');
  await expect(page.getByTestId('token-form')).toHaveAttribute('data-form', 'compact-jws');
  await expect.poll(async () => (await readEditor(page, 'token-input')).split('.').length).toBe(3);
  await expectStatus(page, 'verified');
});

test('no axe violations with a JWS and a JWE JSON serialization shown, light and dark', async ({
  page,
}) => {
  // Four axe runs over the whole page: about half a minute on a shared machine.
  test.setTimeout(120_000);
  await openLab(page);
  for (const [token, key, ready] of [
    [JSON.stringify(A6.serialization), BOTH_KEYS, 'signature-2'],
    [JSON.stringify(A4.serialization), A4.checks[0]!.key, 'recipient-2'],
  ] as const) {
    await paste(page, token, key);
    await expect(page.getByTestId(ready)).toBeVisible();
    for (const colorScheme of ['light', 'dark'] as const) {
      // Reduced motion: the verdict banner's colour transition is off, so axe reads final colours.
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      const results = await new AxeBuilder({ page }).analyze();
      expect(
        results.violations.map(
          (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
        ),
      ).toEqual([]);
    }
  }
});
