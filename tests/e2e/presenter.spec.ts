/**
 * Presenter mode: driven by the keyboard alone (a link opens a lesson at a
 * step once the presenter says yes; arrows move one step a press; R reveals
 * the key; Esc leaves), the verdict always in view, secrets masked, hostile
 * links refused with a note, and no axe violation.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, openLab, readEditor, test } from './helpers';

test.use({ reducedMotion: 'reduce' });

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    ),
  ).toEqual([]);
}

const step = (page: Page) => page.getByTestId('presenter-step');

test('a link opens a lesson at a step, with the keyboard alone', async ({ page }) => {
  await page.goto('./#present=alg-none.2');
  const presenter = page.getByTestId('presenter');
  await expect(presenter).toBeVisible();
  // Announced, and nothing happens until the presenter says yes.
  await expect(page.getByTestId('presenter-link-note')).toContainText(
    '"Attack: alg none", step 2 of 3',
  );
  await expect(page.getByTestId('presenter-link-open')).toBeFocused();
  expect(await page.evaluate(() => location.hash)).toBe('');
  await expectNoViolations(page);
  await page.keyboard.press('Enter');

  await expect(step(page)).toHaveText('Step 2 of 3');
  await expect(page.getByTestId('presenter-step-title')).toBeFocused();
  await expect(page.getByTestId('presenter-step-title')).toContainText('"alg": "none"');
  // The forged token is in the editors, and the verdict is on screen.
  await expect(page.getByTestId('presenter-verdict')).toHaveAttribute('data-status', 'unsigned');
  await expect(page.getByTestId('presenter-verdict')).toBeInViewport();
  const secret = await readEditor(page, 'key-input');
  const key = page.getByTestId('presenter-key');
  await expect(key).toHaveAttribute('data-masked', 'true');
  await expect(key).not.toContainText(secret);
  await expectNoViolations(page);

  await page.keyboard.press('r');
  await expect(key).toHaveAttribute('data-masked', 'false');
  await expect(key).toContainText(secret);
  await page.keyboard.press('r');
  await expect(key).toHaveAttribute('data-masked', 'true');

  await page.keyboard.press('ArrowRight');
  await expect(step(page)).toHaveText('Step 3 of 3');
  await page.keyboard.press('ArrowRight');
  await expect(step(page)).toHaveText('Step 3 of 3');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(step(page)).toHaveText('Step 1 of 3');
  await expect(page.getByTestId('presenter-verdict')).toHaveAttribute('data-status', 'verified');
  await expect(page.getByTestId('presenter-link')).toHaveValue(/#present=alg-none\.1$/);

  // The verdict stays in view when the step is scrolled.
  await page.mouse.wheel(0, 2000);
  await expect(page.getByTestId('presenter-verdict')).toBeInViewport();

  await page.keyboard.press('Escape');
  await expect(presenter).toHaveCount(0);
});

test('opened from the Lessons panel (dark) and left with Esc, focus goes back', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openLab(page);
  await page.getByTestId('lessons-open').click();
  await page.getByTestId('presenter-open').focus();
  await page.keyboard.press('Enter');
  await expect(step(page)).toHaveText(/^Step 1 of \d+$/);
  await expect(page.getByTestId('presenter-step-title')).toBeFocused();
  // Tab reaches the controls; Enter on "Next" moves one step.
  await page.getByTestId('presenter-next').focus();
  await page.keyboard.press('Enter');
  await expect(step(page)).toHaveText(/^Step 2 of \d+$/);
  await expectNoViolations(page);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('presenter')).toHaveCount(0);
  await expect(page.getByTestId('presenter-open')).toBeFocused();
});

const HOSTILE: [string, string][] = [
  ['#present=no-such-lesson.1', 'names no lesson of this page'],
  ['#present=alg-none.99', 'the link asks for step 99'],
  [`#present=${'x'.repeat(200)}.1`, 'characters long'],
  ['#present=alg-none.1&token=abc', 'not of the form'],
];
for (const [hash, why] of HOSTILE) {
  test(`a hostile link (${hash.slice(0, 30)}) opens nothing and says why`, async ({ page }) => {
    await page.goto(`./${hash}`);
    await expect(page.getByTestId('presenter-link-note')).toContainText(why);
    await expect(page.getByTestId('presenter-step')).toHaveCount(0);
    // The page behind still holds its own sample token, verified.
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('signature-status')).toHaveAttribute('data-status', 'verified');
  });
}

test('a course lesson is presented too: its actions, check and server log, with the keyboard alone', async ({
  page,
}) => {
  await page.goto('./#present=authz.1');
  await expect(page.getByTestId('presenter-link-note')).toContainText(
    '"Authentication vs authorization", step 1 of 3',
  );
  await page.keyboard.press('Enter');
  await expect(step(page)).toHaveText('Step 1 of 3');
  await expect(page.getByTestId('presenter-step-title')).toContainText(
    '403: known, but not allowed',
  );
  const check = page.getByTestId('presenter-check');
  await expect(check).toHaveAttribute('data-status', 'pending');
  // The wrong call first, by keyboard: the check says why not.
  await page.getByTestId('presenter-action-call-profile').focus();
  await page.keyboard.press('Enter');
  await expect(check).toHaveAttribute('data-status', 'failed');
  await expect(page.getByTestId('presenter-server-log')).toContainText('GET /api/profile → 200');
  await page.getByTestId('presenter-action-call-admin').focus();
  await page.keyboard.press('Enter');
  await expect(check).toHaveAttribute('data-status', 'passed');
  await expect(page.getByTestId('presenter-server-log')).toContainText('GET /api/admin → 403');
  await expect(page.getByTestId('presenter-verdict')).toBeInViewport();
  await expect(page.getByTestId('presenter-link')).toHaveValue(/#present=authz\.1$/);
  await expectNoViolations(page);

  // Arrows move through the course lesson's steps (focus off the buttons first).
  await page.getByTestId('presenter-step-title').focus();
  await page.keyboard.press('ArrowRight');
  await expect(step(page)).toHaveText('Step 2 of 3');
  await expect(check).toHaveAttribute('data-status', 'pending');
  await expect(page.getByTestId('presenter-link')).toHaveValue(/#present=authz\.2$/);
  await page.keyboard.press('End');
  await expect(step(page)).toHaveText('Step 3 of 3');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('presenter')).toHaveCount(0);
});
