/**
 * Every vector case, driven through the page: paste the token and the key
 * (choosing the secret's encoding where it has one) and expect the case's
 * signature status, decoded JSON and claims verdict. See tests/vectors/README.md.
 */
import { readFileSync } from 'node:fs';
import { expect, expectClaim, expectStatus, openLab, readEditor, setEditor, test } from './helpers';
import type { Page } from '@playwright/test';

interface VectorCase {
  id: string;
  source: string;
  alg: string;
  token: string;
  key: string;
  keyFormat: 'secret' | 'spki' | 'pkcs1' | 'x509' | 'jwk' | 'jwks' | 'none';
  signingKey?: string;
  signingKeyFormat?: 'pkcs8' | 'pkcs1' | 'sec1' | 'jwk';
  secretEncoding?: 'utf8' | 'base64url' | 'hex';
  expect: 'verified' | 'invalid' | 'unsigned';
  payloadIsJson: boolean;
  time?: 'valid' | 'expired' | 'not-yet-valid';
  header: Record<string, unknown>;
  claims?: Record<string, unknown>;
  payloadText?: string;
}

const load = (file: string): VectorCase[] =>
  (
    JSON.parse(readFileSync(new URL(`../vectors/${file}`, import.meta.url), 'utf8')) as {
      cases: VectorCase[];
    }
  ).cases;

const FILES = ['libraries.json', 'rfc7515.json', 'rfc8037.json', 'rfc7520-jws.json'];
const cases = FILES.flatMap((file) => load(file).map((c) => ({ file, ...c })));

/** Paste the key, and choose the secret's encoding when the key is a plain secret. */
async function pasteKey(page: Page, key: string, secretEncoding?: string): Promise<void> {
  await setEditor(page, 'key-input', key);
  if (secretEncoding) {
    const select = page.getByTestId('secret-encoding');
    await expect(select, 'the secret-encoding select is shown for a secret').toBeVisible();
    await select.selectOption(secretEncoding);
  }
}

test.describe.configure({ mode: 'parallel' });

test('the vector files hold every key form the page must read', () => {
  const forms = new Set(cases.map((c) => c.keyFormat));
  for (const form of ['secret', 'spki', 'pkcs1', 'x509', 'jwk', 'jwks', 'none'])
    expect(forms).toContain(form);
  const signing = new Set(cases.map((c) => c.signingKeyFormat).filter(Boolean));
  for (const form of ['pkcs8', 'pkcs1', 'sec1', 'jwk']) expect(signing).toContain(form);
  const encodings = new Set(cases.map((c) => c.secretEncoding).filter(Boolean));
  for (const encoding of ['utf8', 'base64url', 'hex']) expect(encodings).toContain(encoding);
});

/** Which group a case runs in: one page per group, one step per case. */
function groupOf(c: VectorCase): string {
  if (!c.payloadIsJson) return 'non-JSON payloads';
  if (c.source.startsWith('RFC')) return 'RFC cases';
  const library = c.id.split('-')[0]!;
  const special =
    !/-(secret|spki|pkcs1|x509|jwk|jwks)$/.test(c.id) ||
    (c.secretEncoding !== 'utf8' && c.keyFormat === 'secret');
  return special ? 'special library cases' : `${library} cases`;
}

/**
 * Bring one case into the page: first a token that does not decode (so the
 * status visibly leaves the previous case's), then the case's key, then its
 * token. A case without a key (alg none) keeps whatever key is there: an
 * unsigned token is unsigned with or without one.
 */
async function runCase(page: Page, c: VectorCase): Promise<void> {
  await setEditor(page, 'token-input', 'x');
  await expect(page.getByTestId('decode-error')).toHaveAttribute('data-code', 'ERR_TOKEN_PARTS');
  await expectStatus(page, 'malformed');
  if (c.key !== '')
    await pasteKey(
      page,
      c.key,
      c.keyFormat === 'secret' ? (c.secretEncoding ?? 'utf8') : undefined,
    );
  await setEditor(page, 'token-input', c.token);
}

