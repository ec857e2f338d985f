/**
 * Presenting SD-JWTs with the page's engine: a presentation of some
 * disclosures processes to just those claims (with the disclosures they sit
 * in), and the key-binding JWT verifies in the page's reader and in jose.
 */
import { describe, expect, it } from 'vitest';
import { importJWK, jwtVerify } from 'jose';
import {
  generateHolderKey,
  judgeSdJwt,
  presentSdJwt,
  revealClosure,
  withoutDescendants,
} from '../../../src/lib/sd-jwt';
import { issue, NOW, PAYLOAD, read, tree } from './issued';

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
