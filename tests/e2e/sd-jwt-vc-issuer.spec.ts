/**
 * An SD-JWT VC whose issuer publishes its keys through JWT VC Issuer
 * Metadata (draft-ietf-oauth-sd-jwt-vc §5), served on loopback: nothing is
 * fetched until the person presses the button; then the metadata's jwks_uri
 * is followed, the JWKS lands in the key box and the issuer JWT verifies.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { exportJWK, SignJWT } from 'jose';
import { expect, expectStatus, openLab, readEditor, setEditor, test } from './helpers';

test.describe('SD-JWT VC issuer metadata', () => {
  let server: Server;
  let port = 0;
  const asked: string[] = [];
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });

  test.beforeAll(async () => {
    const jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'vc-1', alg: 'ES256' }] };
    server = createServer((req, res) => {
      asked.push(req.url ?? '');
      res.setHeader('access-control-allow-origin', '*');
      res.setHeader('content-type', 'application/json');
      if (req.url === '/.well-known/jwt-vc-issuer/issuer')
        return void res.end(
          JSON.stringify({ issuer: issuer(), jwks_uri: `${origin()}/keys.json` }),
        );
      if (req.url === '/keys.json') return void res.end(JSON.stringify(jwks));
      res.statusCode = 404;
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  test.afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const origin = () => `http://127.0.0.1:${port}`;
  const issuer = () => `${origin()}/issuer`;

  test('fetched on the click only, its keys verify the issuer JWT', async ({ page }) => {
    const disclosure = Buffer.from(
      JSON.stringify([randomBytes(16).toString('base64url'), 'given_name', 'Erika']),
    ).toString('base64url');
    const digest = createHash('sha256').update(disclosure).digest('base64url');
    const issuerJwt = await new SignJWT({
      iss: issuer(),
      vct: 'https://credentials.example/identity_credential',
      _sd: [digest],
      _sd_alg: 'sha-256',
    })
      .setProtectedHeader({ alg: 'ES256', typ: 'dc+sd-jwt', kid: 'vc-1' })
      .sign(pair.privateKey);

    await openLab(page);
    await setEditor(page, 'key-input', '');
    await setEditor(page, 'token-input', `${issuerJwt}~${disclosure}~`);
    await expect(page.getByTestId('token-form')).toHaveAttribute('data-form', 'sd-jwt');
    await expectStatus(page, 'needs-key');
    await expect(page.getByTestId('sd-vc')).toBeVisible();
    expect(asked).toEqual([]);

    await page.getByTestId('sd-vc-issuer-fetch').click();
    await expect(page.getByTestId('sd-vc-issuer-note')).toContainText('followed its jwks_uri');
    expect(asked).toEqual(['/.well-known/jwt-vc-issuer/issuer', '/keys.json']);
    await expect.poll(() => readEditor(page, 'key-input')).toContain('"kid": "vc-1"');
    await expectStatus(page, 'verified');
    await expect(page.getByTestId('disclosure-1')).toHaveAttribute('data-status', 'matched');
  });
});
