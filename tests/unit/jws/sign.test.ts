/**
 * Signing as the page does it (prepareSigningInput → KeyResolver.resolve for
 * 'sign' → signWith), for every algorithm and every private key form, checked
 * by two independent libraries: jose's compactVerify and jsonwebtoken.
 */
import { compactVerify, type CompactVerifyResult } from 'jose';
import jsonwebtoken from 'jsonwebtoken';
import { verify as nodeVerify, type KeyObject } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  algorithmOf,
  decodeToken,
  jwsAlgorithm,
  JWS_ALGORITHMS,
  KeyResolver,
  prepareSigningInput,
  signWith,
  SIGNING_ALGORITHMS,
  verifyWith,
  type DecodedJws,
  type ErrorCode,
  type KeySelection,
  type Result,
} from '../../../src/lib';
import { keyOf, type KeyKind, type KeyTexts } from '../helpers/keys';

const HMAC_SECRET = 'a-string-secret-at-least-512-bits-long-for-hs512-xxxxxxxxxxxxxxxxxx';
const HEADER = (alg: string) =>
  `{\n  "alg": "${alg}",\n  "typ": "JWT",\n  "kid": "key-1",\n  "x-custom": { "list": [1, 2.50, "three"] },\n  "big": 123456789012345678901234567890\n}`;
const PAYLOAD =
  '{\n  "sub": "1234567890",\n  "name": "Jöhn Dœ",\n  "admin": true,\n  "amount": 12345678901234567890123,\n  "ratio": 1.50,\n  "iat": 1700000000\n}';
/** What the signed parts must hold: the typed JSON without its white space, nothing else changed. */
const minified = (text: string) =>
  text === PAYLOAD
    ? '{"sub":"1234567890","name":"Jöhn Dœ","admin":true,"amount":12345678901234567890123,"ratio":1.50,"iat":1700000000}'
    : `{"alg":"${(JSON.parse(text) as { alg: string }).alg}","typ":"JWT","kid":"key-1","x-custom":{"list":[1,2.50,"three"]},"big":123456789012345678901234567890}`;

const keys = {} as Record<KeyKind, KeyTexts>;
beforeAll(async () => {
  for (const kind of ['rsa', 'p256', 'p384', 'p521', 'secp256k1', 'ed25519', 'ed448'] as const)
    keys[kind] = await keyOf(kind);
});

/** The private key forms a person can sign with, per algorithm family. */
const FORMS: Record<string, string[]> = {
  HMAC: ['secret', 'oct JWK'],
  RSA: ['PKCS#8', 'PKCS#1', 'private JWK'],
  'RSA-PSS': ['PKCS#8', 'PKCS#1', 'private JWK'],
  ECDSA: ['PKCS#8', 'SEC1', 'private JWK'],
  EdDSA: ['PKCS#8', 'private JWK'],
};

const KIND_FOR: Record<string, KeyKind> = {
  ES256: 'p256',
  ES384: 'p384',
  ES512: 'p521',
  ES256K: 'secp256k1',
  EdDSA: 'ed25519',
  Ed448: 'ed448',
};

/** The private key texts a person can sign `alg` with, and the public key to check the result. */
function signingKeys(alg: string): {
  forms: [string, string][];
  verifyKey: KeyObject | Uint8Array;
  pem?: string;
} {
  if (alg.startsWith('HS')) {
    const k = Buffer.from(HMAC_SECRET).toString('base64url');
    return {
      forms: [
        ['secret', HMAC_SECRET],
        ['oct JWK', JSON.stringify({ kty: 'oct', k })],
      ],
      verifyKey: new TextEncoder().encode(HMAC_SECRET),
    };
  }
  const texts = keys[KIND_FOR[alg] ?? 'rsa'];
  const forms: [string, string][] = [['PKCS#8', texts.pkcs8]];
  if (texts.pkcs1Private) forms.push(['PKCS#1', texts.pkcs1Private]);
  if (texts.sec1) forms.push(['SEC1', texts.sec1]);
  forms.push(['private JWK', JSON.stringify(texts.privateJwk)]);
  return { forms, verifyKey: texts.publicKey, pem: texts.spki };
}

async function sign(
  headerText: string,
  payloadText: string,
  keyText: string,
  resolver = new KeyResolver(),
): Promise<Result<string>> {
  const input = prepareSigningInput(headerText, payloadText);
  if (!input.ok) return input;
  const found = algorithmOf(input.value.alg);
  const algorithm = 'algorithm' in found ? found.algorithm : undefined;
  const selection: Result<KeySelection> = algorithm
    ? await resolver.resolve(keyText, algorithm, 'sign', { secretEncoding: 'utf8' })
    : { ok: true, value: { candidates: [], how: '' } };
  return signWith(input.value, algorithm, selection);
}

