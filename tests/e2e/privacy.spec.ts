/**
 * Private by construction: share links and redirect fragments, no request to
 * any other origin, the built page's Content Security Policy, opt-in storage,
 * and the page working offline from its service worker.
 */
import type { Browser, Page } from '@playwright/test';
import { expect, expectStatus, openLab, readEditor, setEditor, test, wakeEditor } from './helpers';
import { SECRET, b64url, hs256, now, rsaPair, signWith } from './tokens';

const SAMPLE_SECRET = 'jwt-lab-demo-secret-6d1f0b9a4c7e2358ae91f04b';

/** Replace an editor's whole document at once (the keyboard path is covered in first-screen.spec.ts). */
async function putText(page: Page, testid: string, text: string): Promise<void> {
  await wakeEditor(page, testid);
  await page.getByTestId(testid).evaluate((el, value) => {
    type View = { state: { doc: { length: number } }; dispatch(spec: unknown): void };
    const view = (el as Element & { editorView?: View }).editorView!;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value } });
  }, text);
}

async function openShare(page: Page): Promise<void> {
  if (!(await page.getByTestId('share-link').isVisible()))
    await page.getByTestId('share-open').click();
  await expect(page.getByTestId('share-link')).toBeVisible();
}

async function shareLink(page: Page): Promise<string> {
  await openShare(page);
  return page.getByTestId('share-link').inputValue();
}

/** Open `url` in a fresh context (no storage, no history) and return its page. */
async function freshPage(
  browser: Browser,
  baseURL: string | undefined,
  url: string,
): Promise<Page> {
  const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.getByTestId('token-input')).toBeVisible();
  return page;
}

test('a share link restores token and settings in a fresh browser, with no secret in it', async ({
  page,
  browser,
  baseURL,
}) => {
  await openLab(page);
  await page.getByTestId('leeway').fill('30');
  await page.getByTestId('expected-iss').fill('https://issuer.example');
  await page.getByTestId('expected-aud').fill('jwt-lab');
  const token = await readEditor(page, 'token-input');
  const link = await shareLink(page);
  expect(await page.getByTestId('share-include-key').isChecked()).toBe(false);
  expect(link).toContain('#token=');
  expect(link.split('#')[0]).not.toContain('token'); // nothing a server would see
  expect(link).not.toContain(SAMPLE_SECRET);
  expect(link).not.toContain('key=');

  const other = await freshPage(browser, baseURL, link);
  await expect.poll(() => readEditor(other, 'token-input')).toBe(token);
  await expect(other.getByTestId('leeway')).toHaveValue('30');
  await expect(other.getByTestId('expected-iss')).toHaveValue('https://issuer.example');
  await expect(other.getByTestId('expected-aud')).toHaveValue('jwt-lab');
  expect(await readEditor(other, 'key-input')).toBe('');
  await expectStatus(other, 'needs-key');
  await expect(other.getByTestId('claim-iss')).toHaveAttribute('data-status', 'ok');
  expect(other.url()).not.toContain('#');
  await other.context().close();
});

test('a secret goes into the link only when ticked and confirmed in the page', async ({
  page,
  browser,
  baseURL,
}) => {
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs++;
    void dialog.dismiss();
  });
  await openLab(page);
  await openShare(page);
  await page.getByTestId('share-include-key').check();
  await expect(page.getByTestId('share-confirm-key')).toBeVisible();
  expect(await shareLink(page)).not.toContain('key=');
  await page.getByTestId('share-confirm-key').click();
  await expect(page.getByTestId('share-link')).toHaveValue(/&key=/);
  const link = await shareLink(page);
  expect(dialogs).toBe(0);

  const other = await freshPage(browser, baseURL, link);
  await expect.poll(() => readEditor(other, 'key-input')).toBe(SAMPLE_SECRET);
  await expectStatus(other, 'verified');
  await other.context().close();

  // A different key needs a new yes.
  await setEditor(page, 'key-input', SECRET);
  await expect(page.getByTestId('share-confirm-key')).toBeVisible();
  expect(await shareLink(page)).not.toContain('key=');
});

test('a public key goes into the link when ticked; a private key needs the confirm step', async ({
  page,
}) => {
  const pair = rsaPair();
  const token = await signWith({ sub: 'rsa', exp: now() + 600 }, 'RS256', pair.privateKey);
  await openLab(page);
  await setEditor(page, 'token-input', token);
  await setEditor(
    page,
    'key-input',
    pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  );
  await expectStatus(page, 'verified');
  await openShare(page);
  await page.getByTestId('share-include-key').check();
  await expect(page.getByTestId('share-confirm-key')).toBeVisible();
  expect(await shareLink(page)).not.toContain('key=');
  await page.getByTestId('share-open').click(); // close the panel while typing

  await putText(page, 'key-input', pair.spki);
  await expectStatus(page, 'verified');
  await expect(page.getByTestId('share-confirm-key')).toHaveCount(0);
  const link = await shareLink(page);
  expect(decodeURIComponent(link)).toContain('BEGIN PUBLIC KEY');
  expect(decodeURIComponent(link)).not.toContain('PRIVATE KEY');
});

