/**
 * The attack workbench: every variant of a pasted token, made on a button
 * press, each with the page's and the naive verifier's verdicts; one copied
 * or "used" back into the token editor gets the verdict shown beside it.
 */
import AxeBuilder from '@axe-core/playwright';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, expectStatus, openLab, readEditor, setEditor, test } from './helpers';
import { SECRET, ecPair, hs256, now, rsaPair, signWith } from './tokens';

test.describe.configure({ mode: 'parallel' });

const CONTRACT_IDS = [
  'alg-none',
  'alg-none-upper',
  'alg-none-mixed',
  'null-signature',
  'blank-secret',
  'key-confusion',
  'key-confusion-der',
  'embedded-jwk',
  'jku',
  'x5u',
  'kid-dev-null',
  'kid-sql',
  'x5c-self-signed',
];
const claims = () => ({ sub: 'user-42', role: 'user', iat: now(), exp: now() + 3600 });

async function makeVariants(page: Page, token: string, publicKey: string, url = '') {
  await openLab(page);
  await setEditor(page, 'token-input', token);
  await page.getByTestId('attack-open').click();
  await page.getByTestId('attack-public-key').fill(publicKey);
  if (url) await page.getByTestId('attack-url').fill(url);
  await page.getByTestId('attack-run').click();
  await expect(page.getByTestId('attack-alg-none')).toBeVisible({ timeout: 30_000 });
}

/** The verdict the workbench shows beside variant `id`. */
const pageVerdict = (page: Page, id: string) =>
  page.getByTestId(`attack-${id}-page`).getAttribute('data-status');

test('variants of a pasted RS256 token; a copied one gets the verdict shown beside it', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const { privateKey, spki } = rsaPair();
  const token = await signWith(claims(), 'RS256', privateKey);
  await makeVariants(page, token, spki, 'https://attacker.example/keys');

  for (const id of CONTRACT_IDS) await expect(page.getByTestId(`attack-${id}`)).toBeVisible();
  await expect(page.getByTestId('attack-psychic')).toHaveCount(0);

  // The key-confusion token is an HMAC keyed with the public key's PEM text.
  const confused = await page.getByTestId('attack-key-confusion-token').inputValue();
  const [h, p, s] = confused.split('.');
  expect(JSON.parse(Buffer.from(h!, 'base64url').toString()).alg).toBe('HS256');
  expect(s).toBe(createHmac('sha256', spki).update(`${h}.${p}`).digest('base64url'));
  await expect(page.getByTestId('attack-key-confusion-naive')).toHaveAttribute(
    'data-status',
    'accepted',
  );
  expect(await pageVerdict(page, 'key-confusion')).toBe('key-error');

  // Copied, then pasted into the editors by hand.
  await page.getByTestId('attack-key-confusion').getByRole('button', { name: /Copy/ }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(confused);
  await setEditor(page, 'key-input', spki);
  await setEditor(page, 'token-input', copied);
  await expect(page.getByTestId('signature-status')).toHaveAttribute('data-status', 'key-error');

  // Used through its button: the token and the key go into the editors.
  await page.getByTestId('attack-alg-none-mixed-use').click();
  await expect(page.getByTestId('signature-status')).toHaveAttribute(
    'data-status',
    (await pageVerdict(page, 'alg-none-mixed'))!,
  );
  expect(await readEditor(page, 'token-input')).toBe(
    await page.getByTestId('attack-alg-none-mixed-token').inputValue(),
  );
});