async function signed(headerText: string, payloadText: string, keyText: string): Promise<string> {
  const result = await sign(headerText, payloadText, keyText);
  if (!result.ok) throw new Error(`expected to sign: ${result.error.message}`);
  return result.value;
}

const text = (part: string) => Buffer.from(part, 'base64url').toString('utf8');

describe('the algorithms signed below', () => {
  // Ed25519 and ESP256 … (RFC 9864) are EdDSA's and ES256's key and signature under a
  // second name: the synonyms are signed in their own tests.
  const synonyms = ['Ed25519', 'ESP256', 'ESP384', 'ESP512'];
  const verified = JWS_ALGORITHMS.map((a) => a.alg).filter(
    (alg) => 'algorithm' in algorithmOf(alg) && !synonyms.includes(alg),
  );

  const leftOut = ['none'];

  it('are every algorithm the page verifies in a browser', () => {
    expect([...SIGNING_ALGORITHMS].sort()).toEqual([...verified].sort());
    // Every registered algorithm is signed below, or named here with why not.
    expect([...verified, ...synonyms, ...leftOut].sort()).toEqual(
      JWS_ALGORITHMS.map((a) => a.alg).sort(),
    );
  });

  it.each([
    ['ESP256', 'p256'],
    ['ESP384', 'p384'],
    ['ESP512', 'p521'],
  ] as const)('sign %s as ES*: the same key, checked by node:crypto', async (alg, kind) => {
    const token = await signed(`{"alg":"${alg}"}`, '{}', keys[kind].pkcs8);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    expect(JSON.parse(text(header))).toEqual({ alg });
    const hash = `sha${alg.slice(3)}`;
    const key = { key: keys[kind].publicKey, dsaEncoding: 'ieee-p1363' as const };
    const input = Buffer.from(`${header}.${payload}`);
    expect(nodeVerify(hash, input, key, Buffer.from(signature, 'base64url'))).toBe(true);
  });

  it('sign Ed25519 as EdDSA: the same key, verified by jose under either name', async () => {
    const token = await signed('{"alg":"Ed25519"}', '{}', keys.ed25519.pkcs8);
    const result = await compactVerify(token, keys.ed25519.publicKey, { algorithms: ['Ed25519'] });
    expect(result.protectedHeader.alg).toBe('Ed25519');
  });

  it.each(leftOut)('leave out %s, which no key signs here', async (alg) => {
    const result = await sign(`{"alg":"${alg}"}`, '{}', HMAC_SECRET);
    if (alg === 'none') expect(result.ok && result.value.endsWith('.')).toBe(true);
    else expect(result.ok ? '' : result.error.message).toContain(`Cannot sign with "${alg}"`);
  });
});

// Node 20 has no ML-DSA, and jsonwebtoken none at all: ML-DSA signing is checked
// in Chromium against jose running in the page (tests/e2e/ml-dsa.spec.ts).
const NODE_SIGNS = SIGNING_ALGORITHMS.filter((alg) => jwsAlgorithm(alg)!.family !== 'ML-DSA');

describe.each(NODE_SIGNS)('%s', (alg) => {
  it.each(FORMS[jwsAlgorithm(alg)!.family]!)('with a %s key', async (form) => {
    const { forms, verifyKey, pem } = signingKeys(alg);
    const keyText = forms.find(([name]) => name === form)![1];
    const token = await signed(HEADER(alg), PAYLOAD, keyText);
    const [header, payload] = token.split('.') as [string, string, string];

    // The header and payload are signed exactly as typed, minus white space.
    expect(text(header)).toBe(minified(HEADER(alg)));
    expect(text(payload)).toBe(minified(PAYLOAD));
    expect(text(header)).toContain('"big":123456789012345678901234567890');
    expect(text(payload)).toContain('"amount":12345678901234567890123,"ratio":1.50');

    if (jwsAlgorithm(alg)!.noble) {
      // jose 6 and jsonwebtoken have neither ES256K nor Ed448: node:crypto (OpenSSL) agrees.
      const input = Buffer.from(token.slice(0, token.lastIndexOf('.')));
      const signature = Buffer.from(token.split('.')[2]!, 'base64url');
      const key = { key: verifyKey as KeyObject, dsaEncoding: 'ieee-p1363' as const };
      expect(nodeVerify(alg === 'ES256K' ? 'sha256' : null, input, key, signature)).toBe(true);
    } else {
      // jose agrees.
      const result: CompactVerifyResult = await compactVerify(token, verifyKey, {
        algorithms: [alg],
      });
      expect(result.protectedHeader).toMatchObject({
        alg,
        typ: 'JWT',
        kid: 'key-1',
        'x-custom': { list: [1, 2.5, 'three'] },
      });
      expect(new TextDecoder().decode(result.payload)).toBe(minified(PAYLOAD));
    }

    // jsonwebtoken agrees (it has no EdDSA, ES256K or Ed448).
    if (!['EdDSA', 'ES256K', 'Ed448'].includes(alg)) {
      const claims = jsonwebtoken.verify(token, alg.startsWith('HS') ? HMAC_SECRET : pem!, {
        algorithms: [alg as jsonwebtoken.Algorithm],
      });
      expect(claims).toMatchObject({ sub: '1234567890', name: 'Jöhn Dœ', admin: true });
    }

    // And the page's own verifier, with the private key it was signed with.
    const decoded = decodeToken(token);
    if (!decoded.ok) throw decoded.error;
    const algorithm = jwsAlgorithm(alg)!;
    const selection = await new KeyResolver().resolve(keyText, algorithm, 'verify', {
      secretEncoding: 'utf8',
    });
    expect((await verifyWith(decoded.value as DecodedJws, algorithm, selection)).status).toBe(
      'verified',
    );
  });
});

