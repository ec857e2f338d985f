/**
 * Every alg/enc pair the page supports: encrypted by the engine, decrypted by
 * jose alone and by the engine; refusals and tampering with each part.
 */
import * as jose from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeToken, KeyResolver, type DecodedJwe } from '../../../src/lib';
import {
  checkP2c,
  decryptJwe,
  encryptJwe,
  JWE_ENC_ALGORITHMS,
  JWE_KEY_ALGORITHMS,
  openJwe,
} from '../../../src/lib/jwe';

const PAYLOAD = '{"sub":"alice","n":12345678901234567890}';
const PASSWORD = 'correct horse battery staple';
const opts = { secretEncoding: 'utf8' as const };
const jwe = (token: string): DecodedJwe => {
  const decoded = decodeToken(token);
  if (!decoded.ok || decoded.value.kind !== 'jwe') throw new TypeError('not a JWE');
  return decoded.value;
};
const octJwk = (bytes: number) =>
  JSON.stringify({
    kty: 'oct',
    k: jose.base64url.encode(crypto.getRandomValues(new Uint8Array(bytes))),
  });

const keys: Record<string, string> = {};
beforeAll(async () => {
  const pair = async (alg: string, options: jose.GenerateKeyPairOptions = {}) =>
    JSON.stringify(
      await jose.exportJWK(
        (await jose.generateKeyPair(alg, { ...options, extractable: true })).privateKey,
      ),
    );
  keys.RSA = await pair('RSA-OAEP-256');
  for (const crv of ['P-256', 'P-384', 'P-521', 'X25519'])
    keys[crv] = await pair('ECDH-ES', { crv });
});

const supportedAlgs = JWE_KEY_ALGORITHMS.filter((a) => a.inBrowser);
const supportedEncs = JWE_ENC_ALGORITHMS.filter((e) => e.inBrowser);
const pairs = supportedAlgs.flatMap((a) =>
  (a.family === 'ECDH-ES' ? ['P-256', 'P-384', 'P-521', 'X25519'] : [undefined]).flatMap((crv) =>
    supportedEncs.map((e) => ({
      alg: a.alg,
      family: a.family,
      wrapBits: a.wrapBits,
      enc: e.enc,
      cekBits: e.cekBits,
      crv,
    })),
  ),
);

function keyFor(p: (typeof pairs)[number]): string {
  if (p.family === 'RSA-OAEP') return keys.RSA!;
  if (p.family === 'ECDH-ES') return keys[p.crv!]!;
  if (p.family === 'PBES2') return PASSWORD;
  if (p.family === 'dir') return octJwk(p.cekBits / 8);
  return octJwk(p.wrapBits! / 8);
}

describe('every supported alg/enc pair round-trips', () => {
  it('covers 15 algorithms (4 curves for ECDH-ES) and 4 encodings', () => {
    expect(supportedAlgs.map((a) => a.alg)).toEqual([
      'RSA-OAEP',
      'RSA-OAEP-256',
      'RSA-OAEP-384',
      'RSA-OAEP-512',
      'A128KW',
      'A256KW',
      'dir',
      'ECDH-ES',
      'ECDH-ES+A128KW',
      'ECDH-ES+A256KW',
      'A128GCMKW',
      'A256GCMKW',
      'PBES2-HS256+A128KW',
      'PBES2-HS512+A256KW',
    ]);
    expect(pairs.length).toBe((14 - 3) * 4 + 3 * 4 * 4);
  });

  it.each(pairs)('$alg $crv $enc', async (p) => {
    const key = keyFor(p);
    const built = await encryptJwe({
      headerText: JSON.stringify({ alg: p.alg, enc: p.enc, kid: 'k1' }),
      payloadText: PAYLOAD,
      keyText: key,
      secretEncoding: 'utf8',
    });
    expect(built.ok, built.ok ? '' : built.error.message).toBe(true);
    if (!built.ok) return;
    // jose alone opens it
    const joseKey =
      p.family === 'PBES2'
        ? new TextEncoder().encode(PASSWORD)
        : await jose.importJWK(JSON.parse(key) as jose.JWK, p.alg);
    const outside = await jose.compactDecrypt(built.value.token, joseKey, {
      keyManagementAlgorithms: [p.alg],
    });
    expect(new TextDecoder().decode(outside.plaintext)).toBe(PAYLOAD);
    expect(outside.protectedHeader).toMatchObject({ alg: p.alg, enc: p.enc, kid: 'k1' });
    // and so does the engine
    const inside = await decryptJwe(jwe(built.value.token), key, opts);
    expect(inside.ok && new TextDecoder().decode(inside.value.plaintext)).toBe(PAYLOAD);
  });
});

