/**
 * The Lessons panel and attack lab: every lesson runs start to finish on the
 * real page, and the page's own verdicts match what each step's text says.
 */
import type { Page } from '@playwright/test';
import { expect, expectClaim, expectStatus, openLab, test, type SignatureStatus } from './helpers';

interface Expected {
  status: SignatureStatus;
  claims?: Record<string, 'ok' | 'fail' | 'warn' | 'info'>;
  demo?: RegExp[];
  findings?: string[];
  /** A DPoP proof's verdict (`dpop-status`). */
  dpop?: 'valid' | 'invalid';
  /** An SD-JWT's key binding (`kb-status`) and each disclosure's status (`disclosure-<n>`). */
  kb?: 'verified' | 'invalid' | 'absent';
  disclosures?: string[];
}

const LESSONS: Record<string, Expected[]> = {
  anatomy: [
    { status: 'verified' },
    { status: 'verified', demo: [/Header part .* decodes to \{"alg":"HS256","typ":"JWT"\}/] },
    { status: 'verified', demo: [/JWT Lab: verified/] },
  ],
  tamper: [
    { status: 'verified' },
    { status: 'invalid', demo: [/JWT Lab: invalid — The signature does not match this key/] },
    { status: 'invalid' },
  ],
  expiry: [
    { status: 'verified', claims: { exp: 'ok' } },
    { status: 'verified', claims: { exp: 'fail' } },
    { status: 'verified', claims: { exp: 'ok' } },
    { status: 'verified', claims: { exp: 'ok' } },
  ],
  rotation: [
    { status: 'verified' },
    { status: 'verified' },
    { status: 'invalid' },
    { status: 'verified' },
  ],
  'access-refresh': [
    { status: 'verified', claims: { aud: 'ok', iss: 'ok' } },
    { status: 'verified', claims: { aud: 'fail', iss: 'ok' } },
    { status: 'verified', claims: { aud: 'ok' }, demo: [/Access token: memory only/] },
  ],
  'selective-disclosure': [
    { status: 'verified', kb: 'absent', disclosures: Array(5).fill('matched') },
    { status: 'verified', kb: 'absent', disclosures: ['matched', 'matched'] },
    {
      status: 'verified',
      kb: 'verified',
      demo: [/The verifier sees: birthdate = "1963-08-12", given_name = "Erika"\./],
    },
    { status: 'verified', kb: 'invalid', demo: [/Key binding: invalid/] },
    { status: 'verified', kb: 'absent', demo: [/Disclosure \d unmatched/] },
  ],
  dpop: [
    { status: 'verified' },
    { status: 'needs-key', dpop: 'valid', demo: [/Resource server: 200 OK/] },
    { status: 'needs-key', dpop: 'invalid', demo: [/401 invalid_dpop_proof/, /jkt: /] },
    { status: 'needs-key', dpop: 'invalid', demo: [/htm: /, /htu: /] },
    { status: 'needs-key', dpop: 'valid' },
  ],
  'alg-none': [
    { status: 'verified' },
    {
      status: 'unsigned',
      demo: [
        /Naive verifier: ACCEPTED — it trusted "alg": "none"/,
        /JWT Lab: refused \(unsigned\)/,
      ],
      findings: ['alg-none'],
    },
    { status: 'unsigned' },
  ],
  'rs-hs-confusion': [
    { status: 'verified' },
    {
      status: 'key-error',
      demo: [
        /Naive verifier: ACCEPTED/,
        /JWT Lab: refused \(key-error\) — HS256 needs a shared secret/,
      ],
      findings: ['hmac-key-is-public-key'],
    },
    { status: 'key-error' },
  ],
  'embedded-jwk': [
    {
      status: 'invalid',
      demo: [/Naive verifier: ACCEPTED — it verified with the key the token carried/],
      findings: ['embedded-jwk'],
    },
    { status: 'invalid' },
  ],
  'kid-injection': [
    {
      status: 'invalid',
      demo: [/Naive verifier: ACCEPTED — .*\(empty\)/, /JWT Lab: refused \(invalid\)/],
      findings: ['kid-suspicious'],
    },
    { status: 'invalid' },
  ],
  'psychic-signature': [
    {
      status: 'invalid',
      demo: [/Naive verifier: ACCEPTED — it skipped the 0 < r, s < n range check/],
      findings: ['ecdsa-zero-signature'],
    },
    { status: 'invalid' },
  ],
  'duplicate-claims': [
    {
      status: 'verified',
      demo: [/role = "user"/, /role = "admin"/],
      findings: ['duplicate-member'],
    },
    { status: 'verified' },
  ],
};

async function openLessons(page: Page): Promise<void> {
  await openLab(page);
  await page.getByTestId('lessons-open').click();
  await expect(page.getByTestId('lessons-panel')).toBeVisible();
}

async function checkStep(
  page: Page,
  index: number,
  total: number,
  expected: Expected,
): Promise<void> {
  await expect(page.getByTestId('lesson-progress')).toContainText(`step ${index + 1} of ${total}`);
  await expect(page.getByTestId('lesson-busy')).toHaveCount(0);
  await expectStatus(page, expected.status);
  for (const [claim, status] of Object.entries(expected.claims ?? {}))
    await expectClaim(page, claim, status);
  for (const line of expected.demo ?? [])
    await expect(page.getByTestId('lesson-demo')).toContainText(line);
  if (expected.kb)
    await expect(page.getByTestId('kb-status')).toHaveAttribute('data-status', expected.kb);
  for (const [i, status] of (expected.disclosures ?? []).entries())
    await expect(page.getByTestId(`disclosure-${i + 1}`)).toHaveAttribute('data-status', status);
  if (expected.dpop)
    await expect(page.getByTestId('dpop-status')).toHaveAttribute('data-status', expected.dpop);
  for (const id of expected.findings ?? [])
    await expect(page.getByTestId(`lint-${id}`)).toBeVisible();
}

