/**
 * Token profiles in the page: a DPoP proof built here checks against its
 * method, URL and access token, and each mismatch fails with its message; an
 * ID token from OpenID Connect Core's examples has its at_hash checked
 * against the access token pasted beside it.
 */
import { readFileSync } from 'node:fs';
import { expect, openLab, putText, test } from './helpers';

const core = JSON.parse(
  readFileSync(new URL('../vectors/profiles/oidc-core.json', import.meta.url), 'utf8'),
) as { idTokens: { idToken: string; accessToken?: string; nonce: string }[] };

const ACCESS_TOKEN = 'Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU';

test('a DPoP proof built in the page checks against its request; each mismatch fails with its message', async ({
  page,
}) => {
  await openLab(page);
  // The sample token is neither a proof nor an ID token: the inputs load when asked.
  await page.getByTestId('profiles-open').click();
  await page.getByTestId('dpop-method').fill('GET');
  await page.getByTestId('dpop-url').fill('https://resource.example.org/protectedresource?x=1');
  await page.getByTestId('dpop-access-token').fill(ACCESS_TOKEN);
  await page.getByTestId('dpop-build').click();
  const status = page.getByTestId('dpop-status');
  await expect(status).toHaveAttribute('data-status', 'valid');
  await expect(status).toContainText('Valid DPoP proof');
  // The public key went into the key box: the page's own verdict agrees.
  await expect(page.getByTestId('signature-status')).toHaveAttribute('data-status', 'verified');

  await page.getByTestId('dpop-method').fill('POST');
  await expect(status).toHaveAttribute('data-status', 'invalid');
  await expect(status).toContainText('failed htm');
  await expect(status).toContainText(`"htm" is "GET" but the request's method is "POST"`);
  await page.getByTestId('dpop-method').fill('GET');
  await expect(status).toHaveAttribute('data-status', 'valid');

  await page.getByTestId('dpop-url').fill('https://resource.example.org/other');
  await expect(status).toHaveAttribute('data-status', 'invalid');
  await expect(status).toContainText('failed htu');
  await expect(status).toContainText(`but the request's URL is https://resource.example.org/other`);
  // Scheme and host without case, query and fragment ignored (RFC 9449 §4.3).
  await page.getByTestId('dpop-url').fill('HTTPS://Resource.Example.org/protectedresource#top');
  await expect(status).toHaveAttribute('data-status', 'valid');

  await page.getByTestId('dpop-access-token').fill('another-access-token');
  await expect(status).toHaveAttribute('data-status', 'invalid');
  await expect(status).toContainText('failed ath');
  await expect(status).toContainText('the proof was made for another access token');
  await page.getByTestId('dpop-access-token').fill(ACCESS_TOKEN);
  await expect(status).toHaveAttribute('data-status', 'valid');

  await page.getByTestId('expected-nonce').fill('server-nonce-1');
  await expect(status).toHaveAttribute('data-status', 'invalid');
  await expect(status).toContainText(
    `The server's nonce is "server-nonce-1" but the proof has none`,
  );
  await page.getByTestId('expected-nonce').fill('');
  await expect(status).toHaveAttribute('data-status', 'valid');

  // The same checks as server code, with a copy button.
  const code = page.getByTestId('dpop-code');
  await code.locator('summary').click();
  await expect(code).toContainText('export async function checkDpop(proof');
  await expect(code.getByRole('button', { name: 'Copy the code' })).toBeEnabled();
});

test('an ID token from OpenID Connect Core has its at_hash checked against the pasted access token', async ({
  page,
}) => {
  await openLab(page);
  const example = core.idTokens[0]!;
  await putText(page, 'token-input', example.idToken);
  await expect(page.getByTestId('claim-at_hash')).toHaveAttribute('data-status', 'info');
  await page.getByTestId('oidc-access-token').fill(example.accessToken!);
  await expect(page.getByTestId('claim-at_hash')).toHaveAttribute('data-status', 'ok');
  await page.getByTestId('oidc-access-token').fill('not-the-access-token');
  await expect(page.getByTestId('claim-at_hash')).toHaveAttribute('data-status', 'fail');
  await expect(page.getByTestId('claim-at_hash')).toContainText('Does not match the access token');

  await page.getByTestId('expected-nonce').fill(example.nonce);
  await expect(page.getByTestId('claim-nonce')).toHaveAttribute('data-status', 'ok');
  await page.getByTestId('expected-nonce').fill('other-nonce');
  await expect(page.getByTestId('claim-nonce')).toHaveAttribute('data-status', 'fail');
});