describe('signed output', () => {
  it('keeps duplicate members and member order as typed', async () => {
    const token = await signed(
      '{"kid":"a","alg":"HS256","kid":"b"}',
      '{"z":1,"a":2,"z":3}',
      HMAC_SECRET,
    );
    const [header, payload] = token.split('.') as [string, string, string];
    expect(text(header)).toBe('{"kid":"a","alg":"HS256","kid":"b"}');
    expect(text(payload)).toBe('{"z":1,"a":2,"z":3}');
    const decoded = decodeToken(token);
    expect(decoded.ok && decoded.value.headerScan.duplicates.map((m) => m.name)).toEqual(['kid']);
  });

  it('adds nothing to the header', async () => {
    const token = await signed('{"alg":"ES256"}', '{}', keys.p256.pkcs8);
    expect(text(token.split('.')[0]!)).toBe('{"alg":"ES256"}');
  });

  it('gives an ECDSA signature in the raw r‖s form', async () => {
    for (const [alg, bytes] of [
      ['ES256', 64],
      ['ES384', 96],
      ['ES512', 132],
    ] as const) {
      const { forms } = signingKeys(alg);
      const token = await signed(`{"alg":"${alg}"}`, '{}', forms[0]![1]);
      expect(Buffer.from(token.split('.')[2]!, 'base64url')).toHaveLength(bytes);
    }
  });

  it.each(['none', 'None', 'NONE'])(
    'alg %j yields header.payload. with no signature, whatever the key',
    async (alg) => {
      const header = `{"alg":"${alg}"}`;
      const expected = `${Buffer.from(header).toString('base64url')}.${Buffer.from('{"sub":"a"}').toString('base64url')}.`;
      expect(await signed(header, '{ "sub": "a" }', '')).toBe(expected);
      const input = prepareSigningInput(header, '{"sub":"a"}');
      if (!input.ok) throw input.error;
      const refused = { ok: false, error: new Error() } as unknown as Result<KeySelection>;
      expect(await signWith(input.value, undefined, refused)).toEqual({
        ok: true,
        value: expected,
      });
    },
  );
});

