/**
 * JWE JSON serializations (RFC 7516 A.1–A.5, RFC 7520 §5.1–5.13):
 * first proven with jose alone, then decoded and decrypted by the engine
 * with each documented key, saying which recipient opened; tampered variants
 * fail with the step's code and name the recipient; tokens encrypted here
 * open with jose.
 */
import { readFileSync } from 'node:fs';
import * as jose from 'jose';
import { describe, expect, it } from 'vitest';
import { decodeJoseJson, type DecodedJweJson } from '../../../src/lib/jws/json-serialization';
import { decryptJweJson, encryptJweJson } from '../../../src/lib/jwe/json-serialization';

interface JweJsonCase {
  id: string;
  source: string;
  serialization: Record<string, unknown>;
  plaintext: string;
  aadText?: string;
  /** The same example's compact form (RFC 7520 §5.1–5.9). */
  compact?: string;
  /** `password` when the key is a PBES2 password (RFC 7520 §5.3), not a JWK. */
  keyFormat?: 'password';
  checks: { keyName: string; key: string; recipient?: number; code?: string }[];
}

const cases = (
  JSON.parse(readFileSync('tests/vectors/json-serialization/jwe-json.json', 'utf8')) as {
    cases: JweJsonCase[];
  }
).cases;
const checks = cases.flatMap((c) => c.checks.map((check) => ({ ...c, check })));
type Recipient = { header?: Record<string, unknown>; encrypted_key?: string };
const recipientsOf = (s: Record<string, unknown>): Recipient[] =>
  (s.recipients as Recipient[] | undefined) ?? [s as Recipient];
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

const decode = (value: unknown): DecodedJweJson => {
  const decoded = decodeJoseJson(JSON.stringify(value, null, 2));
  if (!decoded.ok) throw new Error(decoded.error.message);
  if (decoded.value.kind !== 'jwe-json') throw new Error('not a JWE');
  return decoded.value;
};
const decrypt = (token: DecodedJweJson, key: string) =>
  decryptJweJson(token, key, { secretEncoding: 'utf8' });

describe('JWE JSON vectors are right (jose alone)', () => {
  it.each(checks.filter((c) => c.check.recipient))(
    '$source: $check.keyName',
    async ({ serialization, plaintext, check, keyFormat }) => {
      const recipient = recipientsOf(serialization)[check.recipient! - 1]!;
      const { recipients: _r, ...shared } = serialization;
      const protectedHeader = JSON.parse(
        Buffer.from(
          (serialization.protected as string | undefined) ?? '',
          'base64url',
        ).toString() || '{}',
      ) as { alg?: string };
      const alg = String(
        recipient.header?.alg ??
          (serialization.unprotected as { alg?: string } | undefined)?.alg ??
          protectedHeader.alg,
      );
      const {
        alg: _alg,
        use: _use,
        ...jwk
      } = keyFormat === 'password' ? {} : (JSON.parse(check.key) as jose.JWK);
      const out = await jose.flattenedDecrypt(
        { ...shared, ...recipient } as jose.FlattenedJWE,
        keyFormat === 'password'
          ? new TextEncoder().encode(check.key)
          : await jose.importJWK(jwk, alg),
        // jose allows PBES2 only when asked (RFC 7520 §5.3).
        { keyManagementAlgorithms: [alg] },
      );
      expect(text(out.plaintext)).toBe(plaintext);
    },
  );
});

