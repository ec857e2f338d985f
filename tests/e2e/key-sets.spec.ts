/**
 * Key sets and certificate chains in the page: a {kid: PEM} map verifies the
 * token its kid names and key-source names the kid; PEM blocks pasted
 * together are tried one by one; an x5c chain (certificates made by OpenSSL,
 * tests/vectors/x509) is trusted, untrusted, expired or invalid against the
 * trust anchors pasted, and only a trusted one verifies with the key box
 * empty. No page error throughout (the `test` fixture).
 */
import { createPrivateKey, sign as nodeSign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, expectStatus, openLab, setEditor, test } from './helpers';
import { b64url, now } from './tokens';

const read = (file: string) =>
  readFileSync(new URL(`../vectors/x509/${file}`, import.meta.url), 'utf8');
const PEM = {
  rsaLeaf: read('rsa-leaf.pem'),
  ecRoot: read('ec-root.pem'),
  ecIntermediate: read('ec-intermediate.pem'),
  ecLeaf: read('ec-leaf.pem'),
  ecExpired: read('ec-expired.pem'),
  otherRoot: read('other-root.pem'),
};
const KEY = {
  rsaLeaf: createPrivateKey(read('rsa-leaf.key.pem')),
  ecLeaf: createPrivateKey(read('ec-leaf.key.pem')),
  ecExpired: createPrivateKey(read('ec-expired.key.pem')),
};
const x5c = (...pems: string[]) => pems.map((p) => p.replace(/-----[^-]+-----|\s/g, ''));

/** A compact JWS signed in node (ES256 as r‖s, RS256 as PKCS#1 v1.5). */
function token(header: Record<string, unknown>, key: KeyObject): string {
  const claims = { sub: 'e2e', iat: now(), exp: now() + 3600 };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const signature = nodeSign('sha256', Buffer.from(input), {
    key,
    ...(header.alg === 'ES256' ? { dsaEncoding: 'ieee-p1363' as const } : {}),
  });
  return `${input}.${b64url(signature)}`;
}

async function paste(page: Page, key: string, jwt: string): Promise<void> {
  await setEditor(page, 'key-input', key);
  await setEditor(page, 'token-input', jwt);
}

test.beforeEach(async ({ page }) => {
  await openLab(page);
});

test('a {kid: PEM} map verifies each token with the certificate its kid names', async ({
  page,
}) => {
  const map = JSON.stringify({ 'rsa-kid': PEM.rsaLeaf, 'ec-kid': PEM.ecLeaf }, null, 2);
  await paste(page, map, token({ alg: 'ES256', kid: 'ec-kid' }, KEY.ecLeaf));
  await expectStatus(page, 'verified');
  await expect(page.getByTestId('key-kind')).toHaveText('Key map (kid → PEM), 2 keys');
  await expect(page.getByTestId('key-source')).toContainText('the PEM for kid "ec-kid"');
  await expect(page.getByTestId('key-source')).toContainText('matched kid "ec-kid"');
  await setEditor(page, 'token-input', token({ alg: 'RS256', kid: 'rsa-kid' }, KEY.rsaLeaf));
  await expectStatus(page, 'verified');
  await expect(page.getByTestId('key-source')).toContainText('the PEM for kid "rsa-kid"');
  // The kid names a certificate whose key did not sign: invalid, not another entry's luck.
  await setEditor(page, 'token-input', token({ alg: 'ES256', kid: 'ec-kid' }, KEY.ecExpired));
  await expectStatus(page, 'invalid');
});

test('PEM blocks pasted together: each is tried and key-source says which verified', async ({
  page,
}) => {
  await paste(
    page,
    PEM.rsaLeaf + PEM.ecIntermediate + PEM.ecLeaf,
    token({ alg: 'ES256' }, KEY.ecLeaf),
  );
  await expectStatus(page, 'verified');
  await expect(page.getByTestId('key-kind')).toHaveText('PEM blocks, 3 keys');
  await expect(page.getByTestId('key-source')).toContainText('PEM block 3, a certificate');
  await expect(page.getByTestId('jwks-key')).toHaveCount(3);
  await expect(page.getByTestId('jwks-key').nth(2)).toHaveAttribute('data-status', 'verified');
});

test('an x5c chain: untrusted without an anchor, trusted with its root, verified by its leaf', async ({
  page,
}) => {
  const jwt = token({ alg: 'ES256', x5c: x5c(PEM.ecLeaf, PEM.ecIntermediate) }, KEY.ecLeaf);
  await paste(page, '', jwt);
  const chain = page.getByTestId('chain-status');
  await expect(chain).toHaveAttribute('data-status', 'untrusted');
  await expect(chain).toContainText('O=JWT Lab Test, CN=ec-leaf.example');
  await expect(chain).toContainText('O=JWT Lab Test, CN=JWT Lab Test EC Intermediate');
  await expectStatus(page, 'needs-key');

  await setEditor(page, 'trust-anchors', PEM.otherRoot);
  await expect(chain).toHaveAttribute('data-status', 'untrusted');
  await expectStatus(page, 'needs-key');

  await setEditor(page, 'trust-anchors', PEM.otherRoot + PEM.ecRoot);
  await expect(chain).toHaveAttribute('data-status', 'trusted');
  await expectStatus(page, 'verified');
  await expect(page.getByTestId('key-source')).toContainText(
    'the leaf certificate "O=JWT Lab Test, CN=ec-leaf.example" of the token\'s x5c chain',
  );
});

test('an expired chain and a broken one never verify, even with the anchor', async ({ page }) => {
  await paste(
    page,
    '',
    token({ alg: 'ES256', x5c: x5c(PEM.ecExpired, PEM.ecIntermediate) }, KEY.ecExpired),
  );
  const chain = page.getByTestId('chain-status');
  // Outside its validity is said first: no anchor makes it good.
  await expect(chain).toHaveAttribute('data-status', 'expired');
  await setEditor(page, 'trust-anchors', PEM.ecRoot);
  await expect(chain).toHaveAttribute('data-status', 'expired');
  await expect(chain).toContainText('CN=expired.example, O=JWT Lab Test');
  await expectStatus(page, 'needs-key');

  await setEditor(
    page,
    'token-input',
    token({ alg: 'ES256', x5c: x5c(PEM.ecIntermediate, PEM.ecLeaf) }, KEY.ecLeaf),
  );
  await expect(chain).toHaveAttribute('data-status', 'invalid');
  await expect(chain).toContainText('the chain is out of order or incomplete');
  await expectStatus(page, 'needs-key');
});

test('the Firebase-style key map example verifies by kid', async ({ page }) => {
  await page.getByTestId('examples').selectOption('firebase-key-map');
  await expectStatus(page, 'verified');
  await expect(page.getByTestId('key-kind')).toHaveText('Key map (kid → PEM), 2 keys');
  await expect(page.getByTestId('key-source')).toContainText('matched kid');
});
