/**
 * An SD-JWT in the page: RFC 9901 §5.2's presentation with key binding (a
 * token we did not make) and the RFC's issuer key, judged at the key-binding
 * JWT's iat with the RFC's nonce and audience; then one disclosure tampered.
 */
import { expect, expectStatus, openLab, readEditorJson, setEditor, test } from './helpers';
import { readFileSync } from 'node:fs';

const vectors = JSON.parse(
  readFileSync(new URL('../vectors/sd-jwt/rfc9901.json', import.meta.url), 'utf8'),
) as {
  issuerKey: object;
  examples: { section: string; tokens: string[]; processed: object | null }[];
};

const example = vectors.examples.find((e) => e.section === '5.2')!;
const presentation = example.tokens[0]!;

async function paste(page: import('@playwright/test').Page, text: string) {
  await openLab(page);
  await page.getByTestId('clock').fill('1748536865');
  await page.getByTestId('expected-aud').fill('https://verifier.example.org');
  await page.getByTestId('expected-nonce').fill('1234567890');
  await setEditor(page, 'key-input', JSON.stringify(vectors.issuerKey));
  await setEditor(page, 'token-input', text);
}

test('an SD-JWT+KB: processed claims, disclosures, key binding verified', async ({ page }) => {
  await paste(page, presentation);
  await expect(page.getByTestId('token-form')).toHaveAttribute('data-form', 'sd-jwt-kb');
  await expect(page.getByTestId('decode-error')).toHaveCount(0);
  await expectStatus(page, 'verified');
  await expect(page.getByTestId('kb-status')).toHaveAttribute('data-status', 'verified');
  await expect
    .poll(async () => JSON.parse((await page.getByTestId('sd-claims').textContent()) ?? 'null'))
    .toEqual(example.processed);
  // The payload editor keeps the issuer-signed payload, digests and all.
  await expect
    .poll(() => readEditorJson(page, 'payload-json'))
    .toMatchObject({ _sd_alg: 'sha-256', sub: 'user_42' });
  for (const [n, text] of [
    [1, /family_name.*"Doe"/],
    [2, /address/],
    [3, /given_name.*"John"/],
    [4, /array element.*"US".*nationalities\[0\]/],
  ] as const) {
    const row = page.getByTestId(`disclosure-${n}`);
    await expect(row).toHaveAttribute('data-status', 'matched');
    await expect(row).toContainText(text);
  }
  await page.getByTestId('expected-nonce').fill('0000');
  await expect(page.getByTestId('kb-status')).toHaveAttribute('data-status', 'invalid');
  await expect(page.getByTestId('kb-status')).toContainText('nonce');
  // What JWT and SD-JWT libraries do with it, beside the JWT libraries' table.
  const libraries = page.getByTestId('profile-libraries');
  await expect(libraries).toHaveAttribute('data-profile', 'sd-jwt');
  await expect(libraries).toContainText('sd-jwt-js (@sd-jwt/core 0.19)');
});

test('a tampered disclosure is unmatched and the key binding fails sd_hash', async ({ page }) => {
  const pieces = presentation.split('~');
  pieces[1] = pieces[1]!.replace(/^WyJl/, 'WyJm'); // another salt: another digest
  await paste(page, pieces.join('~'));
  await expect(page.getByTestId('disclosure-1')).toHaveAttribute('data-status', 'unmatched');
  await expect(page.getByTestId('disclosure-2')).toHaveAttribute('data-status', 'matched');
  await expect(page.getByTestId('kb-status')).toHaveAttribute('data-status', 'invalid');
  await expect(page.getByTestId('kb-status')).toContainText('sd_hash');
  await expectStatus(page, 'verified'); // the issuer JWT itself is untouched
});
