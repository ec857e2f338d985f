/**
 * What a person types while the page is still starting must survive the app
 * taking over the prerendered page (issue 11): the settings inputs, the time
 * travel clock, and the token and key editors (typed into their static
 * previews before the editor itself exists).
 */
import type { Page } from '@playwright/test';
import { expect, expectClaim, expectStatus, readEditor, test } from './helpers';
import { hs256, now } from './tokens';

const TYPED_SECRET = 'typed-during-start-up-0f3a9c2e7b14d6a85e0c9b3f7a2d4e61';
const ISSUER = 'https://typed.example';
const AUDIENCE = 'typed-audience';

/** The status the verdict showed when an input had just been typed into ('checking' = before start-up ended). */
const phase = (page: Page) =>
  page.evaluate(
    () =>
      document.querySelector('[data-testid="signature-status"]')?.getAttribute('data-status') ??
      'none',
  );

/** Type into an `input` the way a person does, as soon as it is there. */
async function typeInto(page: Page, testid: string, text: string): Promise<string> {
  const input = page.getByTestId(testid);
  await input.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  return phase(page);
}

/** Replace an editor's text by clicking its box, selecting all, deleting and inserting. */
async function typeIntoEditor(page: Page, testid: string, text: string): Promise<string> {
  await page.getByTestId(testid).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
  return phase(page);
}

interface Typing {
  token: string;
  at: number;
  /** Hold the app's modules until everything is typed: typing then surely comes first. */
  holdApp: boolean;
}

/** Open the page slowed 8x, type into every field and editor as soon as it is there. */
async function typeWhileStarting(page: Page, { token, at, holdApp }: Typing) {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  if (holdApp)
    await page.route(/\/assets\/(?!boot-)[^/]+\.js$/, async (route) => {
      await released;
      await route.continue();
    });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 8 });
  await page.goto('./', { waitUntil: 'commit' });

  const phases: Record<string, string> = {};
  phases.leeway = await typeInto(page, 'leeway', '45');
  phases['expected-iss'] = await typeInto(page, 'expected-iss', ISSUER);
  phases['expected-aud'] = await typeInto(page, 'expected-aud', AUDIENCE);
  phases.clock = await typeInto(page, 'clock', String(at));
  phases['key-input'] = await typeIntoEditor(page, 'key-input', TYPED_SECRET);
  phases['token-input'] = await typeIntoEditor(page, 'token-input', token);
  test.info().annotations.push({ type: 'typed at', description: JSON.stringify(phases) });
  if (holdApp)
    expect(Object.values(phases), 'all typed before the app ran').toEqual(
      Object.values(phases).map(() => 'checking'),
    );
  release();
  await expectStatus(page, 'verified');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
}

/** Everything typed is still there, and the verdicts are made with it. */
async function expectTypedKept(page: Page, { token, at }: Typing) {
  await expect.soft(page.getByTestId('leeway')).toHaveValue('45');
  await expect.soft(page.getByTestId('expected-iss')).toHaveValue(ISSUER);
  await expect.soft(page.getByTestId('expected-aud')).toHaveValue(AUDIENCE);
  await expect.soft(page.getByTestId('clock')).toHaveValue(String(at));
  await expect.soft.poll(() => readEditor(page, 'token-input')).toBe(token);
  await expect.soft.poll(() => readEditor(page, 'key-input')).toBe(TYPED_SECRET);
  // The claims are judged with what was typed: the clock, the leeway and both expected values.
  await expectClaim(page, 'exp', 'ok');
  await expectClaim(page, 'iss', 'ok');
  await expectClaim(page, 'aud', 'ok');
}

/** A token that expired 30 s before `at`, which the typed leeway of 45 s forgives. */
async function typing(holdApp: boolean): Promise<Typing> {
  const issued = now() - 7200;
  const token = await hs256(
    { sub: 'typed', iss: ISSUER, aud: AUDIENCE, iat: issued, nbf: issued, exp: issued + 60 },
    TYPED_SECRET,
  );
  return { token, at: issued + 90, holdApp };
}

test.describe('input typed while the page starts, under 8x CPU throttling', () => {
  test('is kept when typed before the app runs', async ({ page }) => {
    test.setTimeout(120_000);
    const plan = await typing(true);
    await typeWhileStarting(page, plan);
    await expectTypedKept(page, plan);
  });

  test('is kept when typed while the app starts', async ({ page }) => {
    test.setTimeout(120_000);
    const plan = await typing(false);
    await typeWhileStarting(page, plan);
    await expectTypedKept(page, plan);
  });
});

test('the editors load on the first focus, and a click on a preview loses no keystroke', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { token } = await typing(false);
  await page.goto('./');
  await expectStatus(page, 'verified');
  // Nothing has focused an editor yet: each is its preview, without the editor library.
  for (const id of ['token-input', 'key-input', 'header-json', 'payload-json']) {
    await expect(page.getByTestId(id).locator('.preview')).toHaveCount(1);
    await expect(page.getByTestId(id).locator('.cm-content')).toHaveCount(0);
  }
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 8 });
  // Typed at once, while the editor library loads: the editor takes the preview's text over.
  await typeIntoEditor(page, 'key-input', TYPED_SECRET);
  await page.keyboard.type('!');
  await expect(page.getByTestId('key-input').locator('.cm-content')).toHaveCount(1);
  await expect(page.getByTestId('key-input').locator('.cm-content')).toBeFocused();
  await expect.poll(() => readEditor(page, 'key-input')).toBe(`${TYPED_SECRET}!`);
  await page.keyboard.press('Backspace');
  await expect.poll(() => readEditor(page, 'key-input')).toBe(TYPED_SECRET);
  await typeIntoEditor(page, 'token-input', token);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await expect.poll(() => readEditor(page, 'token-input')).toBe(token);
  await expectStatus(page, 'verified');
});
