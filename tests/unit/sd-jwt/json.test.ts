/**
 * RFC 9901 §8's SD-JWTs in the JWS JSON Serialization (extracted from the
 * spec's text by `scripts/rfc9901-vectors.py --json-serialization`), read
 * through the page's JSON-serialization path into the SD-JWT reader: the
 * disclosures match, the issuer JWT verifies with the RFC's issuer key, and
 * the key-binding JWT's sd_hash over the compact form checks.
 */
import { describe, expect, it } from 'vitest';
import { compactVerify, importJWK } from 'jose';
import { decodeJsonText } from '../../../src/lib/check/json-decoding';
import { KeyResolver } from '../../../src/lib/keys/resolve';
import { inspectSdJwt, judgeSdJwt } from '../../../src/lib/sd-jwt';
import vectors from '../../vectors/sd-jwt/rfc9901-json.json';
import compact from '../../vectors/sd-jwt/rfc9901.json';

const [flatIssued, flatKb, general] = vectors.examples.map((e) => e.object);
const resolver = new KeyResolver();
/** What the cases change in the flattened example. */
type Flat = {
  header: { disclosures: string[] | string; kb_jwt?: string; alg?: string };
  protected?: string;
};

async function read(object: unknown) {
  const json = decodeJsonText(JSON.stringify(object, null, 2));
  const view = json?.view;
  if (!view || (view.form !== 'sd-jwt' && view.form !== 'sd-jwt-kb'))
    throw new Error(`not read as an SD-JWT: ${JSON.stringify(json?.decoded)}`);
  const facts = await inspectSdJwt(view.parts, view.token.payload, resolver, view.token.header);
  return { view, facts, notes: json.notes };
}

describe('RFC 9901 §8: SD-JWT in the JWS JSON serialization', () => {
  it('the flattened issuance: four disclosures, all matched', async () => {
    const { view, facts } = await read(flatIssued);
    expect(view.form).toBe('sd-jwt');
    expect(facts.problems).toEqual([]);
    expect(facts.disclosures.map((d) => [d.status, d.path])).toEqual([
      ['matched', 'sub'],
      ['matched', 'given_name'],
      ['matched', 'family_name'],
      ['matched', 'birthdate'],
    ]);
    expect(facts.claims).toMatchObject({ sub: 'john_doe_42', birthdate: '1940-01-01' });
    await expect(
      compactVerify(view.parts.issuerJwt, await importJWK(compact.issuerKey, 'ES256')),
    ).resolves.toBeDefined();
  });

  it.each([
    ['flattened', flatKb],
    ['general', general],
  ])(
    'the %s presentation: two disclosures, key binding verified over the compact form',
    async (_, object) => {
      const { view, facts } = await read(object);
      expect(view.form).toBe('sd-jwt-kb');
      expect(facts.problems).toEqual([]);
      expect(facts.claims).toMatchObject({ given_name: 'John', family_name: 'Doe' });
      expect(facts.claims).not.toHaveProperty('sub');
      const { aud, nonce, iat } = vectors.kb;
      const verdict = judgeSdJwt(facts, {
        expectedAudience: aud,
        expectedNonce: nonce,
        now: iat,
        leeway: 0,
      }).kbVerdict;
      expect(verdict.failures).toEqual([]);
      expect(verdict.status).toBe('verified');
    },
  );

  it('the general form names the second signature as not checked', async () => {
    const { notes } = await read(general);
    expect(notes).toEqual([
      "Only the first signature's issuer JWT is checked as the SD-JWT; the other signature is over the same payload.",
    ]);
  });

  const broken: [string, (o: Flat) => void, string, RegExp][] = [
    [
      'disclosures not an array',
      (o) => (o.header.disclosures = 'abc'),
      'ERR_SD_FORMAT',
      /must be an array/,
    ],
    [
      'an empty disclosure',
      (o) => (o.header.disclosures as string[]).push(''),
      'ERR_SD_FORMAT',
      /non-empty base64url/,
    ],
    [
      'kb_jwt not a JWT',
      (o) => (o.header.kb_jwt = 'abc'),
      'ERR_KB_FORMAT',
      /"kb_jwt" is not a JWT/,
    ],
    [
      'no protected header',
      (o) => {
        o.header.alg = 'ES256';
        delete o.protected;
      },
      'ERR_SD_FORMAT',
      /no protected header/,
    ],
  ];
  it.each(broken)('refuses %s', (_, change, code, message) => {
    const object = structuredClone(flatKb) as Flat;
    change(object);
    const json = decodeJsonText(JSON.stringify(object));
    expect(json?.view).toBeUndefined();
    expect(json?.decoded.ok).toBe(false);
    if (json?.decoded.ok !== false) return;
    expect(json.decoded.error.code).toBe(code);
    expect(json.decoded.error.message).toMatch(message);
  });

  it('a tampered disclosure list breaks the key binding: sd_hash covers it', async () => {
    const object = structuredClone(flatKb) as Flat;
    (object.header.disclosures as string[]).pop();
    const { facts } = await read(object);
    expect(facts.kb.failures.map((f) => f.code)).toEqual(['ERR_KB_SD_HASH']);
  });
});
