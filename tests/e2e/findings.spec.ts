/**
 * Security findings in the page: they appear and disappear as the token, the
 * key and the settings change, carry their severity, and mark the exact place
 * in the editors.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, openLab, readEditor, setEditor, test } from './helpers';

async function openWithFindings(page: Page): Promise<void> {
  await openLab(page);
  await expect(page.getByTestId('findings')).toHaveAttribute('data-state', 'ready');
}

test('the sample token shows no critical or high finding', async ({ page }) => {
  await openWithFindings(page);
  const findings = page.getByTestId('findings');
  await expect(
    findings.locator('[data-testid^="lint-"]').first().or(findings.getByText('No findings')),
  ).toBeVisible();
  await expect(findings.locator('[data-severity="critical"], [data-severity="high"]')).toHaveCount(
    0,
  );
});

test('alg none appears with the header edit and goes when it is undone', async ({ page }) => {
  await openWithFindings(page);
  const original = await readEditor(page, 'header-json');
  await setEditor(page, 'header-json', '{\n  "alg": "none",\n  "typ": "JWT"\n}');
  const finding = page.getByTestId('lint-alg-none');
  await expect(finding).toBeVisible();
  await expect(finding).toHaveAttribute('data-severity', 'critical');
  await expect(finding).toContainText('Critical');
  await expect(finding).toContainText('"alg" is "none"');
  // Opened, it says why it matters and the fix (loaded on that first opening).
  await finding.locator('summary').click();
  await expect(finding).toContainText('Why it matters');
  await expect(finding).toContainText('blocklists that compare against "none" exactly');
  await expect(finding).toContainText('never the one named in the token');
  // The alg value is marked in the header editor, with the message as hover text.
  const mark = page.getByTestId('header-json').locator('.cm-problem');
  await expect(mark.first()).toHaveText('"none"');
  await expect(mark.first()).toHaveAttribute('title', /Unsigned token/);
  await setEditor(page, 'header-json', original);
  await expect(page.getByTestId('lint-alg-none')).toHaveCount(0);
  await expect(page.getByTestId('signature-status')).toHaveAttribute('data-status', 'verified');
});

test('removing exp brings exp-missing; putting it back removes it', async ({ page }) => {
  await openWithFindings(page);
  await expect(page.getByTestId('lint-exp-missing')).toHaveCount(0);
  const original = await readEditor(page, 'payload-json');
  const claims = JSON.parse(original) as Record<string, unknown>;
  delete claims.exp;
  await setEditor(page, 'payload-json', JSON.stringify(claims, null, 2));
  await expect(page.getByTestId('lint-exp-missing')).toHaveAttribute('data-severity', 'medium');
  await setEditor(page, 'payload-json', original);
  await expect(page.getByTestId('lint-exp-missing')).toHaveCount(0);
});

test('an exp in milliseconds is marked on the exp member', async ({ page }) => {
  await openWithFindings(page);
  const claims = JSON.parse(await readEditor(page, 'payload-json')) as Record<string, number>;
  claims.exp = claims.exp! * 1000;
  await setEditor(page, 'payload-json', JSON.stringify(claims, null, 2));
  await expect(page.getByTestId('lint-exp-milliseconds')).toHaveAttribute('data-severity', 'high');
  await expect(page.getByTestId('payload-json').locator('.cm-problem').first()).toContainText(
    '"exp"',
  );
});

test('a weak secret fires hmac-secret-weak', async ({ page }) => {
  await openWithFindings(page);
  await expect(page.getByTestId('lint-hmac-secret-weak')).toHaveCount(0);
  await setEditor(page, 'key-input', 'secret');
  await expect(page.getByTestId('lint-hmac-secret-weak')).toHaveAttribute(
    'data-severity',
    'critical',
  );
  await expect(page.getByTestId('lint-hmac-secret-short')).toBeVisible();
  // It opens to why it matters, the fix and the reference.
  const finding = page.getByTestId('lint-hmac-secret-weak');
  await expect(finding.getByText('Why it matters')).toBeHidden();
  await finding.locator('summary').click();
  await expect(finding.getByText('Why it matters')).toBeVisible();
  await expect(finding.getByRole('link', { name: 'RFC 8725 §3.5' })).toBeVisible();
});

test('a PEM public key as the secret of an HMAC token fires hmac-key-is-public-key', async ({
  page,
}) => {
  await openWithFindings(page);
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  await setEditor(page, 'key-input', String(publicKey.export({ type: 'spki', format: 'pem' })));
  const finding = page.getByTestId('lint-hmac-key-is-public-key');
  await expect(finding).toHaveAttribute('data-severity', 'critical');
  await expect(finding).toContainText('RSA key');
});

test('a signature-less token marks the signature part in the token editor', async ({ page }) => {
  await openWithFindings(page);
  const token = await readEditor(page, 'token-input');
  await setEditor(page, 'token-input', `Bearer ${token}`);
  await expect(page.getByTestId('lint-token-wrapped')).toHaveAttribute('data-severity', 'low');
  await setEditor(page, 'token-input', token.slice(0, token.lastIndexOf('.') + 1));
  await expect(page.getByTestId('lint-token-wrapped')).toHaveCount(0);
  await expect(page.getByTestId('lint-null-signature')).toHaveAttribute('data-severity', 'high');
});
