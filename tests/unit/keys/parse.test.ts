/**
 * parseKey: what the key box holds, told from the text alone. Every form a
 * person pastes, made with node:crypto (and jose's exportJWK), plus the
 * failures with their codes and messages.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { exportJWK, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  parseKey,
  publicJwk,
  readJwk,
  type ErrorCode,
  type KeyFacts,
  type ParsedKey,
} from '../../../src/lib';
import { EC_CERT, keyOf, RSA_CERT, sshRsaLine, type KeyKind, type KeyTexts } from '../helpers/keys';

const keys = {} as Record<KeyKind, KeyTexts>;
beforeAll(async () => {
  for (const kind of [
    'rsa',
    'rsa1024',
    'p256',
    'p384',
    'p521',
    'secp256k1',
    'ed25519',
    'ed448',
    'x25519',
  ] as const)
    keys[kind] = await keyOf(kind);
});

function parsed(text: string): ParsedKey {
  const result = parseKey(text);
  if (!result.ok) throw new Error(`expected the key to parse: ${result.error.message}`);
  return result.value;
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

describe('parseKey recognises', () => {
  it('nothing', () => {
    expect(parsed('')).toEqual({ kind: 'empty' });
    expect(parsed(' \n\t')).toEqual({ kind: 'empty' });
  });

  it('an HMAC secret, kept exactly as typed', () => {
    expect(parsed('your-256-bit-secret')).toEqual({ kind: 'secret', text: 'your-256-bit-secret' });
    expect(parsed(' with spaces \n')).toEqual({ kind: 'secret', text: ' with spaces \n' });
    expect(parsed('a{b}')).toEqual({ kind: 'secret', text: 'a{b}' });
  });

  type PemCase = [name: string, text: () => string, label: string, form: string, facts: KeyFacts];
  const pemCases: PemCase[] = [
    [
      'an RSA SPKI public key',
      () => keys.rsa.spki,
      'PUBLIC KEY',
      'spki',
      { kty: 'RSA', bits: 2048, isPrivate: false },
    ],
    [
      'an RSA PKCS#1 public key',
      () => keys.rsa.pkcs1Public!,
      'RSA PUBLIC KEY',
      'pkcs1-public',
      { kty: 'RSA', bits: 2048, isPrivate: false },
    ],
    [
      'an RSA PKCS#8 private key',
      () => keys.rsa.pkcs8,
      'PRIVATE KEY',
      'pkcs8',
      { kty: 'RSA', bits: 2048, isPrivate: true },
    ],
    [
      'an RSA PKCS#1 private key',
      () => keys.rsa.pkcs1Private!,
      'RSA PRIVATE KEY',
      'pkcs1-private',
      { kty: 'RSA', bits: 2048, isPrivate: true },
    ],
    [
      'a 1024-bit RSA key',
      () => keys.rsa1024.spki,
      'PUBLIC KEY',
      'spki',
      { kty: 'RSA', bits: 1024, isPrivate: false },
    ],
    [
      'a P-256 SPKI public key',
      () => keys.p256.spki,
      'PUBLIC KEY',
      'spki',
      { kty: 'EC', crv: 'P-256', isPrivate: false },
    ],
    [
      'a P-384 SPKI public key',
      () => keys.p384.spki,
      'PUBLIC KEY',
      'spki',
      { kty: 'EC', crv: 'P-384', isPrivate: false },
    ],
    [
      'a P-521 SPKI public key',
      () => keys.p521.spki,
      'PUBLIC KEY',
      'spki',
      { kty: 'EC', crv: 'P-521', isPrivate: false },
    ],
    [
      'a secp256k1 SPKI public key',
      () => keys.secp256k1.spki,
      'PUBLIC KEY',
      'spki',
      { kty: 'EC', crv: 'secp256k1', isPrivate: false },
    ],
    [
      'a P-256 SEC1 private key',
      () => keys.p256.sec1!,
      'EC PRIVATE KEY',
      'sec1',
      { kty: 'EC', crv: 'P-256', isPrivate: true },
    ],
    [
      'a P-521 SEC1 private key',
      () => keys.p521.sec1!,
      'EC PRIVATE KEY',
      'sec1',
      { kty: 'EC', crv: 'P-521', isPrivate: true },
    ],
    [
      'a P-384 PKCS#8 private key',
      () => keys.p384.pkcs8,
      'PRIVATE KEY',
      'pkcs8',
      { kty: 'EC', crv: 'P-384', isPrivate: true },
    ],
    [
      'an Ed25519 SPKI public key',
      () => keys.ed25519.spki,
      'PUBLIC KEY',
      'spki',
      { kty: 'OKP', crv: 'Ed25519', isPrivate: false },
    ],
    [
      'an Ed25519 PKCS#8 private key',
      () => keys.ed25519.pkcs8,
      'PRIVATE KEY',
      'pkcs8',
      { kty: 'OKP', crv: 'Ed25519', isPrivate: true },
    ],
    [
      'an Ed448 public key',
      () => keys.ed448.spki,
      'PUBLIC KEY',
      'spki',
      { kty: 'OKP', crv: 'Ed448', isPrivate: false },
    ],
    [
      'an X25519 public key',
      () => keys.x25519.spki,
      'PUBLIC KEY',
      'spki',
      { kty: 'OKP', crv: 'X25519', isPrivate: false },
    ],
    [
      'an RSA X.509 certificate',
      () => RSA_CERT.cert,
      'CERTIFICATE',
      'x509',
      { kty: 'RSA', bits: 2048, isPrivate: false },
    ],
    [
      'a P-256 X.509 certificate',
      () => EC_CERT.cert,
      'CERTIFICATE',
      'x509',
      { kty: 'EC', crv: 'P-256', isPrivate: false },
    ],
    [
      'a PEM with text around it and CRLF line ends',
      () => `My key:\r\n${keys.p256.spki.replace(/\n/g, '\r\n')}thanks`,
      'PUBLIC KEY',
      'spki',
      { kty: 'EC', crv: 'P-256', isPrivate: false },
    ],
    [
      'a PEM pasted from JSON, with literal \\n',
      () => keys.ed25519.spki.replace(/\n/g, '\\n'),
      'PUBLIC KEY',
      'spki',
      { kty: 'OKP', crv: 'Ed25519', isPrivate: false },
    ],
  ];

  it.each(pemCases)('%s', (_name, text, label, form, facts) => {
    const key = parsed(text());
    expect(key).toMatchObject({ kind: 'pem', label, form });
    if (key.kind === 'pem') {
      expect(key.facts).toEqual(facts);
      expect(key.der.length).toBeGreaterThan(30);
    }
  });

  it('the key inside a certificate is the certificate holder’s (public) key', () => {
    const key = parsed(RSA_CERT.cert);
    const own = parsed(RSA_CERT.key);
    expect(own).toMatchObject({
      kind: 'pem',
      form: 'pkcs8',
      facts: { kty: 'RSA', bits: 2048, isPrivate: true },
    });
    expect(key.kind === 'pem' && key.facts.isPrivate).toBe(false);
  });

  it('an OpenSSH public key line', () => {
    expect(parsed(sshRsaLine(keys.rsa.publicKey))).toEqual({ kind: 'ssh', type: 'ssh-rsa' });
    const raw = Buffer.from(keys.ed25519.publicJwk.x!, 'base64url');
    const field = (b: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, b.length]), b]);
    const blob = Buffer.concat([field(Buffer.from('ssh-ed25519')), field(raw)]).toString('base64');
    expect(parsed(`ssh-ed25519 ${blob} me@host\n`)).toEqual({ kind: 'ssh', type: 'ssh-ed25519' });
    expect(parsed(`ecdsa-sha2-nistp256 ${blob}`)).toEqual({
      kind: 'ssh',
      type: 'ecdsa-sha2-nistp256',
    });
  });

  type JwkCase = [name: string, jwk: () => JWK, facts: KeyFacts];
  const jwkCases: JwkCase[] = [
    ['a public RSA JWK', () => keys.rsa.publicJwk, { kty: 'RSA', bits: 2048, isPrivate: false }],
    ['a private RSA JWK', () => keys.rsa.privateJwk, { kty: 'RSA', bits: 2048, isPrivate: true }],
    [
      'a public P-256 JWK',
      () => keys.p256.publicJwk,
      { kty: 'EC', crv: 'P-256', isPrivate: false },
    ],
    [
      'a private P-384 JWK',
      () => keys.p384.privateJwk,
      { kty: 'EC', crv: 'P-384', isPrivate: true },
    ],
    [
      'a public P-521 JWK',
      () => keys.p521.publicJwk,
      { kty: 'EC', crv: 'P-521', isPrivate: false },
    ],
    [
      'a public Ed25519 JWK',
      () => keys.ed25519.publicJwk,
      { kty: 'OKP', crv: 'Ed25519', isPrivate: false },
    ],
    [
      'a private Ed25519 JWK',
      () => keys.ed25519.privateJwk,
      { kty: 'OKP', crv: 'Ed25519', isPrivate: true },
    ],
    ['an X25519 JWK', () => keys.x25519.publicJwk, { kty: 'OKP', crv: 'X25519', isPrivate: false }],
    [
      'an oct JWK (a secret)',
      () => ({ kty: 'oct', k: Buffer.alloc(32, 7).toString('base64url') }),
      { kty: 'oct', bits: 256, isPrivate: true },
    ],
    [
      'a JWK that declares kid, alg, use and key_ops',
      () => ({ ...keys.rsa.publicJwk, kid: 'k1', alg: 'RS256', use: 'sig', key_ops: ['verify'] }),
      {
        kty: 'RSA',
        bits: 2048,
        isPrivate: false,
        kid: 'k1',
        alg: 'RS256',
        use: 'sig',
        keyOps: ['verify'],
      },
    ],
    [
      'an RSA JWK whose n has a leading zero byte (bits counted exactly)',
      () => ({
        ...keys.rsa.publicJwk,
        n: Buffer.concat([Buffer.of(0), Buffer.from(keys.rsa.publicJwk.n!, 'base64url')]).toString(
          'base64url',
        ),
      }),
      { kty: 'RSA', bits: 2048, isPrivate: false },
    ],
  ];

  it.each(jwkCases)('%s', (_name, jwk, facts) => {
    const key = parsed(`\n${json(jwk())}\n`);
    expect(key.kind).toBe('jwk');
    if (key.kind !== 'jwk') return;
    expect(key.facts).toEqual(facts);
    expect(key.notes).toEqual([]);
    expect(key.jwk).toEqual(jwk());
  });

  it('a JWKS, keeping entries that can be read and saying why others cannot', () => {
    const text = json({
      keys: [
        { ...keys.rsa.publicJwk, kid: 'rsa' },
        { kty: 'EC', crv: 'P-256' },
        { ...keys.p256.publicJwk, kid: 'ec' },
        'not a key',
      ],
    });
    const key = parsed(text);
    expect(key.kind).toBe('jwks');
    if (key.kind !== 'jwks') return;
    expect(key.keys.map((k) => [k.facts.kty, k.facts.kid])).toEqual([
      ['RSA', 'rsa'],
      ['EC', 'ec'],
    ]);
    expect(key.skipped).toEqual([
      { index: 1, reason: 'This EC JWK lacks "x" and "y" (RFC 7518 §6).' },
      { index: 3, reason: 'A JWK must be a JSON object.' },
    ]);
  });
});

describe('parseKey failures', () => {
  const encrypted = readFileSync(
    new URL('../../vectors/keys/encrypted-pkcs8.pem', import.meta.url),
    'utf8',
  );
  const dsa = () =>
    String(
      generateKeyPairSync('dsa', { modulusLength: 1024, divisorLength: 160 }).publicKey.export({
        type: 'spki',
        format: 'pem',
      }),
    );

  const cases: {
    name: string;
    text: () => string;
    code: ErrorCode;
    message: string;
    from?: number;
  }[] = [
    {
      name: 'broken JSON',
      text: () => '{"kty": }',
      code: 'ERR_KEY_JSON',
      message:
        "The key looks like JSON but is not valid: expected a value, found '}' at line 1, column 9.",
      from: 8,
    },
    {
      name: 'broken JSON on line 3',
      text: () => '{\n  "kty": "EC",\n  "crv" "P-256"\n}',
      code: 'ERR_KEY_JSON',
      message: "expected ':' after the member name, found '\"' at line 3, column 9.",
      from: 25,
    },
    {
      name: 'JSON without kty',
      text: () => '{"n":"AQAB"}',
      code: 'ERR_KEY_JWK',
      message: 'This JSON has no "kty", so it is not a JWK (a JWKS has a "keys" array instead).',
    },
    {
      name: 'an unknown kty',
      text: () => '{"kty":"DSA"}',
      code: 'ERR_KEY_JWK',
      message: '"kty": "DSA" is not a key type this app knows (oct, RSA, EC, OKP, AKP).',
    },
    {
      name: 'a kty that is not a string',
      text: () => '{"kty":1}',
      code: 'ERR_KEY_JWK',
      message: '"kty": 1 is not a key type',
    },
    {
      name: 'an oct JWK without k',
      text: () => '{"kty":"oct"}',
      code: 'ERR_KEY_JWK',
      message: 'This oct JWK lacks "k" (RFC 7518 §6).',
    },
    {
      name: 'an RSA JWK without e',
      text: () => '{"kty":"RSA","n":"AQAB"}',
      code: 'ERR_KEY_JWK',
      message: 'This RSA JWK lacks "e" (RFC 7518 §6).',
    },
    {
      name: 'an EC JWK without x and y',
      text: () => '{"kty":"EC","crv":"P-256"}',
      code: 'ERR_KEY_JWK',
      message: 'This EC JWK lacks "x" and "y"',
    },
    {
      name: 'an OKP JWK without crv and x',
      text: () => '{"kty":"OKP"}',
      code: 'ERR_KEY_JWK',
      message: 'This OKP JWK lacks "crv" and "x"',
    },
    {
      name: 'a member that is not a string',
      text: () => '{"kty":"RSA","n":5,"e":"AQAB"}',
      code: 'ERR_KEY_JWK',
      message: 'lacks "n"',
    },
    {
      name: 'an empty JWKS',
      text: () => '{"keys":[]}',
      code: 'ERR_KEY_JWKS_EMPTY',
      message: 'This JWKS has an empty "keys" array: there is nothing to verify with.',
    },
    {
      name: 'a JWKS with no usable entry',
      text: () => '{"keys":[{"kty":"oct"},5]}',
      code: 'ERR_KEY_JWKS_EMPTY',
      message:
        'None of the 2 entries in this JWKS is a usable JWK: This oct JWK lacks "k" (RFC 7518 §6).',
    },
    {
      name: 'keys that is not an array',
      text: () => '{"keys":{"kty":"oct"}}',
      code: 'ERR_KEY_JWK',
      message: 'A JWKS needs "keys" to be an array of JWKs.',
    },
    {
      name: 'a passphrase-protected key',
      text: () => encrypted,
      code: 'ERR_KEY_PEM_UNSUPPORTED',
      message: 'encrypted with a passphrase',
    },
    {
      name: 'a DSA key',
      text: dsa,
      code: 'ERR_KEY_PEM_UNSUPPORTED',
      message: '1.2.840.10040.4.1 (DSA) is not one this page can use',
    },
    {
      name: 'a PEM without its END line',
      text: () => keys.rsa.spki.replace(/-----END[^]*/, ''),
      code: 'ERR_KEY_PEM',
      message: 'has no matching END line',
    },
    {
      name: 'a PEM with a bad character',
      text: () => '-----BEGIN PUBLIC KEY-----\nMFkw*EwYH\n-----END PUBLIC KEY-----',
      code: 'ERR_KEY_PEM',
      message: 'The PEM body is not base64 at character 32: "*" is not a base64 character.',
      from: 31,
    },
  ];

  it.each(cases)('$name → $code', ({ text, code, message, from }) => {
    const result = parseKey(text());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message).toContain(message);
    if (from !== undefined) expect(result.error.from).toBe(from);
  });
});