test('a long link says so', async ({ page }) => {
  await openLab(page);
  await openShare(page);
  await expect(page.getByTestId('share-long')).toHaveCount(0);
  const token = await hs256({ sub: 'x', note: 'n'.repeat(2500), exp: now() + 600 });
  await setEditor(page, 'token-input', token);
  await expect(page.getByTestId('share-long')).toBeVisible();
  await expect(page.getByTestId('share-long')).toContainText('characters');
});

for (const name of ['id_token', 'access_token', 'jwt', 'token']) {
  test(`an OAuth/OIDC redirect fragment #${name}= loads the token and leaves the address bar clean`, async ({
    browser,
    baseURL,
  }) => {
    const token = await hs256(
      { sub: 'redirected', iss: 'https://op.example', exp: now() + 600 },
      SECRET,
    );
    const plain = await freshPage(browser, baseURL, './');
    const baseline = await plain.evaluate(() => history.length);
    await plain.context().close();

    const page = await freshPage(
      browser,
      baseURL,
      `./#state=xyz&${name}=${token}&token_type=Bearer`,
    );
    await expect.poll(() => readEditor(page, 'token-input')).toBe(token);
    await expectStatus(page, 'needs-key');
    const where = await page.evaluate(() => ({
      href: location.href,
      length: history.length,
      hash: location.hash,
    }));
    expect(where.href).not.toContain(token.split('.')[1]);
    expect(where.hash).toBe('');
    expect(where.length).toBe(baseline);
    await setEditor(page, 'key-input', SECRET);
    await expectStatus(page, 'verified');
    await page.context().close();
  });
}

test('a token pasted as a link into the same tab (fragment only) is loaded and cleaned', async ({
  page,
}) => {
  await openLab(page);
  const token = await hs256({ sub: 'same-tab', exp: now() + 600 }, SECRET);
  const before = await page.evaluate(() => history.length);
  await page.evaluate((t) => (location.hash = `id_token=${t}`), token);
  await expect.poll(() => readEditor(page, 'token-input')).toBe(token);
  await expect.poll(() => page.evaluate(() => location.href)).not.toContain('#');
  // Setting the hash adds one entry; it holds no token any more.
  expect(await page.evaluate(() => history.length)).toBeLessThanOrEqual(before + 1);
});

test('the query string is never read', async ({ page }) => {
  const token = await hs256({ sub: 'from-query', exp: now() + 600 }, SECRET);
  await page.goto(`./?token=${token}&id_token=${token}`);
  await expectStatus(page, 'verified');
  expect(await readEditor(page, 'token-input')).not.toBe(token);
});

test('across many features the page asks no other origin for anything, and carries a strict CSP', async ({
  page,
  baseURL,
}) => {
  const foreign: string[] = [];
  const origin = new URL(baseURL!).origin;
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (url.origin !== origin) foreign.push(request.url());
  });
  const consoleCsp: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) consoleCsp.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  await openLab(page);

  const csp = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  expect(csp).toBeTruthy();
  for (const directive of [
    "default-src 'self'",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "worker-src 'self'",
    "manifest-src 'self'",
  ])
    expect(csp).toContain(directive);
  // Scripts strictly from this origin, WebAssembly compiled (the crack's kernel) but no
  // JavaScript eval; styles need 'unsafe-inline' (see plugins/offline.ts).
  const scriptSrc = csp!.split(';').find((d) => d.trim().startsWith('script-src'))!;
  expect(scriptSrc.trim()).toBe("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).not.toContain("'unsafe-eval'");
  await expect(page.locator('meta[name="referrer"]')).toHaveAttribute('content', 'no-referrer');

  for (const id of ['rs256', 'es256', 'eddsa', 'alg-none', 'id-token', 'jwks-rotation', 'hs256']) {
    await page.getByTestId('examples').selectOption(id);
    await expect(page.getByTestId('example-note')).toBeVisible();
  }
  await expectStatus(page, 'verified');
  await setEditor(page, 'payload-json', '{"sub":"edited","exp":9999999999}');
  await expectStatus(page, 'verified');
  await page.getByTestId('theme-toggle').click();
  await page.getByTestId('leeway').fill('5');
  await page.getByTestId('expected-aud').fill('someone');
  await openShare(page);
  await page.getByTestId('share-include-key').check();
  await page.getByTestId('share-confirm-key').click();
  await page.getByTestId('remember').check();
  await page.getByTestId('forget').click();
  await setEditor(page, 'token-input', 'not a token');
  await expectStatus(page, 'malformed');
  await page.reload();
  await expectStatus(page, 'verified');

  expect(foreign).toEqual([]);
  expect(
    await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations),
  ).toEqual([]);
  expect(consoleCsp).toEqual([]);
});

