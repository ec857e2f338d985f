/**
 * Every JWS JSON vector (RFC 7515 A.6/A.7, RFC 7520 §4.1–4.8, RFC 7797 §4,
 * RFC 8037 A.4) beside its
 * compact form where the RFC gives one, and tampered: a signature byte, the
 * protected header and the payload each fail the signature they touch with
 * ERR_SIGNATURE_INVALID, never verify. The untouched vectors are checked in
 * json-serialization.test.ts; here the same keys must refuse every change.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  algorithmOf,
  decodeToken,
  KeyResolver,
  verifyWith,
  type DecodedJws,
} from '../../../src/lib';
import {
  decodeJoseJson,
  verifyJwsJson,
  type DecodedJwsJson,
} from '../../../src/lib/jws/json-serialization';

interface JwsJsonCase {
  id: string;
  source: string;
  serialization: Record<string, unknown>;
  compact?: string;
  payloadText: string;
  checks: { keyName: string; key: string; verified: number[] }[];
}
type Sig = { protected?: string; header?: Record<string, unknown>; signature: string };
type Json = { payload?: string; signatures?: Sig[] } & Partial<Sig>;

const cases = (
  JSON.parse(readFileSync('tests/vectors/json-serialization/jws-json.json', 'utf8')) as {
    cases: JwsJsonCase[];
  }
).cases;

const detachedOf = (c: JwsJsonCase) => ('payload' in c.serialization ? undefined : c.payloadText);
const decode = (value: unknown): DecodedJwsJson => {
  const decoded = decodeJoseJson(JSON.stringify(value));
  if (!decoded.ok) throw new Error(decoded.error.message);
  if (decoded.value.kind !== 'jws-json') throw new Error('not a JWS');
  return decoded.value;
};
const verify = (c: JwsJsonCase, value: unknown, keyText: string) =>
  verifyJwsJson(decode(value), {
    keyText,
    secretEncoding: 'utf8',
    resolver: new KeyResolver(),
    ...(detachedOf(c) === undefined ? {} : { detachedPayload: detachedOf(c)! }),
  });
/** A base64url string with one character in its middle changed (whole bytes, not the padding bits). */
const flip = (s: string) => {
  const at = Math.floor(s.length / 2);
  return s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1);
};
/** The signatures of a general or flattened object, to edit in place. */
const sigsOf = (o: Json): Sig[] => o.signatures ?? [o as Sig];

describe('the compact form of RFC 7515 A.1–A.4, RFC 7520 §4.1–4.5, RFC 7797 §4 and RFC 8037 A.4 gives what the JSON forms give', () => {
  const compact = cases.filter((c) => c.compact && c.id.endsWith('-general'));
  it('covers them all', () => {
    expect(compact.map((c) => c.id.replace(/-general$/, ''))).toEqual([
      ...['4.1', '4.2', '4.3', '4.4', '4.5'].map((s) => `rfc7520-${s}`),
      'rfc7797-4.1',
      'rfc7797-4.2',
      'rfc8037-a4',
      ...['a1', 'a2', 'a3', 'a4'].map((s) => `rfc7515-${s}`),
    ]);
  });

  // A compact form with no payload part (RFC 7520 §4.5, RFC 7797 §4.2) is given the documented one.
  const detached = (c: JwsJsonCase) =>
    c.compact!.includes('..') ? { detachedPayload: c.payloadText } : {};
  it.each(compact)('$source', async (c) => {
    const decoded = decodeToken(c.compact!, undefined, detached(c));
    if (!decoded.ok) throw new Error(decoded.error.message);
    const jws = decoded.value as DecodedJws;
    expect(jws.kind).toBe('jws');
    // RFC 7515 A.1–A.3 carry a claims set (shown formatted), the others text.
    if (c.payloadText.startsWith('{')) {
      expect(jws.payloadForm).toBe('claims');
      expect(jws.payload).toEqual(JSON.parse(c.payloadText));
    } else {
      expect(jws.payloadForm).toBe('text');
      expect(jws.payloadText).toBe(c.payloadText);
    }
    // The JSON forms carry the same signature over the same protected header.
    const [protectedB64, , signature] = c.compact!.split('.');
    expect(sigsOf(c.serialization as Json)[0]).toMatchObject({
      protected: protectedB64,
      signature,
    });
    const found = algorithmOf(jws.alg);
    if ('verdict' in found) throw new Error(found.verdict.message);
    const key = c.checks[0]!.key;
    const selection = await new KeyResolver().resolve(key, found.algorithm, 'verify', {
      secretEncoding: 'utf8',
      kid: jws.header.kid,
    });
    expect((await verifyWith(jws, found.algorithm, selection)).status).toBe('verified');
    const tampered = decodeToken(
      `${protectedB64}.${c.compact!.split('.')[1]}.${flip(signature!)}`,
      undefined,
      detached(c),
    );
    if (!tampered.ok) throw new Error(tampered.error.message);
    const verdict = await verifyWith(tampered.value as DecodedJws, found.algorithm, selection);
    expect(verdict.error?.code).toBe('ERR_SIGNATURE_INVALID');
  });
});

describe('tampered JWS JSON vectors fail with ERR_SIGNATURE_INVALID', () => {
  const each = cases.flatMap((c) => c.checks.map((check) => ({ ...c, check })));
  const variants: [string, (o: Json, index: number) => boolean][] = [
    [
      'a signature byte',
      (o, i) => {
        const sig = sigsOf(o)[i]!;
        sig.signature = flip(sig.signature);
        return true;
      },
    ],
    [
      'the protected header',
      (o, i) => {
        const sig = sigsOf(o)[i]!;
        // RFC 7520 §4.7 has no protected header: nothing there to change.
        if (!sig.protected) return false;
        const header = JSON.parse(Buffer.from(sig.protected, 'base64url').toString()) as object;
        sig.protected = Buffer.from(JSON.stringify({ ...header, typ: 'JOSE' })).toString(
          'base64url',
        );
        return true;
      },
    ],
    [
      'the payload',
      (o) => {
        if (o.payload === undefined) return false;
        const text = Buffer.from(o.payload, 'base64url').toString();
        o.payload = Buffer.from(`${text} `).toString('base64url');
        return true;
      },
    ],
  ];

  it.each(variants.flatMap(([what, change]) => each.map((c) => ({ ...c, what, change }))))(
    '$source, $check.keyName: $what',
    async (c) => {
      for (const index of c.check.verified) {
        const copy = structuredClone(c.serialization) as Json;
        if (!c.change(copy, index - 1)) continue;
        const verdict = await verify(c, copy, c.check.key);
        const own = verdict.signatures[index - 1]!;
        expect(own.status).toBe('invalid');
        expect(own.error?.code).toBe('ERR_SIGNATURE_INVALID');
        expect(own.message).toMatch(/does not match/);
      }
    },
  );

  it('the detached payload of RFC 7520 §4.5, changed, fails both JSON forms', async () => {
    for (const c of cases.filter((x) => x.id.startsWith('rfc7520-4.5'))) {
      const verdict = await verifyJwsJson(decode(c.serialization), {
        keyText: c.checks[0]!.key,
        secretEncoding: 'utf8',
        resolver: new KeyResolver(),
        detachedPayload: c.payloadText.replace('Frodo', 'Sam'),
      });
      expect(verdict.overall.error?.code).toBe('ERR_SIGNATURE_INVALID');
    }
  });
});
