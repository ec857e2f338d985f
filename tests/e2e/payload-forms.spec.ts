/**
 * A JWS that is not a JWT, and RFC 7797 (b64: false), through the contract's
 * hooks: `payload-form`, `detached-payload`, `signature-status`, no `claim-*`
 * rows for a text payload, and a text payload re-signed on edit (verified in
 * node by jose too). RFC data we did not make; no page error (helpers' fixture).
 */
import { readFileSync } from 'node:fs';
import { compactVerify, flattenedVerify, importJWK, type JWK } from 'jose';
import type { Page } from '@playwright/test';
import { expect, expectStatus, openLab, readEditor, setEditor, test } from './helpers';

test.describe.configure({ mode: 'parallel' });

const load = <T>(path: string): T =>
  JSON.parse(readFileSync(new URL(`../vectors/${path}`, import.meta.url), 'utf8')) as T;
type Case = { id: string; token: string; key: string; payloadText?: string };
const rfc7520 = load<{ cases: Case[]; payloadText: string }>('rfc7520-jws.json');
const a4 = load<{ cases: Case[] }>('rfc7515.json').cases.find((c) => c.id === 'rfc7515-a4-es512')!;
const rfc7797 = load<{
  key: string;
  payload: string;
  unencoded: { detached: string; attached: string };
}>('rfc7797/rfc7797.json');

async function paste(page: Page, token: string, key: string): Promise<void> {
  await setEditor(page, 'key-input', key);
  await setEditor(page, 'token-input', token);
}

const TEXT_CASES = [a4, ...rfc7520.cases.filter((c) => c.id !== 'rfc7520-4.4-hs256-secret')];
for (const c of TEXT_CASES) {
  test(`${c.id}: a text payload decodes and verifies, with no claim rows`, async ({ page }) => {
    await openLab(page);
    await paste(page, c.token, c.key);
    await expectStatus(page, 'verified');
    const form = page.getByTestId('payload-form');
    await expect(form).toHaveAttribute('data-form', 'text');
    await expect(form).toContainText('a valid JWS, but its payload is not a JWT claims set', {
      ignoreCase: true,
    });
    await expect(page.locator('[data-testid^="claim-"]')).toHaveCount(0);
    await expect(page.getByTestId('decode-error')).toHaveCount(0);
    expect(await readEditor(page, 'payload-json')).toBe(c.payloadText);
  });
}

test('a tampered text payload is invalid', async ({ page }) => {
  await openLab(page);
  const [h, , s] = a4.token.split('.');
  const changed = Buffer.from('Payload!').toString('base64url');
  await paste(page, `${h}.${changed}.${s}`, a4.key);
  await expectStatus(page, 'invalid');
  await expect(page.getByTestId('payload-form')).toHaveAttribute('data-form', 'text');
});

test('editing a text payload re-signs it with the text as typed', async ({ page }) => {
  const hs = rfc7520.cases.find((c) => c.id === 'rfc7520-4.4-hs256-jwk')!;
  await openLab(page);
  await paste(page, hs.token, hs.key);
  await expectStatus(page, 'verified');
  const text = 'Not all those who wander are lost.';
  await setEditor(page, 'payload-json', text);
  await expect
    .poll(() => readEditor(page, 'token-input'), { intervals: [50, 100, 200, 400] })
    .not.toBe(hs.token);
  await expectStatus(page, 'verified');
  await expect(page.getByTestId('payload-form')).toHaveAttribute('data-form', 'text');
  await expect(page.getByTestId('edit-error')).toHaveCount(0);
  const token = (await readEditor(page, 'token-input')).trim();
  const key = await importJWK(JSON.parse(hs.key) as JWK, 'HS256');
  const { payload } = await compactVerify(token, key);
  expect(new TextDecoder().decode(payload)).toBe(text);
});

test('JSON that is not an object and bytes that are not text have forms of their own', async ({
  page,
}) => {
  await openLab(page);
  const h = Buffer.from('{"alg":"HS256"}').toString('base64url');
  await setEditor(page, 'token-input', `${h}.${Buffer.from('[1,2]').toString('base64url')}.c2ln`);
  await expect(page.getByTestId('payload-form')).toHaveAttribute('data-form', 'json');
  await setEditor(
    page,
    'token-input',
    `${h}.${Buffer.from([0xff, 0x00]).toString('base64url')}.c2ln`,
  );
  await expect(page.getByTestId('payload-form')).toHaveAttribute('data-form', 'binary');
  expect(await readEditor(page, 'payload-json')).toBe('ff 00');
  await expect(page.locator('[data-testid^="claim-"]')).toHaveCount(0);
});

test('a JWT keeps payload-form claims and its claim rows', async ({ page }) => {
  await openLab(page);
  await expect(page.getByTestId('payload-form')).toHaveAttribute('data-form', 'claims');
  await expect(page.locator('[data-testid^="claim-"]').first()).toBeVisible();
});

test('RFC 7797 detached: the payload given in detached-payload is what the signature is checked over', async ({
  page,
}) => {
  await openLab(page);
  await paste(page, rfc7797.unencoded.detached, rfc7797.key);
  await expect(page.getByTestId('detached-payload')).toBeVisible();
  await expectStatus(page, 'invalid');
  await setEditor(page, 'detached-payload', rfc7797.payload);
  await expectStatus(page, 'verified');
  await expect(page.getByTestId('signature-status')).not.toContainText('wrapped');
  await setEditor(page, 'detached-payload', '$.03');
  await expectStatus(page, 'invalid');
  await expect(page.getByTestId('signature-status')).toContainText('detached payload');
  await expect(page.getByTestId('lint-b64-false')).toHaveCount(0);
});

test('RFC 7797 attached: an unencoded payload is read, not called wrapped', async ({ page }) => {
  await openLab(page);
  await paste(page, rfc7797.unencoded.attached, rfc7797.key);
  await expectStatus(page, 'verified');
  await expect(page.getByTestId('payload-form')).toHaveAttribute('data-form', 'text');
  await expect(page.getByTestId('detached-payload')).toHaveCount(0);
});

test('b64-false fires when the unencoded payload is JWT claims', async ({ page }) => {
  await openLab(page);
  const h = Buffer.from('{"alg":"HS256","b64":false,"crit":["b64"]}').toString('base64url');
  await setEditor(page, 'token-input', `${h}.{"sub":"a"}.c2ln`);
  await expect(page.getByTestId('payload-form')).toHaveAttribute('data-form', 'claims');
  await expect(page.getByTestId('lint-b64-false')).toBeVisible();
});

test('the Examples menu makes a text payload JWS and a b64:false JWS that verify', async ({
  page,
}) => {
  await openLab(page);
  await page.getByTestId('examples').selectOption('text-payload');
  await expect(page.getByTestId('payload-form')).toHaveAttribute('data-form', 'text');
  await expectStatus(page, 'verified');
  await page.getByTestId('examples').selectOption('b64-false');
  await expect(page.getByTestId('detached-payload')).toBeVisible();
  await expectStatus(page, 'verified');
  const token = (await readEditor(page, 'token-input')).trim();
  const payload = await readEditor(page, 'detached-payload');
  const secret = new TextEncoder().encode(await readEditor(page, 'key-input'));
  const [protectedHeader, , signature] = token.split('.') as [string, string, string];
  await expect(
    flattenedVerify({ protected: protectedHeader, payload, signature }, secret),
  ).resolves.toBeDefined();
});