for (const [id, steps] of Object.entries(LESSONS)) {
  test(`lesson ${id} runs start to finish`, async ({ page }) => {
    await openLessons(page);
    await page.getByTestId(`lesson-${id}`).click();
    for (let i = 0; i < steps.length; i++) {
      await checkStep(page, i, steps.length, steps[i]!);
      if (i < steps.length - 1) await page.getByTestId('lesson-next').click();
    }
    await expect(page.getByTestId('lesson-next')).toBeDisabled();
    // Back returns to the previous step and re-applies its state.
    await page.getByTestId('lesson-back').click();
    await checkStep(page, steps.length - 2, steps.length, steps[steps.length - 2]!);
  });
}

test('the weak-secret crack finds "secret" in a worker, with progress, then a random secret resists', async ({
  page,
}) => {
  await openLessons(page);
  await page.getByTestId('lesson-weak-secret').click();
  await checkStep(page, 0, 5, { status: 'needs-key' });
  await page.getByTestId('lesson-next').click();
  await checkStep(page, 1, 5, { status: 'needs-key' });
  const progress = page.getByTestId('crack-progress');
  await expect(page.getByRole('progressbar', { name: /Guesses tried/ })).toHaveAttribute(
    'data-testid',
    'crack-progress',
  );
  await expect(progress).toHaveAttribute('aria-valuenow', '0');
  await page.getByTestId('crack-start').click();
  await expect(page.getByTestId('crack-result')).toContainText('Found the secret: "secret"');
  expect(Number(await progress.getAttribute('aria-valuenow'))).toBeGreaterThan(0);

  await page.getByTestId('lesson-next').click();
  await checkStep(page, 2, 5, { status: 'verified' });
  await page.getByTestId('lesson-next').click();
  await checkStep(page, 3, 5, { status: 'needs-key' });
  await expect(progress).toHaveAttribute('aria-valuenow', '0');
  // Record every value the progress bar takes while the whole list runs.
  await progress.evaluate((el) => {
    const w = window as unknown as { __progress: number[] };
    w.__progress = [];
    new MutationObserver(() => w.__progress.push(Number(el.getAttribute('aria-valuenow')))).observe(
      el,
      {
        attributes: true,
        attributeFilter: ['aria-valuenow'],
      },
    );
  });
  await page.getByTestId('crack-start').click();
  await expect(page.getByTestId('crack-result')).toContainText(
    /Not found: none of the \d+ weak secrets/,
  );
  const seen = await page.evaluate(
    () => (window as unknown as { __progress: number[] }).__progress,
  );
  const max = Number(await progress.getAttribute('aria-valuemax'));
  expect(seen.length).toBeGreaterThan(2);
  expect(seen).toEqual([...seen].sort((a, b) => a - b));
  expect(seen.at(-1)).toBe(max);
  await page.getByTestId('lesson-next').click();
  await checkStep(page, 4, 5, { status: 'verified', findings: [] });
});

test('cancel stops a crack; Escape closes the panel and focus returns to the button', async ({
  page,
}) => {
  await openLessons(page);
  await page.getByTestId('lesson-weak-secret').click();
  await page.getByTestId('lesson-next').click();
  await page.getByTestId('lesson-next').click();
  await page.getByTestId('lesson-next').click();
  await checkStep(page, 3, 5, { status: 'needs-key' });
  await expect(page.getByTestId('crack-cancel')).toBeDisabled();
  // Press Cancel as soon as it is enabled, in the page, before the worker can finish.
  await page.evaluate(async () => {
    const start = document.querySelector<HTMLButtonElement>('[data-testid="crack-start"]')!;
    const cancel = document.querySelector<HTMLButtonElement>('[data-testid="crack-cancel"]')!;
    start.click();
    while (cancel.disabled) await new Promise((r) => setTimeout(r, 0));
    cancel.click();
  });
  await expect(page.getByTestId('crack-result')).toHaveAttribute('data-status', 'cancelled');
  await expect(page.getByTestId('crack-result')).toContainText(/Cancelled after \d+ guesses\./);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('lessons-panel')).toHaveCount(0);
  await expect(page.getByTestId('lessons-open')).toBeFocused();
});

test('keyboard only, at 390 px wide: open, pick, step through', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openLab(page);
  const overflow = () =>
    page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const before = await overflow();
  await page.getByTestId('lessons-open').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('lesson-tamper').focus();
  await page.keyboard.press('Enter');
  await checkStep(page, 0, 3, { status: 'verified' });
  await page.getByTestId('lesson-next').focus();
  await page.keyboard.press('Enter');
  await checkStep(page, 1, 3, { status: 'invalid' });
  // The panel adds no horizontal scrolling of its own.
  expect(await overflow()).toBeLessThanOrEqual(Math.max(0, before));
  const panel = await page.getByTestId('lessons-panel').boundingBox();
  expect(panel!.x + panel!.width).toBeLessThanOrEqual(390);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('lessons-panel')).toHaveCount(0);
});
