/**
 * Framing by another site (issue 12): the host's headers keep the page out of
 * any frame, and where a host sends none, the page refuses to start inside
 * another origin's page.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { HOSTING_HEADERS } from '../../plugins/headers';
import { servePreview } from '../../scripts/preview.mjs';
import { expect, expectStatus, test } from './helpers';

const framerPage = (src: string) =>
  `<!doctype html><title>A site</title><iframe src="${src}" style="width:900px;height:700px"></iframe>`;

/**
 * A page of another origin whose only content is a frame of `src`: served on
 * `localhost`, while the app is on 127.0.0.1 (two origins, both loopback, as
 * Chromium lets a loopback page be framed only from loopback).
 */
async function serveFramer(src: string): Promise<{ url: string; close: () => void }> {
  const server = createServer((_, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end(framerPage(src)),
  );
  await new Promise<void>((done) => server.listen(0, done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://localhost:${port}/`, close: () => server.close() };
}

/** The app built without any hosting header, as a careless host serves it. */
let bare: { url: string; close: () => Promise<void> };
test.beforeAll(async () => {
  bare = await servePreview(resolve(process.env.E2E_DIST ?? 'dist'));
});
test.afterAll(async () => {
  await bare.close();
});

test('vite preview sends the hosting headers of plugins/headers.ts', async ({ page }) => {
  const response = await page.goto('./');
  const headers = response!.headers();
  for (const [name, value] of Object.entries(HOSTING_HEADERS))
    expect(headers[name.toLowerCase()], name).toBe(value);
  await expectStatus(page, 'verified');
});

test("frame-ancestors 'none' keeps the page out of another site's frame", async ({
  page,
  baseURL,
  browserErrors,
}) => {
  const framer = await serveFramer(baseURL!);
  try {
    const refused = page.waitForEvent('console', (m) => /frame-ancestors/.test(m.text()));
    await page.goto(framer.url);
    expect((await refused).text()).toContain(
      `Framing '${baseURL}' violates the following Content Security Policy directive: "frame-ancestors 'none'"`,
    );
    await expect(page.frameLocator('iframe').getByTestId('token-input')).toHaveCount(0);
  } finally {
    framer.close();
  }
  // That refusal is the one console error this test expects.
  browserErrors.splice(
    0,
    browserErrors.length,
    ...browserErrors.filter((e) => !/frame-ancestors/.test(e)),
  );
});

test('without the header, the page shows a notice inside another site and does not start', async ({
  page,
}) => {
  const framer = await serveFramer(`${bare.url}#token=eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.`);
  try {
    await page.goto(framer.url);
    const frame = page.frameLocator('iframe');
    const notice = frame.getByTestId('framed-notice');
    await expect(notice).toBeVisible();
    await expect(notice).toContainText("JWT Lab is shown inside another site's page");
    // A tab of its own, without the fragment the framing page chose.
    const link = notice.getByRole('link');
    await expect(link).toHaveAttribute('href', bare.url);
    await expect(link).toHaveAttribute('target', '_blank');
    await expect(link).toHaveAttribute('rel', 'noopener');
    // No control of the app is left, prerendered or mounted.
    for (const id of ['token-input', 'key-input', 'signature-status'])
      await expect(frame.getByTestId(id)).toHaveCount(0);
    await expect(frame.locator('input, textarea, button, [contenteditable]')).toHaveCount(0);
  } finally {
    framer.close();
  }
});

test('framed by a page of its own origin, the page works', async ({ page }) => {
  // A wrapper page on the app's own origin, answered by Playwright.
  const wrapper = `${bare.url}wrapper.html`;
  await page.route(wrapper, (route) =>
    route.fulfill({ contentType: 'text/html', body: framerPage('./') }),
  );
  await page.goto(wrapper);
  const frame = page.frameLocator('iframe');
  await expect(frame.getByTestId('token-input')).toBeVisible();
  await expect(frame.getByTestId('signature-status')).toHaveAttribute('data-status', 'verified');
  await expect(frame.getByTestId('framed-notice')).toHaveCount(0);
});
