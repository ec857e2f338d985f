/**
 * Cracking an HS256 secret from a wordlist file of 1,000,000 lines in the
 * page's workers: progress while it runs, the secret found near the end, and
 * the key editor then verifying the token with it.
 */
import { createHmac } from 'node:crypto';
import { expect, expectStatus, openLab, setEditor, test } from './helpers';

const SECRET = 'zebra-7Q2-crystal';
const LINES = 1_000_000;
const AT = 990_000;

function hs256(secret: string): string {
  const head = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const body = Buffer.from(JSON.stringify({ sub: 'crack-me', role: 'admin' })).toString(
    'base64url',
  );
  const mac = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${mac}`;
}

function wordlist(): Buffer {
  const lines = Array.from({ length: LINES }, (_, i) => (i === AT ? SECRET : `guess-${i}`));
  return Buffer.from(`${lines.join('\n')}\n`);
}

test('a 1,000,000-line wordlist finds the secret near its end, with progress on the way', async ({
  page,
}) => {
  // A million HMACs on a shared two-core machine: minutes at worst, not seconds.
  test.setTimeout(300_000);
  await openLab(page);
  await setEditor(page, 'token-input', hs256(SECRET));
  await setEditor(page, 'key-input', 'not-the-secret');
  await expectStatus(page, 'invalid');

  await page.getByTestId('crack-open').click();
  await page.getByTestId('crack-wordlist').setInputFiles({
    name: 'wordlist.txt',
    mimeType: 'text/plain',
    buffer: wordlist(),
  });
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
  await openLab(page);
  await setEditor(page, 'token-input', hs256('never-in-the-list'));
  await page.getByTestId('crack-open').click();
  await page.getByTestId('crack-wordlist').setInputFiles({
    name: 'wordlist.txt',
    mimeType: 'text/plain',
    buffer: wordlist(),
  });
  await page.getByTestId('crack-run').click();
  const status = page.getByTestId('crack-status');
  await expect(status).toHaveAttribute('data-status', 'running');
  await page.getByTestId('crack-cancel').click();
  await expect(status).toHaveAttribute('data-status', 'cancelled');
  await expect(status).toContainText('Cancelled after');
});
