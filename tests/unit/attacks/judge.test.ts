import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import jwt from 'jsonwebtoken';
import {
  judgeVariants,
  makeVariants,
  serverKey,
  variantsJson,
  variantsWordlist,
  type JudgedVariant,
} from '../../../src/lib/attacks';

const NOW = 1_760_000_000;
const CLAIMS = { sub: 'user-42', admin: false, iat: NOW, exp: NOW + 600 };
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pemOf = (pair: typeof rsa) =>
  pair.publicKey.export({ type: 'spki', format: 'pem' }) as string;

async function judged(token: string, publicKey: string, secret = '') {
  const made = await makeVariants({
    token,
    publicKey,
    secret,
    now: NOW,
    url: 'https://a.example/k',
  });
  if (!made.ok) throw made.error;
  const all = await judgeVariants(made.value.variants, serverKey(publicKey, secret));
  return (id: string): JudgedVariant => all.find((v) => v.id === id)!;
}

describe('the two verdicts beside each variant', () => {
  it('RS256 server: the naive verifier falls for each classic, the page refuses each', async () => {
    const pem = pemOf(rsa);
    const token = jwt.sign(CLAIMS, rsa.privateKey, { algorithm: 'RS256' });
    const v = await judged(token, pem);
    for (const [id, pageStatus] of [
      ['alg-none', 'unsigned'],
      ['alg-none-mixed-sig', 'unsigned'],
      ['key-confusion', 'key-error'],
      ['key-confusion-hs512', 'key-error'],
      ['embedded-jwk', 'invalid'],
      ['kid-dev-null', 'key-error'],
      ['kid-sql', 'key-error'],
    ] as const) {
      expect(v(id).naive, id).toMatchObject({ accepted: true, status: 'accepted' });
      expect(v(id).page, id).toMatchObject({ accepted: false, status: pageStatus });
    }
    // The naive server holds the PEM as pasted: only the form equal to it matches.
    expect(v('key-confusion-der').naive.accepted).toBe(false);
    expect(v('kid-sql').naive.message).toContain('the SQL query built from kid');
    expect(v('jku').naive.accepted).toBe(false);
  }, 60_000);

  it('ES256 server: the psychic signature fools the naive verifier only', async () => {
    const token = jwt.sign(CLAIMS, ec.privateKey, { algorithm: 'ES256' });
    const v = await judged(token, pemOf(ec as unknown as typeof rsa));
    expect(v('psychic').naive.accepted).toBe(true);
    expect(v('psychic').page).toMatchObject({ accepted: false, status: 'invalid' });
  }, 60_000);

  it('HS256 with a known secret: the tampered token passes both', async () => {
    const token = jwt.sign(CLAIMS, 'secret', { algorithm: 'HS256' });
    const v = await judged(token, '', 'secret');
    expect(v('claims-tampered').page).toMatchObject({ accepted: true, status: 'verified' });
    expect(v('claims-tampered').naive.accepted).toBe(true);
    expect(v('blank-secret').page.accepted).toBe(false);
  }, 60_000);
});

describe('exports', () => {
  it('a wordlist line per token, and JSON with the verdicts', async () => {
    const token = jwt.sign(CLAIMS, 'secret', { algorithm: 'HS256' });
    const made = await makeVariants({ token, now: NOW });
    if (!made.ok) throw made.error;
    const all = await judgeVariants(made.value.variants, '');
    const lines = variantsWordlist(all).split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1)).toEqual(all.map((v) => v.token));
    const json = JSON.parse(variantsJson(all));
    expect(json.variants.find((v: JudgedVariant) => v.id === 'alg-none')).toMatchObject({
      reference: expect.stringContaining('RFC 7518 §3.6'),
      page: { status: 'unsigned' },
      naive: { accepted: true },
    });
  }, 60_000);
});