describe('decryptJweJson on the RFC vectors', () => {
  it('covers RFC 7516 A.1–A.5 and RFC 7520 §5.1–5.13 (§5.1–5.9, §5.11 in both JSON forms)', () => {
    expect(cases.map((c) => c.id)).toEqual([
      'rfc7516-a4',
      'rfc7516-a5',
      'rfc7520-5.10',
      'rfc7520-5.12',
      'rfc7520-5.13',
      ...['5.1', '5.2', '5.3', '5.4', '5.5', '5.6', '5.7', '5.8', '5.9', '5.11'].flatMap((s) => [
        `rfc7520-${s}-general`,
        `rfc7520-${s}-flattened`,
      ]),
      ...['a1', 'a2', 'a3'].flatMap((s) => [`rfc7516-${s}-general`, `rfc7516-${s}-flattened`]),
    ]);
  });

  it.each(cases)('$source decodes, the header parts apart', (c) => {
    const token = decode(c.serialization);
    expect(token.flattened).toBe(!('recipients' in c.serialization));
    expect(token.unprotected).toEqual(c.serialization.unprotected);
    expect(token.recipients.map((r) => r.header)).toEqual(
      recipientsOf(c.serialization).map((r) => r.header),
    );
    expect(token.aadText).toBe(c.aadText);
    expect(token.enc).toMatch(/^A(128|256)(GCM|CBC-HS256)$/);
  });

  it.each(checks)('$source: $check.keyName', async ({ serialization, plaintext, check }) => {
    const token = decode(serialization);
    const result = await decrypt(token, check.key);
    if (check.code) {
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe(check.code);
      expect(result.error.message).toMatch(
        token.flattened
          ? /^The recipient \(RSA1_5/
          : /^(None of the \d recipients opens with this key\. )?Recipient 1 \(RSA1_5/,
      );
      expect(result.error.message).toMatch(/RSA1_5 .*not supported by jose 6/);
      return;
    }
    expect(result.ok, result.ok ? '' : result.error.message).toBe(true);
    if (!result.ok) return;
    expect(text(result.value.plaintext)).toBe(plaintext);
    expect(result.value.recipient).toBe(check.recipient);
    // Every recipient before the one that opened says why it did not.
    expect(result.value.recipients.map((r) => r.opened)).toEqual([
      ...Array<boolean>(check.recipient! - 1).fill(false),
      true,
    ]);
  });
});

describe('tampered JWE JSON serializations', () => {
  const a5 = cases.find((c) => c.id === 'rfc7516-a5')!;
  const a4 = cases.find((c) => c.id === 'rfc7516-a4')!;
  const aad = cases.find((c) => c.id === 'rfc7520-5.10')!;
  const flip = (s: string) => (s[3] === 'A' ? 'B' : 'A') + s.slice(1).replace(/^(..)./, '$1A');
  const edit = (c: JweJsonCase, f: (o: Record<string, unknown>) => void) => {
    const copy = structuredClone(c.serialization);
    f(copy);
    return decode(copy);
  };

  it.each([
    [
      'the ciphertext',
      a5,
      (o: Record<string, unknown>) => (o.ciphertext = flip(o.ciphertext as string)),
      'ERR_JWE_TAG_MISMATCH',
      /^The recipient \(A128KW, kid "7"\): content decryption .*key opened the encrypted key, so it is right/,
    ],
    [
      'the shared unprotected header is not protected: still opens',
      a5,
      (o: Record<string, unknown>) => (o.unprotected = { jku: 'https://attacker.example' }),
      undefined,
      undefined,
    ],
    [
      'the protected header',
      a5,
      (o: Record<string, unknown>) =>
        (o.protected = Buffer.from('{"enc":"A128CBC-HS256","x":1}').toString('base64url')),
      'ERR_JWE_TAG_MISMATCH',
      /authentication tag does not match/,
    ],
    [
      'the encrypted key',
      a5,
      (o: Record<string, unknown>) => (o.encrypted_key = flip(o.encrypted_key as string)),
      'ERR_JWE_KEY_UNWRAP',
      /^The recipient \(A128KW, kid "7"\): its encrypted key does not open/,
    ],
    [
      'the aad',
      aad,
      (o: Record<string, unknown>) => (o.aad = Buffer.from('["vcard",[]]').toString('base64url')),
      'ERR_JWE_TAG_MISMATCH',
      /"aad"/,
    ],
  ])('%s', async (_name, c, change, code, message) => {
    const result = await decrypt(edit(c, change), c.checks[0]!.key);
    if (!code) {
      expect(result.ok).toBe(true);
      return;
    }
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message).toMatch(message!);
  });

  it('a general JWE whose recipient 2 was tampered names both recipients', async () => {
    const token = edit(a4, (o) => {
      const r = (o.recipients as Recipient[])[1]!;
      r.encrypted_key = flip(r.encrypted_key!);
    });
    const result = await decrypt(token, a4.checks[0]!.key);
    expect(result.ok ? '' : result.error.code).toBe('ERR_JWE_NO_RECIPIENT');
    expect(result.ok ? '' : result.error.message).toMatch(
      /Recipient 1 \(RSA1_5.*Recipient 2 \(A128KW, kid "7"\): its encrypted key does not open/,
    );
  });
});

describe('malformed JWE JSON serializations', () => {
  const a4 = cases[0]!.serialization;
  it.each([
    ['recipients empty', { ...a4, recipients: [] }, 'ERR_JSON_MEMBER', /empty array/],
    [
      'too many recipients',
      { ...a4, recipients: Array(25).fill({ header: { alg: 'A128KW' } }) },
      'ERR_JSON_TOO_MANY',
      /25 recipients/,
    ],
    [
      'recipient not an object',
      { ...a4, recipients: [1] },
      'ERR_JSON_MEMBER',
      /^Recipient 1 must be a JSON object, not a number/,
    ],
    [
      'no alg anywhere',
      { ...a4, recipients: [{ header: { kid: '7' } }] },
      'ERR_HEADER_ALG_MISSING',
      /^Recipient 1 has no "alg"/,
    ],
    [
      'member in two header parts',
      { ...a4, unprotected: { alg: 'A128KW' }, recipients: [{ header: { alg: 'A128KW' } }] },
      'ERR_JSON_HEADER_CONFLICT',
      /"alg" is in both the shared unprotected header and recipient 1's header/,
    ],
    [
      'different enc values',
      {
        ...a4,
        protected: undefined,
        recipients: [
          { header: { alg: 'A128KW', enc: 'A128GCM' } },
          { header: { alg: 'A128KW', enc: 'A256GCM' } },
        ],
      },
      'ERR_JSON_MEMBER',
      /different "enc"/,
    ],
    [
      'bad iv',
      { ...a4, iv: 'not base64!' },
      'ERR_PART_BASE64URL',
      /^The initialization vector \("iv"\) is not valid base64url/,
    ],
    ['mixed forms', { ...a4, header: { alg: 'A128KW' } }, 'ERR_JSON_MEMBER', /one or the other/],
  ])('%s', (_name, value, code, message) => {
    const decoded = decodeJoseJson(JSON.stringify(value));
    expect(decoded.ok).toBe(false);
    if (decoded.ok) return;
    expect(decoded.error.code).toBe(code);
    expect(decoded.error.message).toMatch(message);
  });
});

describe('encryptJweJson', () => {
  const kw = cases[0]!.checks[0]!.key; // RFC 7516 A.3's A128KW key
  const ecdh = cases[4]!.checks[1]!.key; // RFC 7520 §5.13's P-384 key
  const plaintext = new TextEncoder().encode('Live long and prosper.');

  it('encrypts to two recipients with a shared header and aad; jose opens it with each key', async () => {
    const made = await encryptJweJson({
      plaintext,
      protectedHeader: { enc: 'A128GCM' },
      unprotected: { jku: 'https://server.example.com/keys.jwks' },
      aad: new TextEncoder().encode('context'),
      recipients: [
        { header: { alg: 'A128KW', kid: '7' }, keyText: kw },
        { header: { alg: 'ECDH-ES+A256KW', kid: 'peregrin' }, keyText: ecdh },
      ],
      form: 'json-general',
      secretEncoding: 'utf8',
    });
    if (!made.ok) throw new Error(made.error.message);
    const json = JSON.parse(made.value) as jose.GeneralJWE;
    expect(json.recipients).toHaveLength(2);
    expect(json.unprotected).toEqual({ jku: 'https://server.example.com/keys.jwks' });
    for (const [key, alg] of [
      [kw, 'A128KW'],
      [ecdh, 'ECDH-ES+A256KW'],
    ] as const) {
      const { alg: _a, use: _u, ...jwk } = JSON.parse(key) as jose.JWK;
      const out = await jose.generalDecrypt(json, await jose.importJWK(jwk, alg));
      expect(text(out.plaintext)).toBe('Live long and prosper.');
      expect(text(out.additionalAuthenticatedData!)).toBe('context');
    }
    const ours = await decrypt(decode(json), ecdh);
    expect(ours.ok && ours.value.recipient).toBe(2);
  });

  it('writes the flattened form, and refuses two recipients in it', async () => {
    const base = {
      plaintext,
      protectedHeader: { enc: 'A128GCM' },
      secretEncoding: 'utf8' as const,
    };
    const one = await encryptJweJson({
      ...base,
      form: 'json-flattened',
      recipients: [{ header: { alg: 'A128KW' }, keyText: kw }],
    });
    if (!one.ok) throw new Error(one.error.message);
    expect(JSON.parse(one.value)).toHaveProperty('encrypted_key');
    const two = await encryptJweJson({
      ...base,
      form: 'json-flattened',
      recipients: [
        { header: { alg: 'A128KW' }, keyText: kw },
        { header: { alg: 'A128KW' }, keyText: kw },
      ],
    });
    expect(two.ok ? '' : two.error.code).toBe('ERR_JWE_ENCRYPT');
  });
});
