/**
 * The exercises: each of the eight is solved through the page's own controls
 * (the editors, the crack, the attack workbench, the simulated host), and a
 * token its flawed server refuses leaves it unsolved.
 */
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, openLab, readEditor, readEditorJson, setEditor, test } from './helpers';

test.describe.configure({ mode: 'parallel' });
// Axe reads final colours, not a transition's.
test.use({ reducedMotion: 'reduce' });
// Each exercise generates RSA keys in the page and, for some, runs the workbench: not seconds.
test.setTimeout(180_000);

const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    sub?: string;
  };
const subOf = (token: string) => {
  try {
    return claimsOf(token).sub;
  } catch {
    return undefined;
  }
};

async function openExercise(page: Page, n: number): Promise<string> {
  await openLab(page);
  await page.getByTestId('lessons-open').click();
  await page.getByTestId(`exercise-${n}-open`).click();
  const token = page.getByTestId('exercise-token');
  await expect(token).toBeVisible({ timeout: 60_000 });
  const issued = await token.inputValue();
  await expect.poll(() => readEditor(page, 'token-input')).toBe(issued);
  await expect(page.getByTestId(`exercise-${n}`)).toHaveAttribute('data-status', 'unsolved');
  return issued;
}

/** Edit the payload's sub to administrator in the payload editor, and wait for the token. */
async function becomeAdmin(page: Page): Promise<void> {
  await expect
    .poll(async () => ((await readEditorJson(page, 'payload-json')) as { sub?: string }).sub)
    .toBe('wiener');
  const claims = (await readEditorJson(page, 'payload-json')) as Record<string, unknown>;
  await setEditor(
    page,
    'payload-json',
    JSON.stringify({ ...claims, sub: 'administrator' }, null, 2),
  );
  await expect.poll(async () => subOf(await readEditor(page, 'token-input'))).toBe('administrator');
}

async function submit(page: Page, n: number, expected: 'solved' | 'unsolved'): Promise<void> {
  await page.getByTestId('exercise-submit').click();
  const result = page.getByTestId('exercise-result');
  await expect(result).toHaveAttribute('data-status', expected, { timeout: 30_000 });
  await expect(page.getByTestId(`exercise-${n}`)).toHaveAttribute('data-status', expected);
}

/** The edited token keeps the server's old signature: every server but the first refuses it. */
async function refusedFirst(page: Page, n: number): Promise<void> {
  await submit(page, n, 'unsolved');
  await expect(page.getByTestId('exercise-flawed')).toHaveAttribute('data-status', 'refused');
}

async function useVariant(page: Page, id: string, setup?: () => Promise<void>): Promise<void> {
  await page.getByTestId('attack-open').click();
  await setup?.();
  await page.getByTestId('attack-run').click();
  await expect(page.getByTestId(`attack-${id}`)).toBeVisible({ timeout: 60_000 });
  await page.getByTestId(`attack-${id}-use`).click();
  const forged = await page.getByTestId(`attack-${id}-token`).inputValue();
  await expect.poll(() => readEditor(page, 'token-input')).toBe(forged);
}

test('1 unverified signature: the edited claims with the old signature', async ({ page }) => {
  await openExercise(page, 1);
  // A token it cannot read is the only one this server refuses.
  await setEditor(page, 'token-input', 'eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln');
  await refusedFirst(page, 1);
  await page.getByTestId('exercise-load').click();
  await becomeAdmin(page);
  await submit(page, 1, 'solved');
  await expect(page.getByTestId('exercise-correct')).toHaveAttribute('data-status', 'refused');
});

test('2 flawed verification: alg none', async ({ page }) => {
  await openExercise(page, 2);
  await becomeAdmin(page);
  await refusedFirst(page, 2);
  const header = (await readEditorJson(page, 'header-json')) as Record<string, unknown>;
  await setEditor(page, 'header-json', JSON.stringify({ ...header, alg: 'none' }));
  await expect.poll(async () => (await readEditor(page, 'token-input')).endsWith('.')).toBe(true);
  await submit(page, 2, 'solved');
});

test('3 weak key: cracked with the bundled list, then re-signed', async ({ page }) => {
  await openExercise(page, 3);
  await becomeAdmin(page);
  await refusedFirst(page, 3);
  await page.getByTestId('exercise-load').click();
  await page.getByTestId('crack-open').click();
  await page.getByTestId('crack-run').click();
  await expect(page.getByTestId('crack-status')).toHaveAttribute('data-status', 'found', {
    timeout: 60_000,
  });
  await expect.poll(() => readEditor(page, 'key-input')).toBe('secret1');
  await becomeAdmin(page);
  await expect(page.getByTestId('signature-status')).toHaveAttribute('data-status', 'verified');
  await submit(page, 3, 'solved');
});

