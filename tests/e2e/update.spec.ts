/**
 * The "a new version is ready" prompt: a new build changes sw.js (its
 * precache list), the browser installs it beside the running version, and it
 * waits until the person chooses to reload. Served from a copy of the build,
 * so the test can change sw.js as a deploy would.
 */
import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { servePreview } from '../../scripts/preview.mjs';
import { expect, expectStatus, test } from './helpers';

test.use({ serviceWorkers: 'allow' });

test('a new version waits for the person, and reload switches to it', async ({ page }) => {
  const dir = await mkdtemp(join(tmpdir(), 'jwt-lab-update-'));
  await cp(resolve(process.env.E2E_DIST ?? 'dist'), dir, { recursive: true });
  const { url, close } = await servePreview(dir);
  try {
    await page.goto(url);
    await expectStatus(page, 'verified');
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, {
      timeout: 20_000,
    });
    await expect(page.getByTestId('update-banner')).toHaveCount(0);

    await appendFile(join(dir, 'sw.js'), '\n// the next build\n');
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())!.update();
    });
    const banner = page.getByTestId('update-banner');
    await expect(banner).toBeVisible({ timeout: 20_000 });
    await expect(banner).toHaveAttribute('role', 'status');
    // Nothing changes by itself: the page keeps working on the running version.
    await expectStatus(page, 'verified');

    const loadedAt = await page.evaluate(() => performance.timeOrigin);
    await page.getByTestId('update-reload').click();
    // expect.poll stops at the first exception: a read while the page reloads counts as "not yet".
    const timeOrigin = () => page.evaluate(() => performance.timeOrigin).catch(() => loadedAt);
    await expect.poll(timeOrigin).not.toBe(loadedAt);
    await expectStatus(page, 'verified');
    await expect(page.getByTestId('update-banner')).toHaveCount(0);
    const waiting = await page.evaluate(
      async () => (await navigator.serviceWorker.getRegistration())!.waiting,
    );
    expect(waiting).toBeNull();
  } finally {
    await close();
    await rm(dir, { recursive: true, force: true });
  }
});
