/**
 * Issuing and presenting SD-JWTs with the page's engine, read back by the
 * page's own reader (the decoder's SD-JWT seam and `inspectSdJwt`), with the
 * signatures checked by jose: what is issued processes back to the payload,
 * a presentation of some disclosures to just those claims, and the key
 * binding verifies.
 */
import { describe, expect, it } from 'vitest';
import { compactVerify, exportJWK, generateKeyPair, importJWK, jwtVerify } from 'jose';
import { KeyResolver } from '../../../src/lib/keys/resolve';
import { decodeTokenText } from '../../../src/lib/check/sd-jwt-decode';
import type { JsonObject } from '../../../src/lib/jws/decode';
import {
  disclosureTree,
  generateHolderKey,
  inspectSdJwt,
  issueSdJwt,
  judgeSdJwt,
  packPayload,
  presentSdJwt,
  revealClosure,
  withoutDescendants,
  type IssueHash,
  type SdIssueRequest,
} from '../../../src/lib/sd-jwt';

const PAYLOAD = {
  iss: 'https://issuer.example.com',
  iat: 1683000000,
  sub: 'user_42',
  given_name: 'John',
  family_name: 'Doe',
  address: { street_address: '123 Main St', locality: 'Anytown', country: 'US' },
  nationalities: ['US', 'DE'],
};
const MARKS = [
  'given_name',
  'family_name',
  'address',
  'address.street_address',
  'nationalities[1]',
];
const NOW = 1_700_000_000;

const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
const ISSUER_KEY = JSON.stringify(await exportJWK(privateKey));
const resolver = new KeyResolver();
const signing = {
  headerText: '{"alg":"ES256","typ":"example+sd-jwt"}',
  keyText: ISSUER_KEY,
  secretEncoding: 'utf8' as const,
  resolver,
};

async function issue(request: Partial<SdIssueRequest> = {}) {
  const issued = await issueSdJwt({ payload: PAYLOAD, marks: MARKS, ...request }, signing);
  if (!issued.ok) throw new Error(issued.error.message);
  return issued.value;
}

/** Read a token as the page does: decode it, then inspect the presentation. */
async function read(token: string) {
  const { decoded, sdJwt } = decodeTokenText(token);
  if (!decoded.ok || decoded.value.kind !== 'jws' || !sdJwt) throw new Error('not an SD-JWT');
  const facts = await inspectSdJwt(sdJwt, decoded.value.payload, resolver, decoded.value.header);
  return { parts: sdJwt, facts, payload: decoded.value.payload };
}

async function tree(token: string) {
  const t = await disclosureTree(token);
  if (!t.ok) throw new Error(t.error.message);
  return t.value;
}

