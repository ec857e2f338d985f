/**
 * JWS JSON serializations (RFC 7515 A.1–A.4, A.6/A.7, RFC 7520 §4.1–4.8, RFC 7797 §4,
 * RFC 8037 A.4): first
 * proven with jose alone, then decoded and verified by the engine, one
 * verdict per signature naming which key verified which; tampered variants
 * and malformed objects fail with their code and a message naming the
 * signature; tokens signed here verify with jose and reproduce RFC 7515 A.6.
 */
import { readFileSync } from 'node:fs';
import * as jose from 'jose';
import { describe, expect, it } from 'vitest';
import { KeyResolver } from '../../../src/lib';
import {
  decodeJoseJson,
  signJwsJson,
  verifyJwsJson,
  type DecodedJwsJson,
} from '../../../src/lib/jws/json-serialization';

interface JwsJsonCase {
  id: string;
  source: string;
  form: 'json-jws-general' | 'json-jws-flattened';
  serialization: Record<string, unknown>;
  payloadText: string;
  /** The same example's compact form (RFC 7520 §4.1–4.5). */
  compact?: string;
  unprotectedOnly: string[];
  checks: { keyName: string; key: string; verified: number[] }[];
}

const cases = (
  JSON.parse(readFileSync('tests/vectors/json-serialization/jws-json.json', 'utf8')) as {
    cases: JwsJsonCase[];
  }
).cases;
const rfc7515 = (
  JSON.parse(readFileSync('tests/vectors/rfc7515.json', 'utf8')) as {
    cases: { id: string; signingKey?: string; key: string }[];
  }
).cases;
const checks = cases.flatMap((c) => c.checks.map((check) => ({ ...c, check })));
type Sig = { protected?: string; header?: Record<string, unknown>; signature: string };
const signaturesOf = (s: Record<string, unknown>): Sig[] =>
  (s.signatures as Sig[] | undefined) ?? [s as unknown as Sig];

const decode = (value: unknown): DecodedJwsJson => {
  const decoded = decodeJoseJson(
    typeof value === 'string' ? value : JSON.stringify(value, null, 2),
  );
  if (!decoded.ok) throw new Error(decoded.error.message);
  if (decoded.value.kind !== 'jws-json') throw new Error('not a JWS');
  return decoded.value;
};
// RFC 7520 §4.5 has no "payload": the documented one is given as the detached payload.
const verify = (token: DecodedJwsJson, keyText: string, detachedPayload?: string) =>
  verifyJwsJson(token, {
    keyText,
    secretEncoding: 'utf8',
    resolver: new KeyResolver(),
    ...(detachedPayload === undefined ? {} : { detachedPayload }),
  });
const detachedOf = (c: JwsJsonCase) => ('payload' in c.serialization ? undefined : c.payloadText);

describe('JWS JSON vectors are right (jose alone)', () => {
  it.each(checks)('$source: $check.keyName', async ({ serialization, payloadText, check }) => {
    const parsed = JSON.parse(check.key) as jose.JWK | { keys: jose.JWK[] };
    const keys = 'keys' in parsed ? parsed.keys : [parsed];
    const sigs = signaturesOf(serialization);
    for (const index of check.verified) {
      const sig = sigs[index - 1]!;
      const alg = (sig.header?.alg ??
        (JSON.parse(Buffer.from(sig.protected!, 'base64url').toString()) as { alg: string })
          .alg) as string;
      const key = keys.find((k) =>
        alg.startsWith('HS')
          ? k.kty === 'oct'
          : /^(RS|PS)/.test(alg)
            ? k.kty === 'RSA'
            : k.kty === (alg === 'EdDSA' ? 'OKP' : 'EC'),
      )!;
      const { payload } = await jose.flattenedVerify(
        {
          payload:
            (serialization.payload as string | undefined) ??
            Buffer.from(payloadText).toString('base64url'),
          ...sig,
        },
        await jose.importJWK(key, alg),
      );
      expect(new TextDecoder().decode(payload)).toBe(payloadText);
    }
  });
});

