/**
 * Cracking an HS256 secret from a wordlist file of 1,000,000 lines in the
 * page's workers: progress while it runs, the secret found near the end, and
 * the key editor then verifying the token with it. HS512 runs in the
 * WebAssembly kernel under the hosted CSP, and in JavaScript when a policy
 * refuses to compile it.
 */
import { createHmac } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, expectStatus, openLab, setEditor, test } from './helpers';

const SECRET = 'zebra-7Q2-crystal';
const LINES = 1_000_000;
const AT = 990_000;

function hmacToken(alg: 'HS256' | 'HS512', secret: string): string {
  const head = Buffer.from(JSON.stringify({ alg, typ: 'JWT' })).toString('base64url');
  const body = Buffer.from(JSON.stringify({ sub: 'crack-me', role: 'admin' })).toString(
    'base64url',
  );
  const mac = createHmac(alg === 'HS256' ? 'sha256' : 'sha512', secret)
    .update(`${head}.${body}`)
    .digest('base64url');
  return `${head}.${body}.${mac}`;
}

const hs256 = (secret: string) => hmacToken('HS256', secret);

function wordlist(lines = LINES, at = AT): Buffer {
  const words = Array.from({ length: lines }, (_, i) => (i === at ? SECRET : `guess-${i}`));
  return Buffer.from(`${words.join('\n')}\n`);
}

/** Open the crack with `token` in the page, a wrong key in the key box, and `list` chosen. */
async function openCrack(page: Page, token: string, list: Buffer): Promise<void> {
  await openLab(page);
  await setEditor(page, 'token-input', token);
  await setEditor(page, 'key-input', 'not-the-secret');
  await expectStatus(page, 'invalid');
  await page.getByTestId('crack-open').click();
  await page.getByTestId('crack-wordlist').setInputFiles({
    name: 'wordlist.txt',
    mimeType: 'text/plain',
    buffer: list,
  });
}

test('a 1,000,000-line wordlist finds the secret near its end, with progress on the way', async ({
  page,
}) => {
  // A million HMACs on a shared two-core machine: minutes at worst, not seconds.
  test.setTimeout(300_000);
  await openCrack(page, hs256(SECRET), wordlist());
  // Every text the status shows, sampled in the page: the progress may pass quickly.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { crackSeen: string[] }).crackSeen = seen;
    const sample = () => {
      const status = document.querySelector('[data-testid="crack-status"]');
      if (status?.getAttribute('data-status') === 'running') seen.push(status.textContent ?? '');
      if (status?.getAttribute('data-status') !== 'found') requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  });
  await page.getByTestId('crack-run').click();

  const status = page.getByTestId('crack-status');
  await expect(status).toHaveAttribute('data-status', 'found', { timeout: 240_000 });
  await expect(status).toContainText(`"${SECRET}"`);
  const seen = await page.evaluate(() => (window as unknown as { crackSeen: string[] }).crackSeen);
  const progress = seen.filter((text) => /Tried [1-9][\d,]* guesses, [\d,]+ per second/.test(text));
  expect(
    progress.length,
    `progress shown while running: ${seen.slice(-3).join(' | ')}`,
  ).toBeGreaterThan(0);
  expect(seen.some((text) => /left/.test(text))).toBe(true);

  // The secret found is in the key box, and the token now verifies with it.
  await expectStatus(page, 'verified');
});

test('cancel stops a running crack', async ({ page }) => {
  test.setTimeout(120_000);
  await openCrack(page, hs256('never-in-the-list'), wordlist());
  await page.getByTestId('crack-run').click();
  const status = page.getByTestId('crack-status');
  await expect(status).toHaveAttribute('data-status', 'running');
  await page.getByTestId('crack-cancel').click();
  await expect(status).toHaveAttribute('data-status', 'cancelled');
  await expect(status).toContainText('Cancelled after');
});

/** Crack an HS512 token from a 200,000-line list; resolves to the engine the workers used. */
async function crackHs512(page: Page): Promise<string | null> {
  await openCrack(page, hmacToken('HS512', SECRET), wordlist(200_000, 199_000));
  await page.getByTestId('crack-run').click();
  const status = page.getByTestId('crack-status');
  await expect(status).toHaveAttribute('data-status', 'found', { timeout: 240_000 });
  await expect(status).toContainText(`"${SECRET}"`);
  await expectStatus(page, 'verified');
  return status.getAttribute('data-engine');
}

test('an HS512 secret is found by the WebAssembly kernel, which the hosted CSP lets compile', async ({
  page,
}) => {
  test.setTimeout(300_000);
  expect(await crackHs512(page)).toBe('webassembly');
});

test('where a CSP refuses WebAssembly, the workers crack HS512 in JavaScript', async ({
  page,
  context,
}) => {
  test.setTimeout(300_000);
  // A worker's policy is its own response's: here the hosted one without 'wasm-unsafe-eval'.
  // (The context's routes, not the page's, see the workers' requests.)
  await context.route(/wordlist\.worker[^/]*\.js$/, async (route) => {
    const response = await route.fetch();
    const headers = response.headers();
    headers['content-security-policy'] = headers['content-security-policy']!.replace(
      " 'wasm-unsafe-eval'",
      '',
    );
    await route.fulfill({ response, headers });
  });
  expect(await crackHs512(page)).toBe('javascript');
});
