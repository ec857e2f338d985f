/**
 * A hostile JWKS endpoint on loopback: a redirect to another origin (the note
 * names where the keys came from, a warning names both origins), a body far
 * over the cap streamed without end (stopped, with its size in words, and the
 * page still answers the next token), a Content-Length over the cap, and a
 * server that never answers (the time shows, Cancel stops it). No page error.
 * 127.0.0.1 and localhost are two origins on the same server; the page's CSP
 * lets it connect to both (plugins/offline.ts connect-src).
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync } from 'node:crypto';
import { exportJWK, SignJWT, type JSONWebKeySet } from 'jose';
import { expect, expectStatus, openLab, readEditorJson, setEditor, test } from './helpers';

const MB = 1_000_000;
// What the endless body sends at most; the page must stop long before.
const ENDLESS_LIMIT = 100 * MB;

test.describe('fetch limits', () => {
  let server: Server;
  let port = 0;
  let jwks: JSONWebKeySet;
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const endless = { sent: 0, closedEarly: false };
  const hanging = new Set<ServerResponse>();

  /** Chunks of spaces, made as the client reads, until it goes away or ENDLESS_LIMIT. */
  function streamEndless(res: ServerResponse) {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    endless.sent = 0;
    endless.closedEarly = false;
    res.on('close', () => (endless.closedEarly = endless.sent < ENDLESS_LIMIT));
    const write = () => {
      while (endless.sent < ENDLESS_LIMIT && !res.destroyed) {
        endless.sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', write);
      }
      if (!res.destroyed) res.end();
    };
    write();
  }

  test.beforeAll(async () => {
    jwks = {
      keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'moved', alg: 'ES256', use: 'sig' }],
    };
    server = createServer((req, res) => {
      res.setHeader('access-control-allow-origin', '*');
      if (req.url === '/old/jwks.json') {
        res.writeHead(302, { location: `http://localhost:${port}/new/jwks.json` });
        return res.end();
      }
      if (req.url === '/new/jwks.json') {
        res.setHeader('content-type', 'application/json');
        return res.end(JSON.stringify(jwks));
      }
      if (req.url === '/endless.json') return streamEndless(res);
      if (req.url === '/declared.json') {
        res.writeHead(200, { 'content-length': String(ENDLESS_LIMIT) });
        return res.write(Buffer.alloc(1024, 0x20));
      }
      if (req.url === '/hang.json') return void hanging.add(res);
      res.statusCode = 404;
      res.end('not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  test.afterAll(async () => {
    for (const res of hanging) res.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  test('a redirect to another origin: the note names the final origin, a warning both', async ({
    page,
  }) => {
    await openLab(page);
    const token = await new SignJWT({ sub: 'moved' })
      .setProtectedHeader({ alg: 'ES256', kid: 'moved' })
      .sign(pair.privateKey);
    await setEditor(page, 'token-input', token);
    await setEditor(page, 'jwks-url', `http://127.0.0.1:${port}/old/jwks.json`);
    await page.getByTestId('jwks-fetch').click();
    await expect.poll(() => readEditorJson(page, 'key-input')).toEqual(jwks);
    await expectStatus(page, 'verified');
    const note = page.getByTestId('jwks-fetch-note');
    await expect(note).toContainText(`Fetched http://localhost:${port}/new/jwks.json`);
    await expect(note).toContainText(`asked at http://127.0.0.1:${port}/old/jwks.json, redirected`);
    await expect(page.getByTestId('jwks-fetch-warning')).toHaveText(
      `http://127.0.0.1:${port}/old/jwks.json redirected from http://127.0.0.1:${port} to http://localhost:${port}: the keys came from localhost:${port}.`,
    );
  });

  test('an endless body is stopped past 16 MB; the page then answers a small token', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await openLab(page);
    await setEditor(page, 'jwks-url', `http://127.0.0.1:${port}/endless.json`);
    await page.getByTestId('jwks-fetch').click();
    const error = page.getByTestId('jwks-fetch-error');
    await expect(error).toHaveAttribute('data-code', 'ERR_FETCH_TOO_LARGE', { timeout: 60_000 });
    await expect(error).toContainText(
      `http://127.0.0.1:${port}/endless.json sent more than 16 MB, so the page stopped`,
    );
    // The page cancelled its reader: the server saw the connection go long before its 100 MB.
    await expect.poll(() => endless.closedEarly).toBe(true);
    expect(endless.sent).toBeLessThan(ENDLESS_LIMIT);
    await expect(page.getByTestId('jwks-fetching')).toHaveCount(0);
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"after"}').toString('base64url')}.`;
    await setEditor(page, 'token-input', unsigned);
    await expectStatus(page, 'unsigned');
  });

  test('a Content-Length over the cap is refused before reading, with its size', async ({
    page,
  }) => {
    await openLab(page);
    await setEditor(page, 'jwks-url', `http://127.0.0.1:${port}/declared.json`);
    await page.getByTestId('jwks-fetch').click();
    const error = page.getByTestId('jwks-fetch-error');
    await expect(error).toHaveAttribute('data-code', 'ERR_FETCH_TOO_LARGE');
    await expect(error).toContainText('announced 100 MB (its Content-Length)');
  });

  test('a server that never answers: the time shows, and Cancel stops it', async ({ page }) => {
    await openLab(page);
    await setEditor(page, 'jwks-url', `http://127.0.0.1:${port}/hang.json`);
    await page.getByTestId('jwks-fetch').click();
    await expect(page.getByTestId('jwks-fetching')).toContainText(
      `Fetching http://127.0.0.1:${port}/hang.json`,
    );
    await expect(page.getByTestId('jwks-fetch-time')).toContainText(/^\d+ s of at most 15 s$/);
    await page.getByTestId('jwks-cancel').click();
    const error = page.getByTestId('jwks-fetch-error');
    await expect(error).toHaveAttribute('data-code', 'ERR_FETCH_ABORTED');
    await expect(page.getByTestId('jwks-fetching')).toHaveCount(0);
  });
});