test('4 jwk injection: the workbench embeds its own key', async ({ page }) => {
  await openExercise(page, 4);
  await becomeAdmin(page);
  await refusedFirst(page, 4);
  await useVariant(page, 'embedded-jwk');
  await submit(page, 4, 'solved');
});

test('5 jku injection: the JWKS published on the simulated host', async ({ page }) => {
  const url = 'https://exploit.example/jwks.json';
  await openExercise(page, 5);
  await becomeAdmin(page);
  await refusedFirst(page, 5);
  await useVariant(page, 'jku', () => page.getByTestId('attack-url').fill(url));
  // Not published yet: the server's "fetch" finds nothing.
  await refusedFirst(page, 5);
  await expect(page.getByTestId('exercise-flawed')).toContainText('nothing is published there');
  const downloading = page.waitForEvent('download');
  await page
    .getByTestId('attack-jku')
    .getByRole('button', { name: /^Download/ })
    .click();
  const jwks = readFileSync(await (await downloading).path(), 'utf8');
  await page.getByTestId('exercise-host-url').fill(url);
  await page.getByTestId('exercise-host-body').fill(jwks);
  await page.getByTestId('exercise-host-publish').click();
  await expect(page.getByTestId('exercise-host-files')).toContainText(url);
  // Hints open one by one; the panel, with the host and a result showing, passes axe.
  await page.getByTestId('exercise-hint-next').click();
  await page.getByTestId('exercise-hint-next').click();
  await expect(page.getByTestId('exercise-hint-2')).toBeVisible();
  await expect(page.getByTestId('exercise-hint-3')).toHaveCount(0);
  const axe = await new AxeBuilder({ page }).include('[data-testid="lessons-panel"]').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await submit(page, 5, 'solved');
});

test('6 kid path traversal: /dev/null and an empty key', async ({ page }) => {
  await openExercise(page, 6);
  await becomeAdmin(page);
  await refusedFirst(page, 6);
  await useVariant(page, 'kid-dev-null');
  await submit(page, 6, 'solved');
});

test('7 algorithm confusion: the published key as an HMAC secret', async ({ page }) => {
  await openExercise(page, 7);
  const jwks = await page.getByTestId('exercise-exposed-key').inputValue();
  await becomeAdmin(page);
  await refusedFirst(page, 7);
  // The PEM without its final newline is not the text the server holds: refused.
  await useVariant(page, 'key-confusion-no-newline', () =>
    page.getByTestId('attack-public-key').fill(jwks),
  );
  await refusedFirst(page, 7);
  await page.getByTestId('attack-key-confusion-use').click();
  await submit(page, 7, 'solved');
});

test('8 algorithm confusion with no exposed key: recovered from two tokens', async ({ page }) => {
  const first = await openExercise(page, 8);
  const second = await page.getByTestId('exercise-second-token').inputValue();
  await becomeAdmin(page);
  await refusedFirst(page, 8);
  await useVariant(page, 'key-confusion', async () => {
    await page.getByText('No public key? Recover it from two RS256 tokens').click();
    await page.getByTestId('attack-recover-token-1').fill(first);
    await page.getByTestId('attack-recover-token-2').fill(second);
    await page.getByTestId('attack-recover-run').click();
    await expect(page.getByTestId('attack-recover-result')).toContainText('2048-bit');
    await expect(page.getByTestId('attack-public-key')).toHaveValue(/BEGIN PUBLIC KEY/);
  });
  await submit(page, 8, 'solved');
});

test('progress is kept on the device only when the person ticks remember', async ({ page }) => {
  await openExercise(page, 1);
  await becomeAdmin(page);
  await submit(page, 1, 'solved');
  expect(await page.evaluate(() => localStorage.getItem('jwt-lab:exercises'))).toBeNull();
  await openLab(page);
  await page.getByTestId('lessons-open').click();
  await expect(page.getByTestId('exercise-1')).toHaveAttribute('data-status', 'unsolved');

  await page.getByTestId('exercise-1-open').click();
  await expect(page.getByTestId('exercise-token')).toBeVisible({ timeout: 60_000 });
  await becomeAdmin(page);
  await submit(page, 1, 'solved');
  await page.getByTestId('exercise-remember').check();
  await openLab(page);
  await page.getByTestId('lessons-open').click();
  await expect(page.getByTestId('exercise-1')).toHaveAttribute('data-status', 'solved');
  await expect(page.getByTestId('exercise-remember')).toBeChecked();
  await page.getByTestId('exercise-remember').uncheck();
  expect(await page.evaluate(() => localStorage.getItem('jwt-lab:exercises'))).toBeNull();
});