describe('readJwk repairs', () => {
  /** A key of `namedCurve` whose public x starts with a zero byte. */
  async function ecKeyWithLeadingZero(namedCurve: 'P-256' | 'P-521') {
    for (;;) {
      const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve });
      const jwk = await exportJWK(privateKey);
      if (Buffer.from(jwk.x!, 'base64url')[0] === 0) return { jwk, publicKey };
    }
  }
  const strip = (v: string) => {
    const bytes = Buffer.from(v, 'base64url');
    let i = 0;
    while (bytes[i] === 0) i++;
    return bytes.subarray(i).toString('base64url');
  };

  it('pads an EC x that lost its leading zero byte, with a note', async () => {
    const { jwk } = await ecKeyWithLeadingZero('P-256');
    const short = { kty: 'EC', crv: 'P-256', x: strip(jwk.x!), y: jwk.y };
    const n = Buffer.from(short.x, 'base64url').length;
    expect(n).toBeLessThan(32);
    const result = readJwk(short);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.jwk.x).toBe(jwk.x);
    expect(result.value.jwk.y).toBe(jwk.y);
    expect(result.value.notes).toEqual([
      `"x" was ${n} bytes, shorter than the 32 that P-256 needs: padded with leading zeros.`,
    ]);
  });

  it('pads P-521 coordinates and d (a leading zero byte is common there)', async () => {
    const { jwk } = await ecKeyWithLeadingZero('P-521');
    const result = readJwk({
      ...jwk,
      x: strip(jwk.x!),
      d: Buffer.from(jwk.d!, 'base64url')[0] === 0 ? strip(jwk.d!) : jwk.d,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.jwk).toEqual(jwk);
    expect(result.value.notes[0]).toMatch(
      /^"x" was 6[45] bytes, shorter than the 66 that P-521 needs: padded with leading zeros\.$/,
    );
    expect(result.value.facts).toEqual({ kty: 'EC', crv: 'P-521', isPrivate: true });
  });

  it('leaves full-length coordinates alone', () => {
    const result = readJwk(keys.p384.publicJwk);
    expect(result.ok && result.value.notes).toEqual([]);
  });

  it('does not change the object it was given', () => {
    const jwk = { kty: 'EC', crv: 'P-256', x: 'AQ', y: 'AQ' };
    readJwk(jwk);
    expect(jwk).toEqual({ kty: 'EC', crv: 'P-256', x: 'AQ', y: 'AQ' });
  });

  it.each([null, [], 'x', 5])('refuses %j', (value) => {
    const result = readJwk(value);
    expect(!result.ok && [result.error.code, result.error.message]).toEqual([
      'ERR_KEY_JWK',
      'A JWK must be a JSON object.',
    ]);
  });
});

describe('publicJwk', () => {
  it.each(['rsa', 'p256', 'ed25519'] as const)(
    'removes the private members of a %s JWK',
    (kind) => {
      expect(publicJwk(keys[kind].privateJwk)).toEqual(keys[kind].publicJwk);
    },
  );

  it('keeps kid, alg and use', () => {
    expect(publicJwk({ ...keys.p256.privateJwk, kid: 'a', alg: 'ES256', use: 'sig' })).toEqual({
      ...keys.p256.publicJwk,
      kid: 'a',
      alg: 'ES256',
      use: 'sig',
    });
  });
});

describe('error offsets count in the key text as typed', () => {
  it('for JSON after blank lines', () => {
    const text = '\n\n  {"kty": }';
    const result = parseKey(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toContain('at line 3, column 11.');
    expect(text.slice(result.error.from, result.error.to)).toBe('}');
  });

  it('for a PEM after blank lines', () => {
    const text = '\n  \n-----BEGIN PUBLIC KEY-----\nMFkw*EwYH\n-----END PUBLIC KEY-----\n';
    const result = parseKey(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('ERR_KEY_PEM');
    expect(text.slice(result.error.from, result.error.to)).toBe('*');
  });
});