describe('signing failures', () => {
  const cases: {
    name: string;
    header: string;
    payload?: string;
    key?: () => string;
    code: ErrorCode;
    message: string;
    from?: number;
    part?: string;
  }[] = [
    {
      name: 'a header that is not JSON',
      header: '{"alg":"HS256",}',
      code: 'ERR_JSON_EDIT',
      message:
        "The header is not valid JSON: expected a member name in double quotes, found '}' at line 1, column 16.",
      from: 15,
      part: 'header',
    },
    {
      name: 'a payload that is not JSON',
      header: '{"alg":"HS256"}',
      payload: '{\n  "sub": "a"\n  "iat": 1\n}',
      code: 'ERR_JSON_EDIT',
      message:
        "The payload is not valid JSON: expected ',' or '}', found '\"' at line 3, column 3.",
      from: 17,
      part: 'payload',
    },
    {
      name: 'a payload with a lone surrogate (UTF-8 cannot encode it)',
      header: '{"alg":"HS256"}',
      payload: '{\n  "sub": "a\uD800b"\n}',
      code: 'ERR_JSON_EDIT',
      message:
        'The payload holds a lone surrogate (U+D800) at line 2, column 12: it is half of a character, and UTF-8 cannot encode it (it would be signed as U+FFFD, not what the editor shows). Remove it, or write the escape \\ud800 if you mean it.',
      from: 13,
      part: 'payload',
    },
    {
      name: 'a header with a lone low surrogate',
      header: '{"alg":"HS256","x":"\uDC00"}',
      code: 'ERR_JSON_EDIT',
      message:
        'The header holds a lone surrogate (U+DC00) at line 1, column 21: it is half of a character, and UTF-8 cannot encode it (it would be signed as U+FFFD, not what the editor shows). Remove it, or write the escape \\udc00 if you mean it.',
      from: 20,
      part: 'header',
    },
    {
      name: 'a header that is an array',
      header: '[{"alg":"HS256"}]',
      code: 'ERR_JSON_EDIT',
      message: 'The header must be a JSON object { … }.',
      part: 'header',
    },
    {
      name: 'a payload that is a string',
      header: '{"alg":"HS256"}',
      payload: '"claims"',
      code: 'ERR_JSON_EDIT',
      message: 'The payload must be a JSON object { … }.',
      part: 'payload',
    },
    {
      name: 'a header without alg',
      header: '{"typ":"JWT"}',
      code: 'ERR_JSON_EDIT',
      message: 'The header needs "alg" as a string to say how to sign the token.',
    },
    {
      name: 'alg not a string',
      header: '{"alg":256}',
      code: 'ERR_JSON_EDIT',
      message: 'The header needs "alg" as a string',
    },
    {
      name: 'an unknown alg',
      header: '{"alg":"HS257"}',
      code: 'ERR_ALG_UNKNOWN',
      message: 'Cannot sign with "HS257": not an algorithm this browser can sign with.',
    },
    {
      name: 'an Ed448 alg with an Ed25519 key',
      header: '{"alg":"Ed448"}',
      key: () => keys.ed25519.pkcs8,
      code: 'ERR_KEY_CURVE_MISMATCH',
      message: 'Ed448 needs a key on Ed448, but this is an Ed25519 key.',
    },
    {
      name: 'no key',
      header: '{"alg":"HS256"}',
      key: () => '',
      code: 'ERR_KEY_EMPTY',
      message: 'Paste a key to sign with.',
    },
    {
      name: 'a public key',
      header: '{"alg":"RS256"}',
      key: () => keys.rsa.spki,
      code: 'ERR_KEY_NOT_PRIVATE',
      message: 'This is a public key: it can verify RS256 tokens but not sign them.',
    },
    {
      name: 'a public JWK',
      header: '{"alg":"ES256"}',
      key: () => JSON.stringify(keys.p256.publicJwk),
      code: 'ERR_KEY_NOT_PRIVATE',
      message: 'This is a public key',
    },
    {
      name: 'a key of the wrong curve',
      header: '{"alg":"ES256"}',
      key: () => keys.p384.pkcs8,
      code: 'ERR_KEY_CURVE_MISMATCH',
      message: 'ES256 needs a key on P-256',
    },
    {
      name: 'a private key as an HMAC secret',
      header: '{"alg":"HS256"}',
      key: () => keys.rsa.pkcs8,
      code: 'ERR_KEY_PUBLIC_AS_SECRET',
      message: 'HS256 needs a shared secret',
    },
    {
      name: 'a secret for RS256',
      header: '{"alg":"RS256"}',
      key: () => HMAC_SECRET,
      code: 'ERR_KEY_SECRET_FOR_ASYMMETRIC',
      message: 'RS256 needs an RSA key',
    },
  ];

  it.each(cases)('$name → $code', async ({ header, payload, key, code, message, from, part }) => {
    const result = await sign(header, payload ?? '{"sub":"a"}', key ? key() : HMAC_SECRET);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message).toContain(message);
    if (from !== undefined) {
      expect(result.error.from).toBe(from);
      expect(result.error.to).toBe(from + 1);
    }
    if (part) expect(result.error.part).toBe(part);
  });

  it('a selection with no candidates', async () => {
    const input = prepareSigningInput('{"alg":"HS256"}', '{}');
    if (!input.ok) throw input.error;
    const result = await signWith(input.value, jwsAlgorithm('HS256'), {
      ok: true,
      value: { candidates: [], how: '' },
    });
    expect(!result.ok && [result.error.code, result.error.message]).toEqual([
      'ERR_KEY_EMPTY',
      'Paste a key to sign with.',
    ]);
  });
});

describe('characters beyond the BMP', () => {
  it('signs a surrogate pair (an emoji) as its one UTF-8 character', () => {
    const input = prepareSigningInput('{"alg":"none"}', '{"e":"\u{1F600}"}');
    expect(input.ok).toBe(true);
    const payload = input.ok ? input.value.signingInput.split('.')[1]! : '';
    expect(Buffer.from(payload, 'base64url')).toEqual(Buffer.from('{"e":"😀"}', 'utf8'));
  });
});