test('an ES256 token gets the psychic signature, refused here and accepted by the naive verifier', async ({
  page,
}) => {
  const { privateKey, spki } = ecPair('P-256');
  await makeVariants(page, await signWith(claims(), 'ES256', privateKey), spki);
  const token = await page.getByTestId('attack-psychic-token').inputValue();
  expect(Buffer.from(token.split('.')[2]!, 'base64url')).toEqual(Buffer.alloc(64));
  await expect(page.getByTestId('attack-psychic-naive')).toHaveAttribute('data-status', 'accepted');
  await page.emulateMedia({ reducedMotion: 'reduce' }); // final colours, not a transition's
  const axe = await new AxeBuilder({ page }).include('[data-testid="attack-workbench"]').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  expect(await pageVerdict(page, 'psychic')).toBe('invalid');
  await expect(page.getByTestId('attack-jku')).toHaveCount(0);

  // The wordlist holds every token shown, one a line.
  const shown = await page
    .locator('[data-testid$="-token"][readonly]')
    .evaluateAll((els) => els.map((el) => (el as HTMLTextAreaElement).value));
  const downloading = page.waitForEvent('download');
  await page.getByTestId('attack-export-wordlist').click();
  const file = await (await downloading).path();
  expect(readFileSync(file, 'utf8')).toBe(shown.map((t) => `${t}\n`).join(''));
  expect(shown).toContain(token);

  await page.getByTestId('attack-psychic-use').click();
  await expect(page.getByTestId('signature-status')).toHaveAttribute('data-status', 'invalid');
  expect(await readEditor(page, 'key-input')).toBe(spki);
});

test("without a key of its own the workbench judges with the key editor's, and keeps it", async ({
  page,
}) => {
  await openLab(page);
  await setEditor(page, 'key-input', SECRET);
  await setEditor(page, 'token-input', await hs256(claims()));
  await page.getByTestId('attack-open').click();
  await page.getByTestId('attack-run').click();
  await expect(page.getByTestId('attack-kid-sql-page')).toHaveAttribute('data-status', 'invalid');
  await expect(page.getByTestId('attack-kid-sql-naive')).toHaveAttribute('data-status', 'accepted');
  await page.getByTestId('attack-kid-sql-use').click();
  await expect(page.getByTestId('signature-status')).toHaveAttribute('data-status', 'invalid');
  expect(await readEditor(page, 'key-input')).toBe(SECRET);
});

test('a JWE is refused with a reason', async ({ page }) => {
  await openLab(page);
  await setEditor(
    page,
    'token-input',
    'eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA',
  );
  await page.getByTestId('attack-open').click();
  await page.getByTestId('attack-run').click();
  await expect(page.getByTestId('attack-error')).toHaveAttribute('data-code', 'ERR_ATTACK_INPUT');
  await expect(page.getByTestId('attack-alg-none')).toHaveCount(0);
});

test('recovering an e = 65537 key runs in a worker with progress, and can be cancelled', async ({
  page,
}) => {
  const { privateKey } = rsaPair();
  const first = await signWith({ sub: 'wiener', iat: now() }, 'RS256', privateKey);
  const second = await signWith({ sub: 'carlos', iat: now() - 60 }, 'RS256', privateKey);
  await openLab(page);
  await page.getByTestId('attack-open').click();
  await page.getByText('No public key? Recover it from two RS256 tokens').click();
  await page.getByTestId('attack-recover-token-1').fill(first);
  await page.getByTestId('attack-recover-token-2').fill(second);
  await page.getByTestId('attack-recover-run').click();
  const progress = page.getByTestId('attack-recover-progress');
  await expect(progress).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('attack-recover-run')).toBeDisabled();
  // e = 3 fails in milliseconds; e = 65537 then runs for a minute or more.
  await expect(progress).toContainText('Trying e = 65537', { timeout: 60_000 });
  // The page is not frozen meanwhile: a token typed now is checked now.
  await setEditor(page, 'key-input', SECRET);
  await setEditor(page, 'token-input', await hs256(claims()));
  await expectStatus(page, 'verified');
  await expect(progress).toHaveAttribute('data-status', 'running');
  await page.getByTestId('attack-recover-cancel').click();
  await expect(progress).toHaveAttribute('data-status', 'cancelled');
  await expect(progress).toContainText(/Cancelled after [\d.]+ s\./);
  await expect(page.getByTestId('attack-recover-cancel')).toHaveCount(0);
  await expect(page.getByTestId('attack-recover-result')).toHaveCount(0);
  await expect(page.getByTestId('attack-recover-run')).toBeEnabled();
});