async function checkJsonCase(page: Page, c: VectorCase): Promise<void> {
  await runCase(page, c);
  await expect(page.getByTestId('decode-error')).toHaveCount(0);
  await expectStatus(page, c.expect);

  expect(JSON.parse(await readEditor(page, 'header-json'))).toEqual(c.header);
  expect(JSON.parse(await readEditor(page, 'payload-json'))).toEqual(c.claims);

  if (c.keyFormat === 'jwks') {
    // The JWKS entry that verified the token is named, by the token's kid.
    await expect(page.getByTestId('key-source')).toBeVisible();
    await expect(page.getByTestId('key-source')).toContainText(c.header.kid as string);
  }

  if (c.time === 'valid' && c.claims && 'exp' in c.claims) {
    // Present first: a row that never rendered would pass "not fail". A
    // lifetime over 30 days warns, and still passes.
    await expect(page.getByTestId('claim-exp')).toBeVisible();
    await expect(page.getByTestId('claim-exp')).toHaveAttribute('data-status', /^(ok|warn)$/);
  }
  if (c.time === 'valid' && c.claims && 'nbf' in c.claims) {
    // Present first: a row that never rendered would pass "not fail". A
    // lifetime over 30 days warns, and still passes.
    await expect(page.getByTestId('claim-nbf')).toBeVisible();
    await expect(page.getByTestId('claim-nbf')).toHaveAttribute('data-status', /^(ok|warn)$/);
  }
  if (c.time === 'expired') await expectClaim(page, 'exp', 'fail');
  if (c.time === 'not-yet-valid') await expectClaim(page, 'nbf', 'fail');
}

async function checkNonJsonCase(page: Page, c: VectorCase): Promise<void> {
  // A JWS that is not a JWT: it decodes, and its signature is checked.
  await runCase(page, c);
  await expect(page.getByTestId('payload-form')).toHaveAttribute('data-form', 'text');
  await expect(page.getByTestId('decode-error')).toHaveCount(0);
  await expectStatus(page, c.expect);
}

const groups = new Map<string, VectorCase[]>();
for (const c of cases) groups.set(groupOf(c), [...(groups.get(groupOf(c)) ?? []), c]);

for (const [group, members] of groups) {
  test(`vectors: ${group} (${members.length})`, async ({ page }) => {
    // One page for the whole group: allow each case its own share of time.
    test.setTimeout(30_000 + members.length * 5_000);
    await openLab(page);
    for (const c of members) {
      const title = c.payloadIsJson
        ? `${c.id} (${c.alg}, ${c.keyFormat}${c.secretEncoding ? ` ${c.secretEncoding}` : ''}) → ${c.expect}`
        : `${c.id} (${c.alg}) → a text payload, ${c.expect}`;
      await test.step(title, () =>
        c.payloadIsJson ? checkJsonCase(page, c) : checkNonJsonCase(page, c),
      );
    }
    // The settings were never touched: they kept their values through every token and key.
    await expect(page.getByTestId('leeway')).toHaveValue('0');
    await expect(page.getByTestId('expected-iss')).toHaveValue('');
  });
}

test('private keys verify too: one per private key form and algorithm family', async ({ page }) => {
  // The page derives the public half of a PKCS#8, PKCS#1, SEC1 or private JWK key.
  const family = (alg: string) => alg.replace(/\d+$/, '');
  const seen = new Set<string>();
  const picked = cases.filter((c) => {
    if (!c.signingKey || !c.payloadIsJson || c.expect !== 'verified') return false;
    const slot = `${c.signingKeyFormat} ${family(c.alg)}`;
    if (seen.has(slot)) return false;
    seen.add(slot);
    return true;
  });
  expect(new Set(picked.map((c) => c.signingKeyFormat))).toEqual(
    new Set(['pkcs8', 'pkcs1', 'sec1', 'jwk']),
  );

  test.setTimeout(30_000 + picked.length * 5_000);
  await openLab(page);
  for (const c of picked) {
    await test.step(`${c.id}: ${c.alg} with its ${c.signingKeyFormat} private key → verified`, async () => {
      await runCase(page, { ...c, key: c.signingKey!, keyFormat: 'jwk' });
      await expectStatus(page, 'verified');
    });
  }
});