describe('refusals, explained', () => {
  it.each([
    [
      'A192KW',
      'A128GCM',
      'ERR_JWE_ALG_UNSUPPORTED',
      /"alg": "A192KW": this browser does not implement 192-bit AES/,
    ],
    [
      'A128KW',
      'A192GCM',
      'ERR_JWE_ALG_UNSUPPORTED',
      /"enc": "A192GCM": this browser does not implement 192-bit AES/,
    ],
    ['PBES2-HS384+A192KW', 'A128GCM', 'ERR_JWE_ALG_UNSUPPORTED', /192-bit AES/],
    [
      'RSA1_5',
      'A128GCM',
      'ERR_JWE_ALG_UNSUPPORTED',
      /RSA1_5 .*deprecated and not supported by jose 6/,
    ],
    [
      'HS256',
      'A128GCM',
      'ERR_JWE_ALG_UNKNOWN',
      /"alg": "HS256" is not a JWE key management algorithm/,
    ],
    ['A128KW', 'A128CTR', 'ERR_JWE_ENC_UNKNOWN', /"enc": "A128CTR" is not a content encryption/],
  ])('%s + %s', async (alg, enc, code, message) => {
    const built = await encryptJwe({
      headerText: JSON.stringify({ alg, enc }),
      payloadText: PAYLOAD,
      keyText: octJwk(16),
      secretEncoding: 'utf8',
    });
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.error.code).toBe(code);
    expect(built.error.message).toMatch(message);
  });

  it('PBES2 counts: warned above 1,200,000, refused above 10,000,000', () => {
    expect(checkP2c(8192)).toEqual({ ok: true, value: undefined });
    const slow = checkP2c(2_000_000);
    expect(slow.ok && slow.value).toMatch(/"p2c" is 2,000,000: above 1,200,000 iterations/);
    const absurd = checkP2c(50_000_000);
    expect(absurd.ok).toBe(false);
    if (!absurd.ok) {
      expect(absurd.error.code).toBe('ERR_JWE_P2C');
      expect(absurd.error.message).toMatch(
        /refuses more than 10,000,000, which would freeze the tab/,
      );
    }
  });

  it('refuses an absurd p2c in a token before running PBKDF2', async () => {
    const header = jose.base64url.encode(
      JSON.stringify({
        alg: 'PBES2-HS256+A128KW',
        enc: 'A128GCM',
        p2c: 2_000_000_000,
        p2s: 'AAAAAAAAAAAAAAAAAAAAAA',
      }),
    );
    const result = await decryptJwe(jwe(`${header}.AAAA.AAAA.AAAA.AAAA`), PASSWORD, opts);
    expect(!result.ok && result.error.code).toBe('ERR_JWE_P2C');
  });

  it('wrong key type for the alg', async () => {
    const built = await encryptJwe({
      headerText: '{"alg":"RSA-OAEP-256","enc":"A256GCM"}',
      payloadText: PAYLOAD,
      keyText: keys['P-256']!,
      secretEncoding: 'utf8',
    });
    expect(!built.ok && built.error.code).toBe('ERR_KEY_TYPE_MISMATCH');
    expect(!built.ok && built.error.message).toBe(
      'RSA-OAEP-256 needs an RSA public (or private) key, but this is an EC key on P-256.',
    );
  });

  it('a secret of the wrong size for dir', async () => {
    const built = await encryptJwe({
      headerText: '{"alg":"dir","enc":"A256GCM"}',
      payloadText: PAYLOAD,
      keyText: octJwk(16),
      secretEncoding: 'utf8',
    });
    expect(!built.ok && built.error.code).toBe('ERR_JWE_KEY_SIZE');
    expect(!built.ok && built.error.message).toMatch(
      /^"dir" with A256GCM needs a key of exactly 32 bytes \(256 bits\); this secret has 16/,
    );
  });
});

