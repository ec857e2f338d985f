/**
 * The first screen is prerendered at build time and the page's script
 * hydrates it (plugins/prerender.ts, plugins/boot.js, src/main.ts). What
 * the HTML shows before any script runs must never mislead: the signature
 * is not verified until the page has checked it, and a share link or
 * remembered work is never preceded by the sample.
 */
import type { Page } from '@playwright/test';
import { expect, expectStatus, readEditor, test } from './helpers';
import { b64url } from './tokens';

const UNSIGNED = `${b64url('{"alg":"none"}')}.${b64url('{"sub":"shared"}')}.`;
const EDITORS = ['token-input', 'key-input', 'header-json', 'payload-json'];

/** A value the init script below left on `window`. */
function recorded<T>(page: Page, name: string): Promise<T> {
  return page.evaluate((key) => (window as unknown as Record<string, T>)[key]!, name);
}

/** Hold back every script but the boot script until the returned function is called. */
async function holdScripts(page: Page): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/(?!boot-)[^/]+\.js$/, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

test('the page as served shows the sample with its signature not yet checked, and no inline script', async ({
  request,
}) => {
  const html = await (await request.get('./')).text();
  expect(html).toContain('data-prerendered');
  expect(html).toMatch(/data-testid="signature-status" data-status="checking"/);
  expect(html).not.toContain('data-status="verified"');
  expect(html).not.toContain('Signature verified');
  // Every script has a src: the page's policy allows no inline script.
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag).toMatch(/\ssrc="/);
});

test('before its scripts run the first screen is complete, and says the signature is being checked', async ({
  page,
}) => {
  const release = await holdScripts(page);
  await page.goto('./');
  await expect(page.getByTestId('signature-status')).toHaveAttribute('data-status', 'checking');
  await expect(page.getByTestId('signature-status')).not.toContainText(/verified/i);
  const token = await page.getByTestId('token-input').innerText();
  expect(token.trim().split('.')).toHaveLength(3);
  await expect(page.getByTestId('header-json')).toContainText('"alg": "HS256"');
  await expect(page.getByTestId('claim-exp')).toBeVisible();
  for (const id of ['leeway', 'expected-iss', 'expected-aud'])
    await expect(page.getByTestId(id)).toBeVisible();
  release();
  await expectStatus(page, 'verified');
});

test('the prerendered first screen turns into the working app: checking, then verified, and nothing moves', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await page.addInitScript((editors) => {
    const w = window as unknown as {
      __statuses: string[];
      __boxes: Record<string, number[]>;
      __shift: number;
      __firstFrameWhole: boolean;
    };
    w.__statuses = [];
    w.__shift = 0;
    // The first frame must already hold the whole first screen: a frame of
    // half of it (the parser yields on a busy machine) shifts when the rest arrives.
    requestAnimationFrame(() => (w.__firstFrameWhole = !!document.getElementById('app-end')));
    const note = () => {
      const status = document
        .querySelector('[data-testid="signature-status"]')
        ?.getAttribute('data-status');
      if (status && w.__statuses[w.__statuses.length - 1] !== status) w.__statuses.push(status);
    };
    new MutationObserver(note).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
    });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        w.__shift += (entry as unknown as { value: number }).value;
    }).observe({ type: 'layout-shift', buffered: true });
    // The editors' boxes as first drawn, from the prerendered previews.
    document.addEventListener('DOMContentLoaded', () => {
      w.__boxes = Object.fromEntries(
        editors.map((id) => {
          const r = document.querySelector(`[data-testid="${id}"]`)!.getBoundingClientRect();
          return [id, [r.x, r.y, r.width, r.height]];
        }),
      );
    });
  }, EDITORS);
  // A slow machine: the parser then yields partway through the page.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
  await page.goto('./');
  await expectStatus(page, 'verified');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  expect(await recorded<boolean>(page, '__firstFrameWhole')).toBe(true);
  for (const id of EDITORS) {
    // The editor loads on the first focus, and takes its preview's place exactly.
    await page
      .getByTestId(id)
      .locator('.preview')
      .evaluate((el: HTMLElement) => el.focus({ preventScroll: true }));
    await expect(page.getByTestId(id).locator('.cm-content')).toHaveCount(1);
    const box = await page.getByTestId(id).evaluate((el) => {
      const r = el.getBoundingClientRect();
      return [r.x, r.y, r.width, r.height];
    });
    const before = await recorded<Record<string, number[]>>(page, '__boxes');
    expect(box, `${id} keeps the preview's box`).toEqual(before[id]);
  }
  expect(await recorded<string[]>(page, '__statuses')).toEqual(['checking', 'verified']);
  expect(await recorded<number>(page, '__shift')).toBe(0);
  // The sample in the editors is the one signed at load, verified with its key.
  const token = await readEditor(page, 'token-input');
  expect(token.split('.')).toHaveLength(3);
  expect(await readEditor(page, 'key-input')).not.toBe('');
});

test('a share link hides the prerendered sample until the page has read it, then wins', async ({
  page,
}) => {
  const release = await holdScripts(page);
  await page.goto(`./#token=${UNSIGNED}`);
  await expect(page.locator('html')).toHaveAttribute('data-restoring', '');
  await expect(page.getByTestId('token-input')).toBeHidden();
  await expect(page.getByTestId('signature-status')).toBeHidden();
  release();
  await expectStatus(page, 'unsigned');
  await expect(page.getByTestId('token-input')).toBeVisible();
  await expect.poll(() => readEditor(page, 'token-input')).toBe(UNSIGNED);
  await expect(page.locator('html')).not.toHaveAttribute('data-restoring');
});

test('remembered work hides the prerendered sample too, then wins', async ({ page }) => {
  await page.addInitScript((token) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('jwt-lab:remembered', `token=${token}`);
      sessionStorage.setItem('seeded', '1');
    }
  }, UNSIGNED);
  const release = await holdScripts(page);
  await page.goto('./');
  await expect(page.locator('html')).toHaveAttribute('data-restoring', '');
  await expect(page.getByTestId('token-input')).toBeHidden();
  release();
  await expectStatus(page, 'unsigned');
  await expect.poll(() => readEditor(page, 'token-input')).toBe(UNSIGNED);
});