describe('decodeJoseJson on the JWS vectors', () => {
  it('covers RFC 7515 A.1–A.4, A.6, A.7, RFC 7520 §4.1–4.8, RFC 7797 §4 and RFC 8037 A.4 (each compact one in both JSON forms)', () => {
    expect(cases.map((c) => c.id)).toEqual([
      'rfc7515-a6',
      'rfc7515-a7',
      'rfc7520-4.6',
      'rfc7520-4.7',
      'rfc7520-4.8',
      ...[
        '7520-4.1',
        '7520-4.2',
        '7520-4.3',
        '7520-4.4',
        '7520-4.5',
        '7797-4.1',
        '7797-4.2',
        '8037-a4',
        '7515-a1',
        '7515-a2',
        '7515-a3',
        '7515-a4',
      ].flatMap((s) => [`rfc${s}-general`, `rfc${s}-flattened`]),
    ]);
  });

  it.each(cases)('$source', (c) => {
    const token = decode(c.serialization);
    expect(token.form).toBe(c.form);
    expect(token.payloadText).toBe(detachedOf(c) === undefined ? c.payloadText : undefined);
    const sigs = signaturesOf(c.serialization);
    expect(token.signatures).toHaveLength(sigs.length);
    for (const [i, sig] of token.signatures.entries()) {
      // Protected and unprotected members are kept apart, and joined for checking.
      expect(sig.unprotectedHeader).toEqual(sigs[i]!.header);
      expect(Object.keys(sig.header).sort()).toEqual(
        [...Object.keys(sig.protectedHeader), ...Object.keys(sigs[i]!.header ?? {})].sort(),
      );
    }
    // A.6's payload is a claims set; RFC 7520's is the Frodo quote, text.
    expect(token.claims === undefined).toBe(!c.payloadText.startsWith('{'));
  });
});

