/**
 * Keys in the page: generate a key of each family (the token is re-signed and
 * verified, and its public JWKS verifies it again in node with jose), read key
 * files (file input and a dropped file), fetch a JWKS and an issuer's
 * discovery document from a local server, with and without CORS; and through
 * all of it, no request leaves the page's own origin except the fetches the
 * person pressed the button for.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync } from 'node:crypto';
import { compactVerify, createLocalJWKSet, exportJWK, SignJWT, type JSONWebKeySet } from 'jose';
import type { Page } from '@playwright/test';
import {
  expect,
  expectStatus,
  generateKeyAndSign,
  openLab,
  readEditor,
  readEditorJson,
  setEditor,
  test,
  EDITABLE,
} from './helpers';

/** Every request the page makes, with whether the fetch button had been pressed before it. */
function recordRequests(page: Page) {
  const requests: { url: string; afterFetch: boolean }[] = [];
  const state = { pressed: false };
  page.on('request', (request) => requests.push({ url: request.url(), afterFetch: state.pressed }));
  return {
    requests,
    pressFetch: async (button = 'jwks-fetch') => {
      state.pressed = true;
      await page.getByTestId(button).click();
    },
    /** Only the page's origin, and `allowed` only after a fetch press. */
    check(pageOrigin: string, allowed?: string) {
      for (const r of requests) {
        const origin = new URL(r.url).origin;
        if (r.url.startsWith('blob:') || r.url.startsWith('data:')) continue;
        if (origin === pageOrigin) continue;
        expect(origin, `request to ${r.url}`).toBe(allowed);
        expect(r.afterFetch, `${r.url} was requested only after the fetch button`).toBe(true);
      }
    },
  };
}

test.describe('generate', () => {
  for (const alg of ['HS256', 'RS256', 'PS256', 'ES256', 'EdDSA']) {
    test(`${alg}: generate, re-sign, verify in the page and in node`, async ({ page, baseURL }) => {
      const net = recordRequests(page);
      await openLab(page);
      const signed = await generateKeyAndSign(page, alg);
      if (alg === 'HS256') {
        await expect(page.getByTestId('public-key-pem')).toHaveCount(0);
        const secret = Buffer.from(await readEditor(page, 'key-input'), 'base64url');
        expect(secret.length).toBe(32);
        await expect(compactVerify(signed, secret)).resolves.toBeDefined();
      } else {
        await expect(page.getByTestId('public-key-pem')).toHaveValue(/BEGIN PUBLIC KEY/);
        // The exports follow the new key: poll until the JWKS verifies the page's token.
        await expect
          .poll(async () => {
            const text = await page.getByTestId('public-jwks').inputValue();
            try {
              const jwks = JSON.parse(text) as JSONWebKeySet;
              const { protectedHeader } = await compactVerify(signed, createLocalJWKSet(jwks));
              return protectedHeader.alg;
            } catch (error) {
              return String(error);
            }
          })
          .toBe(alg);
        const jwks = await page.getByTestId('public-jwks').inputValue();
        expect(jwks).not.toMatch(/"d"\s*:/);
      }
      net.check(new URL(baseURL!).origin);
    });
  }

  test('RSA-4096 shows progress while it is made', async ({ page }) => {
    await openLab(page);
    await page.getByTestId('keygen-alg').selectOption('RS256');
    await page.getByTestId('keygen-size').selectOption('4096');
    await page.getByTestId('keygen-run').click();
    await expect(page.getByTestId('keygen-progress')).toContainText('RSA 4096-bit');
    await expect(page.getByTestId('keygen-progress')).toHaveCount(0, { timeout: 60_000 });
    await expectStatus(page, 'verified');
    await expect(page.getByTestId('key-facts')).toContainText('4096 bits');
  });
});

test.describe('key files', () => {
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spkiPem = String(pair.publicKey.export({ type: 'spki', format: 'pem' }));
  const spkiDer = pair.publicKey.export({ type: 'spki', format: 'der' });
  const signed = () =>
    new SignJWT({ sub: 'file' })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
      .sign(pair.privateKey);

  test('a PEM file chosen with the file input verifies the token', async ({ page, baseURL }) => {
    const net = recordRequests(page);
    await openLab(page);
    await setEditor(page, 'token-input', await signed());
    await page.getByTestId('key-file').setInputFiles({
      name: 'public.pem',
      mimeType: 'application/x-pem-file',
      buffer: Buffer.from(spkiPem),
    });
    await expect.poll(() => readEditor(page, 'key-input')).toBe(spkiPem);
    await expectStatus(page, 'verified');
    await expect(page.getByTestId('key-facts')).toHaveAttribute('data-half', 'public');
    net.check(new URL(baseURL!).origin);
  });

  test('a DER file dropped on the key editor becomes PEM and verifies', async ({ page }) => {
    await openLab(page);
    await setEditor(page, 'token-input', await signed());
    await page
      .getByTestId('key-input')
      .locator(EDITABLE)
      .evaluate(
        (target, bytes) => {
          const transfer = new DataTransfer();
          transfer.items.add(new File([new Uint8Array(bytes)], 'public.der'));
          for (const type of ['dragenter', 'dragover', 'drop'])
            target.dispatchEvent(
              new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }),
            );
        },
        [...spkiDer],
      );
    await expect.poll(() => readEditor(page, 'key-input')).toBe(spkiPem);
    await expectStatus(page, 'verified');
    await expect(page.getByTestId('key-file-note')).toContainText(
      'public.der: Read an SPKI public key (DER), shown as PEM.',
    );
  });
});