test('nothing is stored unless asked; remembered work survives a reload; forget removes it', async ({
  page,
}) => {
  await openLab(page);
  await page.getByTestId('leeway').fill('12');
  await page.getByTestId('theme-toggle').click();
  await openShare(page);
  await page.getByTestId('share-include-key').check();
  const stored = () =>
    page.evaluate(() => ({
      local: Object.keys(localStorage).length,
      session: Object.keys(sessionStorage).length,
      value: localStorage.getItem('jwt-lab:remembered'),
    }));
  expect(await stored()).toEqual({ local: 0, session: 0, value: null });

  await page.getByTestId('remember').check();
  const token = await readEditor(page, 'token-input');
  await expect.poll(async () => (await stored()).value).toContain('leeway=12');
  const value = (await stored()).value!;
  expect(value).toContain(token);
  expect(value).not.toContain(SAMPLE_SECRET);

  // The secret only after its own confirm step.
  await page.getByTestId('remember-key').check();
  await expect(page.getByTestId('remember-confirm-key')).toBeVisible();
  expect((await stored()).value).not.toContain('key=');
  await page.getByTestId('remember-confirm-key').click();
  await expect.poll(async () => (await stored()).value).toContain('key=');

  await page.reload();
  await expect.poll(() => readEditor(page, 'token-input')).toBe(token);
  await expect(page.getByTestId('leeway')).toHaveValue('12');
  await expectStatus(page, 'verified');

  await openShare(page);
  await expect(page.getByTestId('remember')).toBeChecked();
  await page.getByTestId('forget').click();
  expect(await stored()).toEqual({ local: 0, session: 0, value: null });
  await page.reload();
  await expectStatus(page, 'verified');
  expect(await page.getByTestId('leeway').inputValue()).toBe('0');
  expect(await stored()).toEqual({ local: 0, session: 0, value: null });
});

test('installable: a manifest with PNG icons', async ({ page, request }) => {
  await openLab(page);
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifest = (await (await request.get(href!)).json()) as {
    name: string;
    start_url: string;
    icons: { src: string; sizes: string; type: string }[];
  };
  expect(manifest.name).toContain('JWT Lab');
  expect(manifest.icons.map((i) => i.sizes).sort()).toEqual(['192x192', '512x512']);
  for (const icon of manifest.icons) {
    const response = await request.get(icon.src);
    expect(response.ok()).toBe(true);
    expect((await response.body()).subarray(1, 4).toString()).toBe('PNG');
  }
});

test.describe('offline', () => {
  test.use({ serviceWorkers: 'allow' });

  test('after the first visit the page reloads and works with the network cut', async ({
    page,
    context,
  }) => {
    await openLab(page);
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, {
      timeout: 20_000,
    });
    const sw = await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL);
    expect(sw).toMatch(/\/sw\.js$/);
    await context.setOffline(true);
    try {
      await page.reload();
      await expectStatus(page, 'verified');
      // An example loads its code on demand: from the cache too.
      await page.getByTestId('examples').selectOption('es256');
      await expectStatus(page, 'verified');
    } finally {
      await context.setOffline(false);
    }
  });

  test('the service worker answers same-origin requests and never cross-origin ones', async ({
    page,
  }) => {
    await openLab(page);
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, {
      timeout: 20_000,
    });
    const here = new URL(page.url());
    const other = `http://localhost:${here.port}/robots.txt`; // another origin: the JWKS fetch path
    const [same] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/manifest.webmanifest')),
      page.evaluate(() => fetch('./manifest.webmanifest').then((r) => r.status)),
    ]);
    expect(same.fromServiceWorker()).toBe(true);
    const [cross] = await Promise.all([
      page.waitForResponse((r) => r.url() === other),
      page.evaluate((url) => fetch(url, { mode: 'no-cors' }).then((r) => r.type), other),
    ]);
    expect(cross.fromServiceWorker()).toBe(false);
    const cached = await page.evaluate(async (url) => {
      for (const name of await caches.keys())
        if (await (await caches.open(name)).match(url)) return true;
      return false;
    }, other);
    expect(cached).toBe(false);
  });
});

test('a fragment with a broken leeway still loads the token and says what was ignored', async ({
  browser,
  baseURL,
}) => {
  const token = await hs256({ sub: 'x', exp: now() + 600 }, SECRET);
  const page = await freshPage(browser, baseURL, `./#token=${token}&leeway=${b64url('soon')}`);
  await expect.poll(() => readEditor(page, 'token-input')).toBe(token);
  await expect(page.getByTestId('leeway')).toHaveValue('0');
  await page.context().close();
});