describe('tampering with each part', () => {
  const flip = (part: string) => part.slice(0, 5) + (part[5] === 'A' ? 'B' : 'A') + part.slice(6);
  const tamper = (token: string, index: number, change: (s: string) => string) =>
    token
      .split('.')
      .map((p, i) => (i === index ? change(p) : p))
      .join('.');

  const cases = [
    { family: 'RSA-OAEP', header: { alg: 'RSA-OAEP-256', enc: 'A256GCM' }, key: () => keys.RSA! },
    { family: 'AES-KW', header: { alg: 'A128KW', enc: 'A128CBC-HS256' }, key: () => octJwk(16) },
    // Their wrapping key is derived (or sealed with GCM): the engine derives it again to ask it.
    {
      family: 'AES-GCM-KW',
      header: { alg: 'A256GCMKW', enc: 'A128GCM' },
      key: () => octJwk(32),
    },
    {
      family: 'PBES2',
      header: { alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', p2c: 1000 },
      key: () => PASSWORD,
    },
    ...['P-521', 'X25519'].map((crv) => ({
      family: `ECDH-ES+A256KW, ${crv}`,
      header: { alg: 'ECDH-ES+A256KW', enc: 'A256GCM' },
      key: () => keys[crv]!,
    })),
  ];
  for (const c of cases) {
    describe(c.family, () => {
      let token = '';
      let key = '';
      beforeAll(async () => {
        key = c.key();
        const built = await encryptJwe({
          headerText: JSON.stringify(c.header),
          payloadText: PAYLOAD,
          keyText: key,
          secretEncoding: 'utf8',
        });
        if (!built.ok) throw built.error;
        token = built.value.token;
      });
      const expectFailure = async (t: string, code: string, message: RegExp, part?: string) => {
        const result = await decryptJwe(jwe(t), key, opts);
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.error.code).toBe(code);
        expect(result.error.message).toMatch(message);
        expect(result.error.part).toBe(part);
      };
      it('header (a member added: the AAD changes)', async () => {
        // The token's own header (with the epk, p2s, iv or tag jose wrote), one member added.
        const own = jose.decodeProtectedHeader(token);
        const header = jose.base64url.encode(JSON.stringify({ ...own, kid: 'x' }));
        await expectFailure(
          tamper(token, 0, () => header),
          'ERR_JWE_TAG_MISMATCH',
          /The key opened the encrypted key, so it is right; but the protected header \(it is the additional authenticated data\), the IV, the ciphertext or the tag was changed\.$/,
        );
      });
      it('encrypted key', async () => {
        await expectFailure(
          tamper(token, 1, flip),
          'ERR_JWE_KEY_UNWRAP',
          /^Step 1, key management, failed: the encrypted key does not open with this key\. Either this is not the key/,
          'encrypted_key',
        );
      });
      it('IV', async () => {
        await expectFailure(
          tamper(token, 2, flip),
          'ERR_JWE_TAG_MISMATCH',
          /^Step 2, content decryption \(.*\), failed: the authentication tag does not match/,
        );
      });
      it('IV cut short', async () => {
        await expectFailure(
          tamper(token, 2, (s) => s.slice(0, 8)),
          'ERR_JWE_PART',
          /The IV \(initialization vector\) has the wrong length/,
          'iv',
        );
      });
      it('ciphertext', async () => {
        await expectFailure(
          tamper(token, 3, flip),
          'ERR_JWE_TAG_MISMATCH',
          /authentication tag does not match/,
        );
      });
      it('tag', async () => {
        await expectFailure(
          tamper(token, 4, flip),
          'ERR_JWE_TAG_MISMATCH',
          /authentication tag does not match/,
        );
      });
      it('tag cut short', async () => {
        await expectFailure(
          tamper(token, 4, (s) => s.slice(0, 10)),
          'ERR_JWE_PART',
          /The authentication tag has the wrong length/,
          'tag',
        );
      });
    });
  }

  it('dir: a non-empty encrypted key is named', async () => {
    const key = octJwk(16);
    const built = await encryptJwe({
      headerText: '{"alg":"dir","enc":"A128GCM"}',
      payloadText: PAYLOAD,
      keyText: key,
      secretEncoding: 'utf8',
    });
    if (!built.ok) throw built.error;
    const result = await decryptJwe(jwe(tamper(built.value.token, 1, () => 'AAAA')), key, opts);
    expect(!result.ok && result.error.part).toBe('encrypted_key');
    expect(!result.ok && result.error.message).toMatch(/it must be empty/);
  });

  it('the wrong key, for AES-KW, fails at the key step', async () => {
    const built = await encryptJwe({
      headerText: '{"alg":"A256KW","enc":"A256GCM"}',
      payloadText: PAYLOAD,
      keyText: octJwk(32),
      secretEncoding: 'utf8',
    });
    if (!built.ok) throw built.error;
    const result = await decryptJwe(jwe(built.value.token), octJwk(32), opts);
    expect(!result.ok && result.error.code).toBe('ERR_JWE_KEY_UNWRAP');
  });
});

