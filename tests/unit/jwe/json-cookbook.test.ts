/**
 * Every JWE JSON vector (RFC 7516 A.4/A.5, RFC 7520 §5.1–5.13) beside its
 * compact form where the RFC gives one, and tampered: the ciphertext, the
 * tag, the IV, the protected header and the additional authenticated data
 * each fail with ERR_JWE_TAG_MISMATCH, a changed encrypted key with
 * ERR_JWE_KEY_UNWRAP.
 * The untouched vectors are checked in json-serialization.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeToken, type DecodedJwe } from '../../../src/lib';
import { decryptJwe } from '../../../src/lib/jwe';
import { decodeJoseJson, type DecodedJweJson } from '../../../src/lib/jws/json-serialization';
import { decryptJweJson } from '../../../src/lib/jwe/json-serialization';

interface JweJsonCase {
  id: string;
  source: string;
  serialization: Record<string, unknown>;
  compact?: string;
  plaintext: string;
  checks: { keyName: string; key: string; recipient?: number; code?: string }[];
}
type Recipient = { header?: Record<string, unknown>; encrypted_key?: string };
type Json = Record<string, unknown> & { recipients?: Recipient[] } & Recipient;

const cases = (
  JSON.parse(readFileSync('tests/vectors/json-serialization/jwe-json.json', 'utf8')) as {
    cases: JweJsonCase[];
  }
).cases;
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const decode = (value: unknown): DecodedJweJson => {
  const decoded = decodeJoseJson(JSON.stringify(value));
  if (!decoded.ok) throw new Error(decoded.error.message);
  if (decoded.value.kind !== 'jwe-json') throw new Error('not a JWE');
  return decoded.value;
};
/** A base64url string with one character in its middle changed (whole bytes, not the padding bits). */
const flip = (s: string) => {
  const at = Math.floor(s.length / 2);
  return s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1);
};
const b64 = (s: string) => Buffer.from(s).toString('base64url');

describe('the compact form of RFC 7516 A.1–A.3 and RFC 7520 §5.1–5.9 gives what the JSON forms give', () => {
  const compact = cases.filter((c) => c.compact && c.id.endsWith('-general'));
  it('covers them all', () => {
    expect(compact.map((c) => c.id.replace(/-general$/, ''))).toEqual([
      ...['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((n) => `rfc7520-5.${n}`),
      ...['a1', 'a2', 'a3'].map((s) => `rfc7516-${s}`),
    ]);
  });

  it.each(compact)('$source', async (c) => {
    const decoded = decodeToken(c.compact!);
    if (!decoded.ok || decoded.value.kind !== 'jwe') throw new Error('not a JWE');
    // The JSON forms carry the same protected header, IV, ciphertext and tag.
    const [protectedB64, encryptedKey, iv, ciphertext, tag] = c.compact!.split('.');
    expect(c.serialization).toMatchObject({ protected: protectedB64, iv, ciphertext, tag });
    const recipients = (c.serialization as Json).recipients ?? [c.serialization as Recipient];
    expect(recipients[0]!.encrypted_key ?? '').toBe(encryptedKey);
    const check = c.checks[0]!;
    const result = await decryptJwe(decoded.value as DecodedJwe, check.key, {
      secretEncoding: 'utf8',
    });
    if (check.code) {
      expect(result.ok ? '' : result.error.code).toBe(check.code);
      return;
    }
    expect(result.ok, result.ok ? '' : result.error.message).toBe(true);
    if (result.ok) expect(text(result.value.plaintext)).toBe(c.plaintext);
  });
});

/** What the message says for each code, as the reason of one recipient among several. */
const WORDS: Record<string, RegExp> = {
  ERR_JWE_TAG_MISMATCH: /authentication tag does not match/,
  ERR_JWE_KEY_UNWRAP: /encrypted key does not open/,
};

describe('tampered JWE JSON vectors fail with their code', () => {
  const opening = cases.flatMap((c) =>
    c.checks.filter((check) => check.recipient).map((check) => ({ ...c, check })),
  );
  // Each change, and the code it must give; false when the vector has nothing to change there.
  const variants: [string, string | RegExp, (o: Json, recipient: number) => boolean][] = [
    [
      'the ciphertext',
      'ERR_JWE_TAG_MISMATCH',
      (o) => ((o.ciphertext = flip(o.ciphertext as string)), true),
    ],
    ['the tag', 'ERR_JWE_TAG_MISMATCH', (o) => ((o.tag = flip(o.tag as string)), true)],
    ['the IV', 'ERR_JWE_TAG_MISMATCH', (o) => ((o.iv = flip(o.iv as string)), true)],
    [
      'the protected header',
      'ERR_JWE_TAG_MISMATCH',
      (o) => {
        if (typeof o.protected !== 'string') return false;
        const header = JSON.parse(Buffer.from(o.protected, 'base64url').toString()) as object;
        o.protected = b64(JSON.stringify({ ...header, x: 1 }));
        return true;
      },
    ],
    [
      'the aad (added, or changed)',
      'ERR_JWE_TAG_MISMATCH',
      (o) => ((o.aad = typeof o.aad === 'string' ? flip(o.aad) : b64('["vcard",[]]')), true),
    ],
    [
      'the encrypted key',
      'ERR_JWE_KEY_UNWRAP',
      (o, recipient) => {
        const r = o.recipients?.[recipient - 1] ?? (o as Recipient);
        if (r.encrypted_key === undefined || r.encrypted_key === '') return false;
        r.encrypted_key = flip(r.encrypted_key);
        return true;
      },
    ],
  ];

  it.each(
    variants.flatMap(([what, code, change]) => opening.map((c) => ({ ...c, what, code, change }))),
  )('$source, $check.keyName: $what', async (c) => {
    const copy = structuredClone(c.serialization) as Json;
    if (!c.change(copy, c.check.recipient!)) return;
    const result = await decryptJweJson(decode(copy), c.check.key, { secretEncoding: 'utf8' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    // With several recipients the error is ERR_JWE_NO_RECIPIENT, saying why each did not open.
    const codes =
      result.error.code === 'ERR_JWE_NO_RECIPIENT'
        ? Object.keys(WORDS).filter((code) => WORDS[code]!.test(result.error.message))
        : [result.error.code];
    expect(
      codes.some((code) => code.match(c.code)),
      result.error.message,
    ).toBe(true);
    expect(result.error.message).toMatch(WORDS[codes[0]!]!);
  });

  // Each wrapping algorithm checks itself; the engine derives the wrapping key again to ask it.
  it('a changed encrypted key of a key-wrapping recipient is named as such', async () => {
    for (const id of [
      'rfc7520-5.2-flattened', // RSA-OAEP
      'rfc7520-5.3-flattened', // PBES2-HS512+A256KW
      'rfc7520-5.4-general', // ECDH-ES+A128KW, P-384
      'rfc7520-5.7-general', // A256GCMKW
      'rfc7520-5.8-general', // A128KW
      'rfc7516-a5',
    ]) {
      const c = cases.find((x) => x.id === id)!;
      const copy = structuredClone(c.serialization) as Json;
      const r = copy.recipients?.[0] ?? (copy as Recipient);
      r.encrypted_key = flip(r.encrypted_key!);
      const result = await decryptJweJson(decode(copy), c.checks[0]!.key, {
        secretEncoding: 'utf8',
      });
      expect(result.ok ? '' : result.error.code, id).toBe('ERR_JWE_KEY_UNWRAP');
    }
  });
});