describe('verifyJwsJson: a verdict per signature', () => {
  it.each(checks)('$source: $check.keyName', async (c) => {
    const { serialization, check } = c;
    const token = decode(serialization);
    const verdict = await verify(token, check.key, detachedOf(c));
    const verified = verdict.signatures.filter((v) => v.status === 'verified').map((v) => v.index);
    expect(verified).toEqual(check.verified);
    expect(verdict.overall.status).toBe('verified');
    if (token.form === 'json-jws-general')
      for (const index of check.verified)
        expect(verdict.overall.message).toContain(`signature ${index} (`);
    for (const v of verdict.signatures.filter((s) => s.status !== 'verified'))
      expect(v.message).toMatch(new RegExp(`^Signature ${v.index} \\(${v.alg}`));
  });

  it('names the key that verified each signature of RFC 7520 §4.8', async () => {
    const c = cases.find((x) => x.id === 'rfc7520-4.8')!;
    const verdict = await verify(decode(c.serialization), c.checks[3]!.key);
    expect(verdict.signatures.map((v) => v.keySource)).toEqual([
      expect.stringMatching(/^JWKS key 1 of 3, kid "bilbo/),
      expect.stringMatching(/^JWKS key 2 of 3, kid "bilbo/),
      expect.stringMatching(/^JWKS key 3 of 3, kid "018c0ae5/),
    ]);
  });

  it('needs a key before checking', async () => {
    const verdict = await verify(decode(cases[0]!.serialization), '');
    expect(verdict.overall.status).toBe('needs-key');
    expect(verdict.signatures.map((v) => v.status)).toEqual(['needs-key', 'needs-key']);
  });
});

describe('tampered JWS JSON serializations', () => {
  const a6 = cases.find((c) => c.id === 'rfc7515-a6')!;
  const bothKeys = a6.checks[2]!.key;
  const edit = (f: (o: { payload: string; signatures: Sig[] }) => void) => {
    const copy = structuredClone(a6.serialization) as { payload: string; signatures: Sig[] };
    f(copy);
    return decode(copy);
  };

  it('a changed payload fails every signature with ERR_SIGNATURE_INVALID', async () => {
    const token = edit((o) => {
      o.payload = Buffer.from(
        Buffer.from(o.payload, 'base64url').toString().replace('joe', 'eve'),
      ).toString('base64url');
    });
    const verdict = await verify(token, bothKeys);
    expect(verdict.overall.status).toBe('invalid');
    expect(verdict.overall.error?.code).toBe('ERR_SIGNATURE_INVALID');
    expect(verdict.overall.message).toMatch(/^None of the 2 signatures verifies/);
    expect(verdict.signatures.map((v) => [v.status, v.error?.index])).toEqual([
      ['invalid', 1],
      ['invalid', 2],
    ]);
  });

  it('a changed protected header fails that signature only', async () => {
    const token = edit((o) => {
      o.signatures[1]!.protected = Buffer.from('{"alg":"ES256","typ":"JWT"}').toString('base64url');
    });
    const verdict = await verify(token, bothKeys);
    expect(verdict.signatures.map((v) => v.status)).toEqual(['verified', 'invalid']);
    expect(verdict.signatures[1]!.message).toMatch(/^Signature 2 \(ES256.*does not match/);
    expect(verdict.overall.status).toBe('verified');
  });

  it('a changed unprotected header still verifies: it is not signed', async () => {
    const token = edit((o) => {
      o.signatures[0]!.header = { kid: 'chosen-by-anyone', x: 1 };
    });
    const verdict = await verify(token, a6.checks[0]!.key);
    expect(verdict.signatures[0]!.status).toBe('verified');
  });
});

describe('malformed JWS JSON serializations', () => {
  const a6 = cases[0]!.serialization as { payload: string; signatures: Sig[] };
  const sig = a6.signatures[0]!;
  it.each([
    ['not JSON', '{"payload": "x", ', 'ERR_PART_JSON', /not valid JSON: .* line 1/],
    ['no JOSE members', { access_token: 'x' }, 'ERR_JSON_MEMBER', /not a JWS or JWE JSON/],
    [
      'signatures not an array',
      { payload: 'e30', signatures: {} },
      'ERR_JSON_MEMBER',
      /must be an array, not an object/,
    ],
    ['empty signatures', { payload: 'e30', signatures: [] }, 'ERR_JSON_MEMBER', /empty array/],
    ['mixed forms', { ...a6, signature: 'AA' }, 'ERR_JSON_MEMBER', /one or the other/],
    [
      'too many',
      { payload: 'e30', signatures: Array(21).fill(sig) },
      'ERR_JSON_TOO_MANY',
      /21 signatures; .* at most 20/,
    ],
    [
      'signature missing',
      { payload: a6.payload, signatures: [sig, { protected: sig.protected }] },
      'ERR_JSON_MEMBER',
      /^Signature 2's signature value \("signature"\) is missing/,
    ],
    [
      'no header at all',
      { payload: a6.payload, signatures: [{ signature: 'AA' }] },
      'ERR_JSON_MEMBER',
      /^Signature 1 has neither "protected" nor "header"/,
    ],
    [
      'bad base64url',
      { payload: a6.payload, signatures: [sig, { ...sig, signature: 'a+b' }] },
      'ERR_PART_BASE64URL',
      /^Signature 2's signature value .* not valid base64url/,
    ],
    [
      'protected not JSON',
      { ...a6, signatures: [{ ...sig, protected: 'bm90IGpzb24' }] },
      'ERR_PART_JSON',
      /^Signature 1's protected header is not valid JSON/,
    ],
    [
      'member in both headers',
      { ...a6, signatures: [{ ...sig, header: { alg: 'HS256' } }] },
      'ERR_JSON_HEADER_CONFLICT',
      /"alg" is in both the protected header and the unprotected header/,
    ],
    [
      'no alg',
      { ...a6, signatures: [sig, { header: { kid: 'k' }, signature: 'AA' }] },
      'ERR_HEADER_ALG_MISSING',
      /^Signature 2 has no "alg"/,
    ],
    [
      'flattened without signature',
      { payload: 'e30', protected: sig.protected, signature: 7 },
      'ERR_JSON_MEMBER',
      /^The signature value \("signature"\) must be a base64url string, not a number/,
    ],
  ])('%s', (_name, value, code, message) => {
    const decoded = decodeJoseJson(typeof value === 'string' ? value : JSON.stringify(value));
    expect(decoded.ok).toBe(false);
    if (decoded.ok) return;
    expect(decoded.error.code).toBe(code);
    expect(decoded.error.message).toMatch(message);
  });
});

describe('signJwsJson', () => {
  const a2 = rfc7515.find((c) => c.id === 'rfc7515-a2-rs256')!;
  const a3 = rfc7515.find((c) => c.id === 'rfc7515-a3-es256')!;
  const a6 = cases[0]!;
  const payload = new TextEncoder().encode(a6.payloadText);

  it('reproduces RFC 7515 A.6 (RS256 is deterministic) and jose verifies both signatures', async () => {
    const signed = await signJwsJson({
      payload,
      form: 'json-general',
      secretEncoding: 'utf8',
      resolver: new KeyResolver(),
      signers: [
        {
          protectedHeader: { alg: 'RS256' },
          unprotectedHeader: { kid: '2010-12-29' },
          keyText: a2.signingKey!,
        },
        {
          protectedHeader: { alg: 'ES256' },
          unprotectedHeader: { kid: 'e9bc097a-ce51-4036-9562-d2ade882db0d' },
          keyText: a3.signingKey!,
        },
      ],
    });
    expect(signed.ok, signed.ok ? '' : signed.error.message).toBe(true);
    if (!signed.ok) return;
    const json = JSON.parse(signed.value) as { payload: string; signatures: Sig[] };
    const rfc = a6.serialization as { payload: string; signatures: Sig[] };
    expect(json.payload).toBe(rfc.payload);
    expect(json.signatures[0]).toEqual(rfc.signatures[0]);
    for (const [i, key] of [a2.key, a3.key].entries()) {
      const jwk = JSON.parse(key) as jose.JWK;
      const { payload: out } = await jose.generalVerify(
        json,
        await jose.importJWK(jwk, ['RS256', 'ES256'][i]),
      );
      expect(new TextDecoder().decode(out)).toBe(a6.payloadText);
    }
  });

  it('writes the flattened form, which RFC 7515 A.7 keys verify', async () => {
    const signed = await signJwsJson({
      payload,
      form: 'json-flattened',
      secretEncoding: 'utf8',
      resolver: new KeyResolver(),
      signers: [
        {
          protectedHeader: { alg: 'ES256' },
          unprotectedHeader: { kid: 'k' },
          keyText: a3.signingKey!,
        },
      ],
    });
    if (!signed.ok) throw new Error(signed.error.message);
    const json = JSON.parse(signed.value) as jose.FlattenedJWS;
    expect(json.header).toEqual({ kid: 'k' });
    await jose.flattenedVerify(json, await jose.importJWK(JSON.parse(a3.key) as jose.JWK, 'ES256'));
  });

  it('refuses two signers in the flattened form, and a public key', async () => {
    const base = { payload, secretEncoding: 'utf8' as const, resolver: new KeyResolver() };
    const two = await signJwsJson({
      ...base,
      form: 'json-flattened',
      signers: [
        { protectedHeader: { alg: 'ES256' }, keyText: a3.signingKey! },
        { protectedHeader: { alg: 'ES256' }, keyText: a3.signingKey! },
      ],
    });
    expect(two.ok ? '' : two.error.code).toBe('ERR_SIGN');
    const pub = await signJwsJson({
      ...base,
      form: 'json-general',
      signers: [{ protectedHeader: { alg: 'ES256' }, keyText: a3.key }],
    });
    expect(pub.ok ? '' : pub.error.code).toBe('ERR_KEY_NOT_PRIVATE');
  });
});

describe('JSON serializations with keys jose lacks (ES256K, Ed448)', () => {
  const noble = (
    JSON.parse(readFileSync('tests/vectors/noble/vectors.json', 'utf8')) as {
      cases: { id: string; token: string; key: string; signingKey?: string }[];
    }
  ).cases;
  const es256k = noble.find((c) => c.id === 'pyjwt-es256k')!;
  const ed448 = noble.find((c) => c.id === 'openssl-ed448')!;

  it('verifies PyJWT’s ES256K token rewritten as a flattened JSON serialization', async () => {
    const [protectedB64, payload, signature] = es256k.token.split('.') as [string, string, string];
    const token = decode({ payload, protected: protectedB64, header: { kid: 'k1' }, signature });
    const verdict = await verify(token, es256k.key);
    expect(verdict.overall.status).toBe('verified');
    const tampered = decode({ payload: 'e30', protected: protectedB64, signature });
    expect((await verify(tampered, es256k.key)).overall.error?.code).toBe('ERR_SIGNATURE_INVALID');
  });

  it('signs a general serialization with ES256K and Ed448, each signature verifying with its public key', async () => {
    const signed = await signJwsJson({
      payload: new TextEncoder().encode('{"sub":"two curves"}'),
      form: 'json-general',
      secretEncoding: 'utf8',
      resolver: new KeyResolver(),
      signers: [
        { protectedHeader: { alg: 'ES256K' }, keyText: es256k.signingKey! },
        {
          protectedHeader: { alg: 'Ed448' },
          unprotectedHeader: { kid: 'b' },
          keyText: ed448.signingKey!,
        },
      ],
    });
    if (!signed.ok) throw new Error(signed.error.message);
    const token = decode(signed.value);
    expect(token.signatures.map((s) => s.alg)).toEqual(['ES256K', 'Ed448']);
    expect((await verify(token, es256k.key)).signatures.map((s) => s.status)).toEqual([
      'verified',
      'key-error',
    ]);
    expect((await verify(token, ed448.key)).signatures[1]!.status).toBe('verified');
  });
});