describe('zip: DEF and nested JWTs', () => {
  it('inflates compressed content, with a note', async () => {
    const key = new Uint8Array(16).fill(7);
    const token = await new jose.CompactEncrypt(new TextEncoder().encode(PAYLOAD))
      .setProtectedHeader({ alg: 'dir', enc: 'A128GCM', zip: 'DEF' })
      .encrypt(key);
    const result = await decryptJwe(
      jwe(token),
      JSON.stringify({ kty: 'oct', k: jose.base64url.encode(key) }),
      opts,
    );
    expect(result.ok && new TextDecoder().decode(result.value.plaintext)).toBe(PAYLOAD);
    expect(result.ok && result.value.notes[0]).toMatch(
      /compressed \("zip": "DEF"\) and inflated to 40 bytes/,
    );
  });

  it('refuses a decompression bomb', async () => {
    const key = new Uint8Array(16).fill(7);
    const token = await new jose.CompactEncrypt(new TextEncoder().encode('a'.repeat(2_000_000)))
      .setProtectedHeader({ alg: 'dir', enc: 'A128GCM', zip: 'DEF' })
      .encrypt(key);
    const result = await decryptJwe(
      jwe(token),
      JSON.stringify({ kty: 'oct', k: jose.base64url.encode(key) }),
      opts,
    );
    expect(!result.ok && result.error.code).toBe('ERR_JWE_INFLATE');
    expect(!result.ok && result.error.message).toMatch(/inflates to more than 1,000,000 bytes/);
  });

  it('signs then encrypts, and opens both layers with their own verdicts', async () => {
    const resolver = new KeyResolver();
    const secret = 'inner-secret-0123456789abcdef0123456789abcdef';
    const built = await encryptJwe({
      headerText: '{"alg":"ECDH-ES+A256KW","enc":"A256GCM"}',
      payloadText: '{"sub":"bob"}',
      keyText: keys['P-384']!,
      secretEncoding: 'utf8',
      sign: { keyText: secret, resolver },
    });
    if (!built.ok) throw built.error;
    const decoded = jwe(built.value.token);
    expect(decoded.header.cty).toBe('JWT');
    const view = await openJwe(decoded, {
      keyText: keys['P-384']!,
      innerKeyText: secret,
      secretEncoding: 'utf8',
      resolver,
    });
    expect(view.status).toBe('decrypted');
    expect(view.inner?.verdict.status).toBe('verified');
    expect(view.claims).toEqual({ sub: 'bob' });
    const wrong = await openJwe(decoded, {
      keyText: keys['P-384']!,
      innerKeyText: 'another-secret-0123456789abcdef0123456789',
      secretEncoding: 'utf8',
      resolver,
    });
    expect(wrong.inner?.verdict.status).toBe('invalid');
    const noKey = await openJwe(decoded, {
      keyText: '',
      innerKeyText: secret,
      secretEncoding: 'utf8',
      resolver,
    });
    expect(noKey.status).toBe('needs-key');
    expect(noKey.inner).toBeUndefined();
  });
});