describe('issuing an SD-JWT', () => {
  it.each(['sha-256', 'sha-384', 'sha-512'] as IssueHash[])(
    'with %s processes back to the payload, decoys counted',
    async (hash) => {
      const issued = await issue({ hash, decoys: 3 });
      const { facts, payload } = await read(issued.sdJwt);
      expect(payload['_sd_alg']).toBe(hash);
      expect(facts.problems).toEqual([]);
      expect(facts.claims).toEqual(PAYLOAD);
      expect(facts.decoys).toBe(3);
      expect(facts.disclosures.map((d) => [d.status, d.path])).toEqual(
        MARKS.map((m) => ['matched', m]),
      );
      // No marked claim is left in the clear.
      expect(payload['given_name']).toBeUndefined();
      expect((payload['nationalities'] as unknown[])[1]).toHaveProperty('...');
      expect((payload['nationalities'] as unknown[])[0]).toBe('US');
    },
  );

  it('signs the issuer JWT with the key given, as jose verifies', async () => {
    const issued = await issue();
    const { protectedHeader } = await compactVerify(issued.issuerJwt, publicKey);
    expect(protectedHeader).toEqual({ alg: 'ES256', typ: 'example+sd-jwt' });
  });

  it('nests: address.street_address is a disclosure inside the address disclosure', async () => {
    const issued = await issue();
    const address = issued.disclosures.find((d) => d.path === 'address')!;
    const street = issued.disclosures.find((d) => d.path === 'address.street_address')!;
    expect(street.parent).toBe(address.n);
    expect(address.n).toBeLessThan(street.n); // a parent is listed first
    const value = JSON.parse(Buffer.from(address.text, 'base64url').toString()) as unknown[];
    expect(value[1]).toBe('address');
    expect((value[2] as JsonObject)['_sd']).toEqual([street.digest]);
  });

  it('takes its salts from the random source given: 128 bits each', async () => {
    let calls = 0;
    const random = (length: number) => {
      calls++;
      return new Uint8Array(length).fill(calls);
    };
    const a = await packPayload({ payload: PAYLOAD, marks: MARKS, random });
    calls = 0;
    const b = await packPayload({ payload: PAYLOAD, marks: MARKS, random });
    if (!a.ok || !b.ok) throw new Error('pack');
    expect(a.value).toEqual(b.value);
    const [salt] = JSON.parse(Buffer.from(a.value.disclosures[0]!.text, 'base64url').toString());
    expect(Buffer.from(salt as string, 'base64url')).toHaveLength(16);
  });

  it('puts the holder key in cnf', async () => {
    const holder = await generateHolderKey();
    const issued = await issue({ holderJwk: holder.publicJwk });
    expect(issued.payload['cnf']).toEqual({ jwk: holder.publicJwk });
  });

  const failures: [string, Partial<SdIssueRequest>, string, string | RegExp, string?][] = [
    [
      'a mark on nothing',
      { marks: ['email'] },
      'ERR_SD_ISSUE',
      /Nothing in the payload is at "email"/,
    ],
    ['too many decoys', { decoys: 101 }, 'ERR_SD_ISSUE', /from 0 to 100, not 101/],
    [
      'a payload with _sd already',
      { payload: { a: { _sd: [] } }, marks: [] },
      'ERR_SD_RESERVED_NAME',
      /already has "_sd" in a/,
    ],
    ['an unknown hash', { hash: 'md5' as IssueHash }, 'ERR_SD_ALG_UNSUPPORTED', /"md5"/],
    ['alg none', {}, 'ERR_SD_ISSUE', /must be signed/, '{"alg":"none"}'],
    [
      'a payload nested 150 deep',
      { payload: JSON.parse(`${'{"a":'.repeat(150)}1${'}'.repeat(150)}`), marks: [] },
      'ERR_SD_ISSUE',
      /nests more than 100 levels deep/,
    ],
  ];
  it.each(failures)('refuses %s', async (_, request, code, message, headerText) => {
    const issued = await issueSdJwt(
      { payload: PAYLOAD, marks: MARKS, ...request },
      { ...signing, headerText: headerText ?? signing.headerText },
    );
    expect(issued.ok).toBe(false);
    if (issued.ok) return;
    expect(issued.error.code).toBe(code);
    expect(issued.error.message).toMatch(message);
  });
});

