/**
 * Exporting what the key box holds, for keys made outside our engine
 * (node:crypto, OpenSSL vectors): every input form gives the same public key,
 * public forms never hold a private member, thumbprints match node's RFC 7638
 * computation, and a JWKS keeps its kids.
 */
import { calculateJwkThumbprint } from 'jose';
import { createHash, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { exportKey, sizeWarnings } from '../../../src/lib/keys/export';
import { parseKey } from '../../../src/lib/keys/parse';
import { keyOf, RSA_CERT, type KeyKind } from '../helpers/keys';

async function exportsOf(text: string, encoding: 'utf8' | 'hex' = 'utf8') {
  const parsed = parseKey(text);
  if (!parsed.ok) throw parsed.error;
  const exported = await exportKey(parsed.value, encoding);
  if (!exported.ok) throw exported.error;
  return exported.value;
}

/** RFC 7638 §3 computed with node alone: required members, sorted, no white space. */
function nodeThumbprint(jwk: Record<string, unknown>): string {
  const members: Record<string, string[]> = {
    RSA: ['e', 'kty', 'n'],
    EC: ['crv', 'kty', 'x', 'y'],
    OKP: ['crv', 'kty', 'x'],
    oct: ['k', 'kty'],
  };
  const json = `{${members[jwk.kty as string]!.map((m) => `"${m}":"${String(jwk[m])}"`).join(',')}}`;
  return createHash('sha256').update(json).digest('base64url');
}

const spkiOf = (pem: string) =>
  String(createPublicKey(pem).export({ type: 'spki', format: 'pem' }));

describe('exportKey: every input form of one key gives the same public half', () => {
  const kinds: KeyKind[] = ['rsa', 'p256', 'p384', 'p521', 'ed25519', 'x25519'];
  it.each(kinds)('%s', async (kind) => {
    const k = await keyOf(kind);
    const forms = [
      k.spki,
      k.pkcs8,
      JSON.stringify(k.publicJwk),
      JSON.stringify(k.privateJwk),
      ...(k.pkcs1Public ? [k.pkcs1Public] : []),
      ...(k.pkcs1Private ? [k.pkcs1Private] : []),
      ...(k.sec1 ? [k.sec1] : []),
    ];
    const expected = nodeThumbprint(k.publicJwk as Record<string, unknown>);
    for (const form of forms) {
      const x = await exportsOf(form);
      expect(x.thumbprint, form.slice(0, 40)).toBe(expected);
      expect(spkiOf(x.publicPem!)).toBe(k.spki);
      const set = JSON.parse(x.publicJwks!) as { keys: Record<string, unknown>[] };
      expect(set.keys).toHaveLength(1);
      expect(set.keys[0]!.kid).toBe(expected);
      for (const text of [x.publicPem!, x.publicJwk!, x.publicJwks!])
        expect(text).not.toMatch(/"(d|p|q|dp|dq|qi)"|PRIVATE/);
      const isPrivate =
        form === k.pkcs8 || form === k.pkcs1Private || form === k.sec1 || form.includes('"d"');
      expect(x.facts?.isPrivate).toBe(isPrivate);
      expect(x.privatePem !== undefined).toBe(isPrivate);
      if (isPrivate) expect(spkiOf(x.privatePem!)).toBe(k.spki);
    }
  });

  it('reads an X.509 certificate and exports its public key', async () => {
    const x = await exportsOf(RSA_CERT.cert);
    expect(spkiOf(x.publicPem!)).toBe(spkiOf(RSA_CERT.cert));
    expect(x.privatePem).toBeUndefined();
  });

  it('keeps a JWK kid and metadata, and gives the public key_ops', async () => {
    const k = await keyOf('p256');
    const jwk = { ...k.privateJwk, kid: 'signer-1', use: 'sig', key_ops: ['sign'] };
    const x = await exportsOf(JSON.stringify(jwk));
    const pub = JSON.parse(x.publicJwk!) as Record<string, unknown>;
    expect(pub).toMatchObject({ kid: 'signer-1', use: 'sig', key_ops: ['verify'] });
    expect(JSON.parse(x.publicJwks!).keys[0].kid).toBe('signer-1');
    expect(JSON.parse(x.privateJwk!)).toMatchObject({ kid: 'signer-1', d: k.privateJwk.d });
  });
});

describe('exportKey: secrets, sets and refusals', () => {
  it('exports a hex secret as an oct JWK with no public forms', async () => {
    const x = await exportsOf(
      '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
      'hex',
    );
    const jwk = JSON.parse(x.privateJwk!) as { kty: string; k: string };
    expect(Buffer.from(jwk.k, 'base64url').toString('hex')).toBe(
      '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
    );
    expect(x.facts).toMatchObject({ kty: 'oct', bits: 256 });
    expect(x.thumbprint).toBe(nodeThumbprint(jwk));
    expect(x.publicPem).toBeUndefined();
    expect(x.publicJwks).toBeUndefined();
  });

  it('strips private members from a JWKS, leaves secrets out, and names missing kids by thumbprint', async () => {
    const rsa = await keyOf('rsa');
    const ec = await keyOf('p256');
    const set = {
      keys: [{ ...rsa.privateJwk, kid: 'r1' }, ec.publicJwk, { kty: 'oct', k: 'c2VjcmV0' }],
    };
    const x = await exportsOf(JSON.stringify(set));
    const keys = (JSON.parse(x.publicJwks!) as { keys: Record<string, unknown>[] }).keys;
    expect(keys.map((key) => key.kid)).toEqual(['r1', nodeThumbprint(ec.publicJwk as never)]);
    expect(x.publicJwks).not.toMatch(/"d"/);
    expect(x.warnings.join(' ')).toContain('Left out a symmetric secret');
    expect(x.warnings.join(' ')).toContain('This JWKS holds private keys');
  });

  it('warns about RSA keys under 2048 bits', async () => {
    const x = await exportsOf((await keyOf('rsa1024')).spki);
    expect(x.warnings[0]).toContain(
      'This RSA key has 1024 bits; RFC 7518 §3.3 requires at least 2048',
    );
    expect(sizeWarnings({ kty: 'RSA', bits: 2048, isPrivate: false })).toEqual([]);
  });

  it.each([
    ['', 'ERR_KEY_EMPTY', 'There is no key to export: generate one or paste one.'],
    [
      'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB',
      'ERR_KEY_EXPORT',
      'This is an OpenSSH public key (ssh-ed25519)',
    ],
  ])('%j fails with %s', async (text, code, message) => {
    const parsed = parseKey(text);
    if (!parsed.ok) throw parsed.error;
    const x = await exportKey(parsed.value);
    expect(x.ok).toBe(false);
    if (x.ok) return;
    expect(x.error.code).toBe(code);
    expect(x.error.message).toContain(message);
  });

  it.each(['secp256k1', 'ed448'] as const)(
    'converts a %s key, which WebCrypto cannot hold, as OpenSSL writes it',
    async (kind) => {
      // The forms node:crypto (OpenSSL) writes are the ones the page must write back.
      const texts = await keyOf(kind);
      for (const text of [texts.pkcs8, JSON.stringify(texts.privateJwk), texts.sec1].filter(
        (t): t is string => t !== undefined,
      )) {
        const parsed = parseKey(text);
        if (!parsed.ok) throw parsed.error;
        const x = await exportKey(parsed.value);
        if (!x.ok) throw x.error;
        expect(x.value.privatePem).toBe(texts.pkcs8);
        expect(x.value.publicPem).toBe(texts.spki);
        expect(JSON.parse(x.value.privateJwk!)).toEqual(texts.privateJwk);
        expect(JSON.parse(x.value.publicJwk!)).toEqual(texts.publicJwk);
        expect(x.value.thumbprint).toBe(await calculateJwkThumbprint(texts.publicJwk));
      }
      const parsed = parseKey(texts.spki);
      if (!parsed.ok) throw parsed.error;
      const x = await exportKey(parsed.value);
      expect(x.ok && x.value.privatePem).toBeUndefined();
      expect(x.ok && JSON.parse(x.value.publicJwk!)).toEqual(texts.publicJwk);
    },
  );
});
