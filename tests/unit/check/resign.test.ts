/**
 * Re-signing from the editors: every token it makes is checked by jose (or,
 * for the JSON serializations, by the engine against the RFC 7520 keys).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as jose from 'jose';
import {
  editorsForNewKey,
  KeyResolver,
  resign,
  type JweJsonKept,
  type KeyInput,
  type OutputForm,
} from '../../../src/lib';
import { decodeJoseJson, verifyJwsJson } from '../../../src/lib/jws/json-serialization';
import { decryptJweJson } from '../../../src/lib/jwe/json-serialization';

const SECRET = 'a-long-enough-secret-for-hs256-0123456789';
const keys = (text = SECRET): KeyInput => ({
  text,
  encoding: 'utf8',
  innerText: '',
  from: 'person',
});
const OLD = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvbGQifQ.b2xkLXNpZ25hdHVyZQ';

describe('resign', () => {
  it('signs the JSON as typed, and jose verifies it', async () => {
    const result = await resign(
      { headerText: '{"alg":"HS256","typ":"JWT"}', payloadText: '{"sub":"ada"}', tokenText: OLD },
      keys(),
      new KeyResolver(),
    );
    expect(result).toMatchObject({ ok: true, note: 'Re-signed with HS256.' });
    const token = result.ok ? result.token! : '';
    const { payload } = await jose.jwtVerify(token, new TextEncoder().encode(SECRET));
    expect(payload).toEqual({ sub: 'ada' });
  });

  it('keeps the old signature, and says so, when the key cannot sign', async () => {
    const result = await resign(
      { headerText: '{"alg":"RS256"}', payloadText: '{"sub":"ada"}', tokenText: OLD },
      keys(),
      new KeyResolver(),
    );
    expect(result.ok && result.token?.endsWith('.b2xkLXNpZ25hdHVyZQ')).toBe(true);
    expect(result.ok && result.note).toMatch(
      /^Not re-signed: .* The old signature was kept, and no longer matches\.$/,
    );
  });

  it('writes an unsigned token for alg none', async () => {
    const result = await resign(
      { headerText: '{"alg":"none"}', payloadText: '{}', tokenText: OLD },
      keys(),
      new KeyResolver(),
    );
    expect(result).toEqual({
      ok: true,
      token: 'eyJhbGciOiJub25lIn0.e30.',
      note: '"alg": "none": the token is unsigned.',
    });
  });

  it('reports JSON that is not JSON with its position', async () => {
    const result = await resign(
      { headerText: '{"alg":"HS256"', payloadText: '{}', tokenText: OLD },
      keys(),
      new KeyResolver(),
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('ERR_JSON_EDIT');
  });
});

describe('editorsForNewKey', () => {
  it('names the new alg, drops the old kid, and keeps the rest', () => {
    expect(
      editorsForNewKey('{"alg":"HS256","kid":"old","typ":"JWT","x":1}', '{"sub":"a"}', 'ES256'),
    ).toEqual({
      headerText: JSON.stringify({ alg: 'ES256', typ: 'JWT', x: 1 }, null, 2),
      payloadText: '{"sub":"a"}',
    });
  });
  it('starts from a fresh header and a claim when the editors hold none', () => {
    expect(editorsForNewKey('not json', '  ', 'EdDSA')).toEqual({
      headerText: JSON.stringify({ typ: 'JWT', alg: 'EdDSA' }, null, 2),
      payloadText: JSON.stringify({ sub: 'example' }, null, 2),
    });
  });
});

describe('resign an SD-JWT', () => {
  // RFC 9901 §5.2's presentation and its issuer's private key (examples/settings.yml of the spec's repository).
  const ISSUER_PRIVATE = {
    kty: 'EC',
    crv: 'P-256',
    d: 'Ur2bNKuBPOrAaxsRnbSH6hIhmNTxSGXshDSUD1a1y7g',
    x: 'b28d4MwZMjw8-00CG4xfnn9SLMVMM19SlqZpVb_uNtQ',
    y: 'Xv5zWwuoaTgdS6hV43yI6gBwTnjukmFQQnJ_kCxzqk8',
  };
  it('re-signs the issuer JWT and keeps the disclosures and key-binding JWT after it', async () => {
    const { default: vectors } = await import('../../vectors/sd-jwt/rfc9901.json');
    const presentation = vectors.examples.find((e) => e.section === '5.2')!.tokens[0]!;
    const tail = presentation.slice(presentation.indexOf('~'));
    const result = await resign(
      { headerText: '{"alg":"ES256"}', payloadText: '{"sub":"edited"}', tokenText: presentation },
      keys(JSON.stringify(ISSUER_PRIVATE)),
      new KeyResolver(),
    );
    const token = result.ok ? result.token! : '';
    expect(token.endsWith(tail)).toBe(true);
    expect(result.ok && result.note).toBe(
      'Re-signed with ES256. The disclosures were kept, and the key-binding JWT, whose sd_hash no longer matches.',
    );
    const issuer = token.slice(0, token.indexOf('~'));
    const key = await jose.importJWK({ ...ISSUER_PRIVATE, d: undefined }, 'ES256');
    const { payload } = await jose.jwtVerify(issuer, key);
    expect(payload).toEqual({ sub: 'edited' });
  });
});

describe('resign a JSON serialization keeps what the key box did not make', () => {
  type Sig = { protected?: string; header?: Record<string, unknown>; signature: string };
  const jwsCases = JSON.parse(
    readFileSync('tests/vectors/json-serialization/jws-json.json', 'utf8'),
  ) as {
    cases: {
      id: string;
      serialization: { payload: string; signatures: Sig[] };
      payloadText: string;
      checks: { key: string }[];
    }[];
  };
  const jweCases = JSON.parse(
    readFileSync('tests/vectors/json-serialization/jwe-json.json', 'utf8'),
  ) as {
    cases: {
      id: string;
      serialization: Record<string, unknown>;
      plaintext: string;
      checks: { key: string }[];
    }[];
  };
  const rsa = (
    JSON.parse(readFileSync('tests/vectors/rfc7520-jws.json', 'utf8')) as {
      cases: { id: string; signingKey?: string }[];
    }
  ).cases.find((c) => c.id === 'rfc7520-4.1-rs256')!.signingKey!;
  // RFC 7520 §4.8: RS256 (kid unprotected), ES512 (alg unprotected, no protected header), HS256.
  const c48 = jwsCases.cases.find((c) => c.id === 'rfc7520-4.8')!;
  const sigs = c48.serialization.signatures;
  const edit48 = (payloadText: string, outputForm: OutputForm = 'json-general') => ({
    headerText: '{"alg":"RS256"}',
    payloadText,
    payload: { form: 'text' as const },
    tokenText: JSON.stringify(c48.serialization),
    outputForm,
    unprotectedHeader: sigs[0]!.header!,
    signatureCount: 3,
    otherSignatures: sigs.slice(1),
    payloadMember: c48.serialization.payload,
  });
  const verifyAll = async (json: string) => {
    const decoded = decodeJoseJson(json);
    if (!decoded.ok || decoded.value.kind !== 'jws-json') throw new Error('not a JWS');
    const verdict = await verifyJwsJson(decoded.value, {
      keyText: c48.checks[3]!.key, // the JWKS of the three §3 keys
      secretEncoding: 'utf8',
      resolver: new KeyResolver(),
    });
    return verdict.signatures.map((s) => s.status);
  };

  it('re-signing signature 1 of RFC 7520 §4.8 unchanged gives the RFC’s token back, all three signatures', async () => {
    const result = await resign(edit48(c48.payloadText), keys(rsa), new KeyResolver());
    if (!result.ok) throw new Error(result.error.message);
    // RS256 is deterministic: the re-made signature is the RFC's, and the other two are kept.
    expect(JSON.parse(result.token!)).toEqual(c48.serialization);
    expect(result.note).toBe(
      'Re-signed with RS256 as a general JSON serialization. The other 2 signatures were kept as written; the payload did not change, so they verify as before.',
    );
    expect(await verifyAll(result.token!)).toEqual(['verified', 'verified', 'verified']);
  });

  it('an edited payload re-signs signature 1 and keeps the others, which no longer match', async () => {
    const result = await resign(edit48('Edited.'), keys(rsa), new KeyResolver());
    if (!result.ok) throw new Error(result.error.message);
    const json = JSON.parse(result.token!) as { payload: string; signatures: Sig[] };
    expect(json.signatures.slice(1)).toEqual(sigs.slice(1));
    expect(json.signatures[0]!.header).toEqual(sigs[0]!.header);
    expect(result.note).toMatch(
      /The other 2 signatures were kept as written, but they no longer match/,
    );
    expect(await verifyAll(result.token!)).toEqual(['verified', 'invalid', 'invalid']);
  });

  it('the flattened form holds one signature: the others are dropped, and the note says so', async () => {
    const result = await resign(
      edit48(c48.payloadText, 'json-flattened'),
      keys(rsa),
      new KeyResolver(),
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(JSON.parse(result.token!)).not.toHaveProperty('signatures');
    expect(result.note).toMatch(
      /The other 2 signatures were dropped: the flattened form holds one/,
    );
  });

  it('a key set re-signs each signature whose kid it holds (RFC 7515 A.6, both private keys)', async () => {
    const a6 = jwsCases.cases.find((c) => c.id === 'rfc7515-a6')!;
    const rfc7515 = (
      JSON.parse(readFileSync('tests/vectors/rfc7515.json', 'utf8')) as {
        cases: { id: string; signingKey?: string }[];
      }
    ).cases;
    const privateJwk = (id: string, kid: string) => ({
      ...(JSON.parse(rfc7515.find((c) => c.id === id)!.signingKey!) as object),
      kid,
    });
    const [rs, es] = a6.serialization.signatures as [Sig, Sig];
    const jwks = JSON.stringify({
      keys: [
        privateJwk('rfc7515-a2-rs256', '2010-12-29'),
        privateJwk('rfc7515-a3-es256', 'e9bc097a-ce51-4036-9562-d2ade882db0d'),
      ],
    });
    const result = await resign(
      {
        headerText: '{"alg":"RS256"}',
        payloadText: '{"iss":"edited"}',
        tokenText: JSON.stringify(a6.serialization),
        outputForm: 'json-general',
        unprotectedHeader: rs.header!,
        signatureCount: 2,
        otherSignatures: [es],
        payloadMember: a6.serialization.payload,
      },
      keys(jwks),
      new KeyResolver(),
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.note).toBe(
      "Re-signed with RS256 as a general JSON serialization. Signature 2 was made again too, with the key set's key matched by kid.",
    );
    const json = JSON.parse(result.token!) as jose.GeneralJWS;
    expect(json.signatures.map((s) => [s.protected, s.header])).toEqual([
      [rs.protected, rs.header],
      [es.protected, es.header],
    ]);
    const publicKeys = a6.checks[2]!.key;
    const decoded = decodeJoseJson(result.token!);
    if (!decoded.ok || decoded.value.kind !== 'jws-json') throw new Error('not a JWS');
    const verdict = await verifyJwsJson(decoded.value, {
      keyText: publicKeys,
      secretEncoding: 'utf8',
      resolver: new KeyResolver(),
    });
    expect(verdict.signatures.map((s) => s.status)).toEqual(['verified', 'verified']);
    expect(decoded.value.payloadText).toBe('{"iss":"edited"}');
  });

  const c513 = jweCases.cases.find((x) => x.id === 'rfc7520-5.13')!;
  const reencrypt = async (
    id: string,
    keyIndex: number,
    jweJson: JweJsonKept,
    outputForm: OutputForm,
  ) => {
    const c = jweCases.cases.find((x) => x.id === id)!;
    const result = await resign(
      {
        headerText: Buffer.from(c.serialization.protected as string, 'base64url').toString(),
        payloadText: c.plaintext,
        payload: { form: 'text' },
        tokenText: JSON.stringify(c.serialization),
        outputForm,
        jweJson,
      },
      keys(c.checks[keyIndex]!.key),
      new KeyResolver(),
    );
    if (!result.ok || result.token === undefined)
      throw new Error(result.ok ? result.note : result.error.message);
    const decoded = decodeJoseJson(result.token);
    if (!decoded.ok || decoded.value.kind !== 'jwe-json') throw new Error('not a JWE');
    const opened = await decryptJweJson(decoded.value, c.checks[keyIndex]!.key, {
      secretEncoding: 'utf8',
    });
    if (!opened.ok) throw new Error(opened.error.message);
    expect(new TextDecoder().decode(opened.value.plaintext)).toBe(c.plaintext);
    return { c, json: JSON.parse(result.token) as Record<string, unknown>, note: result.note };
  };

  it('re-encrypting RFC 7520 §5.10 keeps its "aad"', async () => {
    const aad = jweCases.cases.find((x) => x.id === 'rfc7520-5.10')!.serialization.aad as string;
    const { json, note } = await reencrypt(
      'rfc7520-5.10',
      0,
      { aad, recipientCount: 1 },
      'json-flattened',
    );
    expect(json.aad).toBe(aad);
    expect(note).toMatch(/Written as a flattened JSON serialization, its "aad" kept\.$/);
  });

  it('re-encrypting RFC 7516 A.4 keeps the shared header and the recipient the key opened', async () => {
    const { c, json, note } = await reencrypt(
      'rfc7516-a4',
      0,
      {
        unprotected: { jku: 'https://server.example.com/keys.jwks' },
        recipientHeader: { alg: 'A128KW', kid: '7' },
        recipientCount: 2,
      },
      'json-general',
    );
    expect(json.unprotected).toEqual(c.serialization.unprotected);
    expect(json.recipients).toEqual([
      { header: { alg: 'A128KW', kid: '7' }, encrypted_key: expect.any(String) },
    ]);
    expect(note).toMatch(
      /its shared unprotected header, recipient's header kept\. The other recipient was dropped/,
    );
  });

  it('re-encrypting RFC 7520 §5.13 to its ECDH-ES+A256KW recipient makes a new "epk", keeps "cty" shared', async () => {
    const { c, json } = await reencrypt(
      'rfc7520-5.13',
      1,
      {
        unprotected: { cty: 'text/plain' },
        recipientHeader: (
          c513.serialization.recipients as { header: Record<string, unknown> }[]
        )[1]!.header,
        recipientCount: 3,
      },
      'json-general',
    );
    expect(json.unprotected).toEqual({ cty: 'text/plain' });
    const header = (json.recipients as { header: { epk: unknown } }[])[0]!.header;
    expect(header).toMatchObject({
      alg: 'ECDH-ES+A256KW',
      kid: 'peregrin.took@tuckborough.example',
    });
    expect(header.epk).not.toEqual(
      (c.serialization.recipients as { header: { epk: unknown } }[])[1]!.header.epk,
    );
  });
});
