/**
 * RFC 9901 §8.3's SD-JWT+KB in the general JWS JSON serialization, pasted
 * as the RFC prints it (tokens we did not make): read into the SD-JWT view,
 * the issuer JWT verified with the RFC's key, the key binding checked.
 */
import { expect, expectStatus, openLab, setEditor, test } from './helpers';
import { readFileSync } from 'node:fs';

const read = (name: string) =>
  JSON.parse(readFileSync(new URL(`../vectors/sd-jwt/${name}`, import.meta.url), 'utf8'));
const json = read('rfc9901-json.json') as {
  kb: { aud: string; nonce: string; iat: number };
  examples: { section: string; object: object }[];
};
const { issuerKey } = read('rfc9901.json') as { issuerKey: object };

test('an SD-JWT+KB in the general JSON serialization verifies with key binding', async ({
  page,
}) => {
  await openLab(page);
  await page.getByTestId('clock').fill(String(json.kb.iat));
  await page.getByTestId('expected-aud').fill(json.kb.aud);
  await page.getByTestId('expected-nonce').fill(json.kb.nonce);
  await setEditor(page, 'key-input', JSON.stringify(issuerKey));
  await setEditor(page, 'token-input', JSON.stringify(json.examples[2]!.object, null, 2));
  await expect(page.getByTestId('token-form')).toHaveAttribute('data-form', 'sd-jwt-kb');
  await expectStatus(page, 'verified');
  await expect(page.getByTestId('kb-status')).toHaveAttribute('data-status', 'verified');
  await expect(page.getByTestId('disclosure-1')).toHaveAttribute('data-status', 'matched');
  await expect(page.getByTestId('disclosure-2')).toHaveAttribute('data-status', 'matched');
  await expect(page.getByTestId('decoded-note')).toContainText(
    'JWS JSON serialization (RFC 9901 §8)',
  );
  await page.getByTestId('expected-nonce').fill('0000');
  await expect(page.getByTestId('kb-status')).toHaveAttribute('data-status', 'invalid');
});
