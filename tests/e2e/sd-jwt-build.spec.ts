/**
 * Issue → present → verify, all in the page: an ES256 key from the key tools
 * signs an SD-JWT made from the payload editor (three claims disclosed apart,
 * decoys, sha-384, a holder key in cnf); two of the three disclosures are
 * presented with a key-binding JWT, which the page's reader then judges.
 */
import { expect, expectStatus, generateKeyAndSign, openLab, setEditor, test } from './helpers';

const PAYLOAD = {
  iss: 'https://issuer.example',
  sub: 'user_42',
  given_name: 'Erika',
  family_name: 'Mustermann',
  email: 'erika@example.com',
};

test('issue an SD-JWT, present two of three disclosures with key binding, verify', async ({
  page,
}) => {
  await openLab(page);
  await generateKeyAndSign(page, 'ES256');
  await setEditor(page, 'payload-json', JSON.stringify(PAYLOAD, null, 2));
  await page.getByTestId('expected-aud').fill('https://verifier.example');
  await page.getByTestId('expected-nonce').fill('n-0S6_WzA2Mj');

  await page.getByTestId('sd-build-open').click();
  for (const claim of ['given_name', 'family_name', 'email'])
    await page.getByTestId(`sd-mark-${claim}`).check();
  await page.getByTestId('sd-decoys').fill('2');
  await page.getByTestId('sd-hash-alg').selectOption('sha-384');
  await page.getByTestId('sd-issue').click();

  await expect(page.getByTestId('token-form')).toHaveAttribute('data-form', 'sd-jwt');
  await expectStatus(page, 'verified');
  for (const n of [1, 2, 3])
    await expect(page.getByTestId(`disclosure-${n}`)).toHaveAttribute('data-status', 'matched');
  await expect(page.getByTestId('kb-status')).toHaveAttribute('data-status', 'absent');
  await expect(page.getByTestId('sd-summary')).toContainText(/3 disclosures.*sha-384; 2 digests/s);
  await expect
    .poll(async () => JSON.parse((await page.getByTestId('sd-claims').textContent()) ?? 'null'))
    .toMatchObject(PAYLOAD);

  // Present given_name and email (disclosures 1 and 3), with key binding.
  await page.getByTestId('sd-reveal-2').uncheck();
  await expect(page.getByTestId('sd-kb-add')).toBeChecked();
  await page.getByTestId('sd-present').click();

  await expect(page.getByTestId('token-form')).toHaveAttribute('data-form', 'sd-jwt-kb');
  await expectStatus(page, 'verified');
  await expect(page.getByTestId('kb-status')).toHaveAttribute('data-status', 'verified');
  await expect(page.getByTestId('disclosure-1')).toContainText('given_name');
  await expect(page.getByTestId('disclosure-2')).toContainText('email');
  for (const n of [1, 2])
    await expect(page.getByTestId(`disclosure-${n}`)).toHaveAttribute('data-status', 'matched');
  await expect(page.getByTestId('disclosure-3')).toHaveCount(0);
  await expect
    .poll(async () => JSON.parse((await page.getByTestId('sd-claims').textContent()) ?? 'null'))
    .toEqual({
      iss: PAYLOAD.iss,
      sub: PAYLOAD.sub,
      given_name: PAYLOAD.given_name,
      email: PAYLOAD.email,
      cnf: { jwk: expect.objectContaining({ kty: 'EC', crv: 'P-256' }) },
    });

  // The verifier's expectations are the key-binding JWT's: another nonce or audience fails it.
  await page.getByTestId('expected-nonce').fill('another-nonce');
  await expect(page.getByTestId('kb-status')).toHaveAttribute('data-status', 'invalid');
  await expect(page.getByTestId('kb-status')).toContainText('nonce');
  await page.getByTestId('expected-nonce').fill('n-0S6_WzA2Mj');
  await page.getByTestId('expected-aud').fill('https://other.example');
  await expect(page.getByTestId('kb-status')).toHaveAttribute('data-status', 'invalid');
  await expect(page.getByTestId('kb-status')).toContainText('aud');
  await page.getByTestId('expected-aud').fill('https://verifier.example');
  await expect(page.getByTestId('kb-status')).toHaveAttribute('data-status', 'verified');
});