describe('presenting an SD-JWT', () => {
  it('reveals the chosen disclosures and those they sit in, nothing else', async () => {
    const issued = await issue({ decoys: 2 });
    const t = await tree(issued.sdJwt);
    const street = issued.disclosures.find((d) => d.path === 'address.street_address')!.n;
    const given = issued.disclosures.find((d) => d.path === 'given_name')!.n;
    const shown = await presentSdJwt(t, [street, given]);
    if (!shown.ok) throw new Error(shown.error.message);
    expect(shown.value.split('~')).toHaveLength(1 + 3 + 1); // issuer, three disclosures, ""
    const { facts } = await read(shown.value);
    expect(facts.problems).toEqual([]);
    expect(facts.claims).toEqual({
      iss: PAYLOAD.iss,
      iat: PAYLOAD.iat,
      sub: PAYLOAD.sub,
      given_name: 'John',
      address: { street_address: '123 Main St', locality: 'Anytown', country: 'US' },
      nationalities: ['US'],
    });
    expect(facts.kb.status).toBe('absent');
  });

  it('an object revealed without its nested disclosure keeps that claim hidden', async () => {
    const issued = await issue();
    const address = issued.disclosures.find((d) => d.path === 'address')!.n;
    const shown = await presentSdJwt(await tree(issued.sdJwt), [address]);
    if (!shown.ok) throw new Error(shown.error.message);
    const { facts } = await read(shown.value);
    expect(facts.claims!['address']).toEqual({ locality: 'Anytown', country: 'US' });
  });

  it('closes the choice upward and unticks downward', async () => {
    const issued = await issue();
    const t = await tree(issued.sdJwt);
    const n = (path: string) => issued.disclosures.find((d) => d.path === path)!.n;
    expect(revealClosure(t, [n('address.street_address')])).toEqual(
      new Set([n('address.street_address'), n('address')]),
    );
    const all = t.nodes.map((d) => d.n);
    expect([...withoutDescendants(t, all, n('address'))].sort()).toEqual(
      [n('given_name'), n('family_name'), n('nationalities[1]')].sort(),
    );
  });

  it('binds the presentation to the holder key: the key-binding JWT verifies', async () => {
    const holder = await generateHolderKey();
    const issued = await issue({ holderJwk: holder.publicJwk, hash: 'sha-384' });
    const t = await tree(issued.sdJwt);
    const request = { holderKey: holder.privateJwk, aud: 'https://verifier.example', nonce: 'n-1' };
    const shown = await presentSdJwt(t, [1, 2], { ...request, iat: NOW });
    if (!shown.ok) throw new Error(shown.error.message);
    const { facts, parts } = await read(shown.value);
    expect(parts.kbJwt).toBeDefined();
    expect(facts.kb.status).toBe('verified');
    const expect1 = { expectedAudience: request.aud, expectedNonce: 'n-1', now: NOW, leeway: 0 };
    expect(judgeSdJwt(facts, expect1).kbVerdict.status).toBe('verified');
    const other = judgeSdJwt(facts, { ...expect1, expectedNonce: 'n-2' }).kbVerdict;
    expect(other.failures.map((f) => f.code)).toEqual(['ERR_KB_NONCE']);
    // jose agrees: typ, signature with the cnf key, the claims.
    const { payload, protectedHeader } = await jwtVerify(
      parts.kbJwt!,
      await importJWK(holder.publicJwk, 'ES256'),
      { typ: 'kb+jwt', audience: request.aud, currentDate: new Date(NOW * 1000) },
    );
    expect(protectedHeader.typ).toBe('kb+jwt');
    expect(payload).toMatchObject({ nonce: 'n-1', iat: NOW });
  });

  it('a key-binding JWT signed by another key fails its signature', async () => {
    const holder = await generateHolderKey();
    const thief = await generateHolderKey();
    const issued = await issue({ holderJwk: holder.publicJwk });
    const request = { holderKey: thief.privateJwk, aud: 'v', nonce: 'n', iat: NOW };
    const shown = await presentSdJwt(await tree(issued.sdJwt), [1], request);
    if (!shown.ok) throw new Error(shown.error.message);
    const { facts } = await read(shown.value);
    expect(facts.kb.failures.map((f) => f.code)).toEqual(['ERR_KB_SIGNATURE']);
  });

  it('asks for aud and nonce before binding', async () => {
    const holder = await generateHolderKey();
    const issued = await issue({ holderJwk: holder.publicJwk });
    const request = { holderKey: holder.privateJwk, aud: '', nonce: 'n', iat: NOW };
    const shown = await presentSdJwt(await tree(issued.sdJwt), [1], request);
    expect(shown.ok || shown.error.code).toBe('ERR_SD_PRESENT');
  });
});