test.describe('fetch', () => {
  let server: Server;
  let origin = '';
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  let jwks: JSONWebKeySet;

  test.beforeAll(async () => {
    jwks = {
      keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }],
    };
    server = createServer((req, res) => {
      const cors = req.url!.startsWith('/cors/');
      if (cors) res.setHeader('access-control-allow-origin', '*');
      const path = req.url!.replace(/^\/(no)?cors/, '');
      const json = (body: unknown) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(body));
      };
      if (path === '/jwks.json') return json(jwks);
      // An issuer's own URL is usually its home page.
      if (path === '/issuer') return res.end('<!doctype html><title>Issuer</title>');
      if (path === '/issuer/.well-known/openid-configuration')
        return json({ issuer: `${origin}/cors/issuer`, jwks_uri: `${origin}/cors/jwks.json` });
      res.statusCode = 404;
      res.end('not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const tokenFor = (iss: string, extra: Record<string, unknown> = {}) =>
    new SignJWT({ sub: 'fetched', iss })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: 'k1', ...extra })
      .sign(pair.privateKey);

  test('a JWKS URL with CORS: fetched on the click, verifies by kid', async ({ page, baseURL }) => {
    const net = recordRequests(page);
    await openLab(page);
    await setEditor(page, 'token-input', await tokenFor('https://issuer.example'));
    await setEditor(page, 'jwks-url', `${origin}/cors/jwks.json`);
    await net.pressFetch();
    await expect.poll(() => readEditorJson(page, 'key-input')).toEqual(jwks);
    await expectStatus(page, 'verified');
    await expect(page.getByTestId('key-source')).toContainText('matched kid "k1"');
    await expect(page.getByTestId('jwks-key')).toHaveAttribute('data-status', 'verified');
    await expect(page.getByTestId('jwks-key')).toHaveAttribute('data-kid-match', 'true');
    net.check(new URL(baseURL!).origin, origin);
    expect(net.requests.filter((r) => r.url.startsWith(origin)).map((r) => r.url)).toEqual([
      `${origin}/cors/jwks.json`,
    ]);
  });

  test("the token's issuer is offered, never fetched until the click; discovery finds the JWKS", async ({
    page,
    baseURL,
  }) => {
    const net = recordRequests(page);
    await openLab(page);
    await setEditor(page, 'token-input', await tokenFor(`${origin}/cors/issuer`));
    await page.getByTestId('jwks-use-iss').click();
    await expect(page.getByTestId('jwks-url')).toHaveValue(`${origin}/cors/issuer`);
    expect(net.requests.filter((r) => r.url.startsWith(origin))).toEqual([]);
    await net.pressFetch();
    await expectStatus(page, 'verified');
    await expect(page.getByTestId('jwks-fetch-note')).toContainText('read the discovery document');
    net.check(new URL(baseURL!).origin, origin);
  });

  test('without CORS headers the page explains CORS and suggests pasting', async ({
    page,
    baseURL,
    browserErrors,
  }) => {
    const net = recordRequests(page);
    await openLab(page);
    await setEditor(page, 'jwks-url', `${origin}/nocors/jwks.json`);
    await net.pressFetch();
    const error = page.getByTestId('jwks-fetch-error');
    await expect(error).toHaveAttribute('data-code', 'ERR_FETCH_NETWORK');
    await expect(error).toContainText('Access-Control-Allow-Origin');
    await expect(error).toContainText('paste it into the key box instead');
    net.check(new URL(baseURL!).origin, origin);
    // Chromium itself logs the refusal; those two lines, and nothing else, are expected.
    const expected = (line: string) =>
      line.includes(`${origin}/nocors/jwks.json`) &&
      /blocked by CORS policy|net::ERR_FAILED/.test(line);
    expect(browserErrors.filter(expected)).toHaveLength(2);
    browserErrors.splice(
      0,
      browserErrors.length,
      ...browserErrors.filter((line) => !expected(line)),
    );
  });

  test('a jku header is fetched only after a confirm step', async ({ page, baseURL }) => {
    const net = recordRequests(page);
    await openLab(page);
    await setEditor(
      page,
      'token-input',
      await tokenFor('https://issuer.example', { jku: `${origin}/cors/jwks.json` }),
    );
    await expect(page.getByTestId('jwks-header-url')).toContainText(
      'lets the token choose the key',
    );
    await page.getByTestId('jku-fetch').click();
    expect(net.requests.filter((r) => r.url.startsWith(origin))).toEqual([]);
    await net.pressFetch('jku-confirm');
    await expectStatus(page, 'verified');
    net.check(new URL(baseURL!).origin, origin);
  });
});
