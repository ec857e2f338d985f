/**
 * findFindings, one row per finding id: a token (+ key, settings) that fires
 * it and a close one that does not. Signatures come from node:crypto and
 * jsonwebtoken, keys from node:crypto and tests/vectors/keys.
 */
import { SD_JWT_CHECKS } from '../../../src/lib/findings/catalogue-sd-jwt';
import { createHmac, createSign, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { decodeToken, KeyResolver, type SecretEncoding } from '../../../src/lib';
import {
  CHECKS,
  CURVE_ORDERS,
  findFindings,
  loadWeakSecrets,
  SEVERITIES,
  type FindingId,
  type FindingsInput,
} from '../../../src/lib/findings';
import { keyOf, sshRsaLine } from '../helpers/keys';
import { decodeJoseJson } from '../../../src/lib/jws/json-serialization';

const NOW = 1_700_000_000;
const STRONG = 'q8Vt3Zr0Lw6yPn2Xk9Bd4Hs7Jf1Mc5Ga0Ue8Ri3Oy';
const ISS = 'https://issuer.example';
const b64 = (v: string | Buffer) => Buffer.from(v).toString('base64url');
const json = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

const HEADER = { alg: 'HS256', typ: 'JWT' };
const PAYLOAD = { iss: ISS, aud: 'api', sub: 'user-1', iat: NOW - 60, exp: NOW + 3600 };

interface Case {
  header?: object | string;
  payload?: object | string;
  /** Override the signature (base64url). */
  sig?: string;
  key?: string;
  enc?: SecretEncoding;
  leeway?: number;
  /** Wrap or rewrite the compact token. */
  wrap?: (token: string) => string;
  weak?: boolean;
  /** Where the key came from, and the signature's checked status. */
  keyFrom?: 'person' | 'link';
  signature?: string;
  /** The x5c chain's verdict, as the pipeline judged it. */
  chain?: FindingsInput['chain'];
  /** The JSON serialization the token was read from (its first signature is the compact token). */
  json?: object;
}

const p256 = await keyOf('p256');
const p384 = await keyOf('p384');
const rsa = await keyOf('rsa');
const rsa1024 = await keyOf('rsa1024');
const weakSet = await loadWeakSecrets();

/** A compact token, signed for real where the algorithm allows. */
function token(c: Case): string {
  const header = { ...HEADER, ...(typeof c.header === 'object' ? c.header : {}) };
  const h = b64(typeof c.header === 'string' ? c.header : json(header));
  const p = b64(json(c.payload ?? PAYLOAD));
  const input = `${h}.${p}`;
  const alg = typeof c.header === 'string' ? 'HS256' : (header as { alg: string }).alg;
  let sig = '';
  if (c.sig !== undefined) sig = c.sig;
  else if (alg.startsWith('HS'))
    sig = createHmac(`sha${alg.slice(2)}`, c.key ?? STRONG)
      .update(input)
      .digest('base64url');
  else if (alg === 'ES256')
    sig = nodeSign('sha256', Buffer.from(input), {
      key: p256.privateKey,
      dsaEncoding: 'ieee-p1363',
    }).toString('base64url');
  else if (alg === 'RS256')
    sig = createSign('sha256').update(input).sign(rsa.privateKey).toString('base64url');
  const compact = `${input}.${sig}`;
  return c.wrap ? c.wrap(compact) : compact;
}

function run(c: Case) {
  const decoded = decodeToken(token(c));
  if (!decoded.ok) throw new TypeError(decoded.error.message);
  return findFindings({
    decoded: decoded.value,
    keyText: c.key ?? STRONG,
    secretEncoding: c.enc ?? 'utf8',
    now: NOW,
    leeway: c.leeway ?? 0,
    ...(c.weak ? { weakSecrets: weakSet } : {}),
    ...(c.keyFrom ? { keyFrom: c.keyFrom } : {}),
    ...(c.signature ? { signatureStatus: c.signature } : {}),
    ...(c.chain ? { chain: c.chain } : {}),
    ...(c.json ? { json: jsonOf(c.json) } : {}),
  });
}

function jsonOf(object: object) {
  const decoded = decodeJoseJson(JSON.stringify(object));
  if (!decoded.ok) throw new TypeError(decoded.error.message);
  return decoded.value;
}
const FLATTENED = { payload: 'e30', protected: b64(json({ alg: 'HS256' })), signature: 'AA' };

const jwe = (header: object) =>
  `${b64(json({ alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', ...header }))}.${b64('encrypted-key-bytes')}.${b64('twelve-bytes')}.${b64('ciphertext')}.${b64('sixteen-byte-tag')}`;
const pad = (t: string) => {
  const [h, ...rest] = t.split('.');
  return [h + '='.repeat((4 - (h!.length % 4)) % 4), ...rest].join('.');
};
const derSig = (input: string) =>
  nodeSign('sha256', Buffer.from(input), p256.privateKey).toString('base64url');

const DPOP_HEADER = { alg: 'ES256', typ: 'dpop+jwt', jwk: p256.publicJwk };
const DPOP_PAYLOAD = { jti: 'j-1', htm: 'GET', htu: 'https://api.example/r', iat: NOW - 10 };

interface Row {
  id: FindingId;
  fires: Case;
  quiet: Case;
  message: RegExp;
}

const ROWS: Row[] = [
  {
    id: 'alg-none',
    fires: { header: { alg: 'nOnE' }, sig: '' },
    quiet: {},
    message: /"nOnE": "none" in another casing/,
  },
  {
    id: 'null-signature',
    fires: { sig: '' },
    quiet: {},
    message: /"alg" is "HS256" but the signature is empty/,
  },
  {
    id: 'alg-unknown',
    fires: { header: { alg: 'hs256' }, sig: 'AAAA' },
    quiet: {},
    message: /did you mean "HS256"/,
  },
  {
    id: 'alg-key-mismatch',
    fires: { header: { alg: 'ES256' }, key: p384.spki },
    quiet: { header: { alg: 'ES256' }, key: p256.spki },
    message: /ES256 needs a key on P-256, but this is an EC key on P-384/,
  },
  {
    id: 'hmac-key-is-public-key',
    fires: { key: rsa.spki },
    quiet: {},
    message: /HS256 with an RSA key \(2048 bits\) \(PEM\) as the HMAC secret/,
  },
  {
    id: 'hmac-secret-empty',
    fires: { key: '   ' },
    quiet: { key: ' x8Kq2Vn5Rt0Ly7Wb3Zd9Pf4Mh6Jc1Gs ' },
    message: /only white space/,
  },
  {
    id: 'hmac-secret-short',
    fires: { key: 'a1B2c3D4e5F6g7H8' },
    quiet: {},
    message: /16 bytes; HS256 needs at least 32/,
  },
  {
    id: 'hmac-secret-weak',
    fires: { key: 'your-256-bit-secret' },
    quiet: {},
    message: /well-known example secret/,
  },
  {
    id: 'rsa-key-small',
    fires: { header: { alg: 'RS256' }, key: rsa1024.spki },
    quiet: { header: { alg: 'RS256' }, key: rsa.spki },
    message: /1024 bits, under the 2048/,
  },
  {
    id: 'signature-length',
    fires: {
      header: { alg: 'ES256' },
      key: p256.spki,
      wrap: (t) => `${t.slice(0, t.lastIndexOf('.'))}.${derSig(t.slice(0, t.lastIndexOf('.')))}`,
    },
    quiet: { header: { alg: 'ES256' }, key: p256.spki },
    message: /ASN\.1 DER \(it starts with 0x30\); JOSE wants the 64 raw bytes/,
  },
  {
    id: 'ecdsa-zero-signature',
    fires: { header: { alg: 'ES256' }, key: p256.spki, sig: b64(Buffer.alloc(64)) },
    quiet: { header: { alg: 'ES256' }, key: p256.spki },
    message: /every byte of the signature is zero/,
  },
  {
    id: 'crit-unknown',
    fires: { header: { crit: ['exp'], exp: 1 } },
    quiet: { header: { exp: 1 } },
    message: /"crit" lists "exp", which this app does not understand/,
  },
  {
    id: 'b64-false',
    fires: { header: { b64: false } },
    quiet: { header: { b64: true } },
    message: /"b64": false/,
  },
  {
    id: 'embedded-jwk',
    fires: { header: { alg: 'ES256', jwk: p256.publicJwk }, key: p256.spki },
    quiet: { header: { alg: 'ES256' }, key: p256.spki },
    message: /its own key in "jwk" \(a EC key\)/,
  },
  {
    id: 'jku-x5u',
    fires: { header: { jku: 'http://10.0.0.7/jwks.json' } },
    quiet: { header: { kid: 'k1' } },
    message:
      /uses http, not https, its host 10\.0\.0\.7 is an IP address, its host 10\.0\.0\.7 is not the issuer's host issuer\.example/,
  },
  {
    id: 'kid-suspicious',
    fires: { header: { kid: '../../dev/null' } },
    quiet: { header: { kid: 'key-2024-01' } },
    message: /"kid" contains '\.\.\/': "\.\.\/\.\.\/dev\/null"\./,
  },
  {
    id: 'zip-in-jws',
    fires: { header: { zip: 'DEF' } },
    quiet: {},
    message: /"zip": "DEF" in a signed token/,
  },
  {
    id: 'pbes2-count',
    fires: { wrap: () => jwe({ p2c: 10_000_000, p2s: 'c2FsdA' }) },
    quiet: { wrap: () => jwe({ p2c: 600_000, p2s: 'c2FsdA' }) },
    message: /10,000,000 PBKDF2 iterations, above 1,200,000/,
  },
  {
    id: 'typ-unexpected',
    fires: { header: { typ: 'JOSE' } },
    quiet: { header: { typ: 'application/secevent+jwt' } },
    message: /"typ" is "JOSE"/,
  },
  {
    id: 'nested-jwt',
    fires: { header: { cty: 'JWT' } },
    quiet: { header: { cty: 'json' } },
    message: /"cty": "JWT"/,
  },
  {
    id: 'duplicate-member',
    fires: {
      payload: `{"iss":"${ISS}","aud":"api","sub":"alice","sub":"admin","iat":${NOW},"exp":${NOW + 60}}`,
    },
    quiet: { payload: `{"iss":"${ISS}","aud":"api","sub":"admin","iat":${NOW},"exp":${NOW + 60}}` },
    message: /The payload has "sub" twice: "alice" and "admin"/,
  },
  {
    id: 'base64-noncanonical',
    fires: { header: { alg: 'HS256', typ: 'JWT', kid: 'a' }, wrap: pad },
    quiet: { header: { alg: 'HS256', typ: 'JWT', kid: 'a' } },
    message: /The header ends in '=' padding/,
  },
  {
    id: 'token-wrapped',
    fires: { wrap: (t) => `Bearer ${t}\n` },
    quiet: {},
    message: /had surrounding white space, a "Bearer " prefix/,
  },
  {
    id: 'sensitive-data',
    fires: { payload: { ...PAYLOAD, contact: { email: 'ada@example.com' } } },
    quiet: { payload: { ...PAYLOAD, contact: { handle: 'ada' } } },
    message: /"contact" holds an email address \(ada@example\.com\)/,
  },
  {
    id: 'exp-missing',
    fires: { payload: { ...PAYLOAD, exp: undefined } },
    quiet: {},
    message: /There is no "exp"/,
  },
  {
    id: 'exp-far-future',
    fires: { payload: { ...PAYLOAD, scope: 'read', exp: NOW - 60 + 2 * 86400 } },
    quiet: { payload: { ...PAYLOAD, exp: NOW - 60 + 2 * 86400 } },
    message: /lives 2 days from "iat", over the 24 hours advised for an access token/,
  },

  {
    id: 'exp-milliseconds',
    fires: { payload: { ...PAYLOAD, exp: NOW * 1000 } },
    quiet: {},
    message: /"exp" is 1700000000000: that is milliseconds/,
  },
  {
    id: 'time-not-numeric',
    fires: { payload: { ...PAYLOAD, nbf: String(NOW) } },
    quiet: { payload: { ...PAYLOAD, nbf: NOW } },
    message: /"nbf" is "1700000000", not a JSON number/,
  },
  {
    id: 'key-from-link',
    fires: { keyFrom: 'link', signature: 'verified' },
    // The person's own key, or a link's key that did not verify: nothing to warn about.
    quiet: { keyFrom: 'link', signature: 'invalid' },
    message: /the key the link carried, not a key you chose/,
  },
  {
    id: 'x5c-untrusted',
    fires: { header: { x5c: ['MIIB'] }, chain: { status: 'untrusted', from: 'header' } },
    quiet: { header: { x5c: ['MIIB'] }, chain: { status: 'trusted', from: 'header' } },
    message: /^The token's x5c chain is not trusted: no trust anchor you gave validates it\./,
  },
  {
    id: 'header-nonce',
    fires: { header: { alg: 'RS256', nonce: 'AQABAAAAAAD' } },
    quiet: { header: { alg: 'RS256' } },
    message: /Microsoft Graph access token.*only Graph can/,
  },
  {
    id: 'dpop-private-jwk',
    fires: { header: { ...DPOP_HEADER, jwk: p256.privateJwk }, payload: DPOP_PAYLOAD },
    quiet: { header: DPOP_HEADER, payload: DPOP_PAYLOAD },
    message: /"jwk" holds private members \(d\)/,
  },
  {
    id: 'dpop-iat-stale',
    fires: { header: DPOP_HEADER, payload: { ...DPOP_PAYLOAD, iat: NOW - 301 } },
    quiet: { header: DPOP_HEADER, payload: { ...DPOP_PAYLOAD, iat: NOW - 300 } },
    message: /"iat" is 5 min before the judged moment; a DPoP proof is accepted within 5 min of it/,
  },
  {
    id: 'iat-future',
    fires: { payload: { ...PAYLOAD, iat: NOW + 600 } },
    quiet: { payload: { ...PAYLOAD, iat: NOW + 600 }, leeway: 600 },
    message: /"iat" is 10 min in the future/,
  },
  {
    id: 'nbf-after-exp',
    fires: { payload: { ...PAYLOAD, nbf: NOW + 3600 } },
    quiet: { payload: { ...PAYLOAD, nbf: NOW + 3599 } },
    message: /"nbf" \(1700003600\) is not before "exp"/,
  },
  {
    id: 'aud-missing',
    fires: { payload: { ...PAYLOAD, aud: undefined } },
    quiet: {},
    message: /There is no "aud"/,
  },
  {
    id: 'iss-missing',
    fires: { payload: { ...PAYLOAD, iss: undefined } },
    quiet: {},
    message: /There is no "iss"/,
  },
  {
    id: 'unprotected-header',
    fires: { json: { ...FLATTENED, header: { kid: 'k' } } },
    quiet: { json: { ...FLATTENED, header: { note: 'k' } } },
    message: /Not signed, so anyone can change them: "kid" in the signature's "header"/,
  },
];

describe('findFindings: one row per id', () => {
  it.each(ROWS)('$id fires', ({ id, fires, message }) => {
    const found = run(fires).find((f) => f.id === id);
    expect(found, `${id} should fire`).toBeDefined();
    expect(found!.message).toMatch(message);
    expect(SEVERITIES).toContain(found!.severity);
  });
  it.each(ROWS)('$id stays quiet on the close token', ({ id, quiet }) => {
    expect(run(quiet).map((f) => f.id)).not.toContain(id);
  });
  it('covers every id of the catalogue', () => {
    // SD-JWT's findings come from the presentation (src/lib/sd-jwt), tested in tests/unit/sd-jwt.
    const sdJwt = new Set<string>(SD_JWT_CHECKS.map((c) => c.id));
    expect(ROWS.map((r) => r.id).sort()).toEqual(
      CHECKS.map((c) => c.id)
        .filter((id) => !sdJwt.has(id))
        .sort(),
    );
  });
  it('finds nothing in a well-formed token with a strong secret', () => {
    expect(run({})).toEqual([]);
  });
  it('says a lifetime just over a day with its hours, never as the 24 hours it exceeds', () => {
    const lives = (hours: number) =>
      run({ payload: { ...PAYLOAD, scope: 'read', exp: NOW - 60 + hours * 3600 } }).find(
        (f) => f.id === 'exp-far-future',
      )?.message;
    expect(lives(30)).toMatch(/lives 1 day 6 h from "iat", over the 24 hours advised/);
    expect(lives(24)).toBeUndefined();
  });
});

describe('details', () => {
  const ids = (c: Case) => run(c).map((f) => f.id);
  it('sorts by severity and keeps one finding per id', () => {
    const found = run({
      header: { alg: 'none', kid: '../x', jku: 'https://evil.example/j' },
      sig: '',
      payload: { sub: 'x' },
    });
    const order = found.map((f) => SEVERITIES.indexOf(f.severity));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(new Set(found.map((f) => f.id)).size).toBe(found.length);
    expect(found[0]).toMatchObject({
      id: 'alg-none',
      severity: 'critical',
      location: { part: 'header', member: 'alg' },
    });
  });
  it('public-key material in every form fires hmac-key-is-public-key', () => {
    const cert = readFileSync(new URL('../../vectors/keys/rsa-cert.pem', import.meta.url), 'utf8');
    for (const key of [
      cert,
      sshRsaLine(rsa.publicKey),
      JSON.stringify(rsa.publicJwk),
      rsa.pkcs1Public!,
      JSON.stringify({ keys: [p256.publicJwk] }),
    ])
      expect(ids({ key }), key.slice(0, 30)).toContain('hmac-key-is-public-key');
  });
  it('counts secret bytes in the chosen encoding', () => {
    const hex32 = 'a3'.repeat(32);
    expect(ids({ key: hex32, enc: 'hex' })).not.toContain('hmac-secret-short');
    expect(ids({ key: hex32.slice(0, 32), enc: 'hex' })).toContain('hmac-secret-short');
    expect(ids({ key: '==', enc: 'base64' })).toContain('hmac-secret-empty');
  });
  it('finds memorable secrets by heuristic and the long list once loaded', () => {
    expect(ids({ key: 'correct horse battery staple' })).toContain('hmac-secret-weak');
    expect(ids({ key: '1q2w3e4r' })).not.toContain('hmac-secret-weak');
    expect(ids({ key: '1q2w3e4r', weak: true })).toContain('hmac-secret-weak');
    expect(ids({ key: JSON.stringify({ kty: 'oct', k: b64('secret') }) })).toContain(
      'hmac-secret-weak',
    );
  });
  it('fires hmac-secret-weak on a jsonwebtoken token signed with the jwt.io secret', () => {
    const signed = jwt.sign({ sub: '1' }, 'your-256-bit-secret', { algorithm: 'HS256' });
    const decoded = decodeToken(signed);
    if (!decoded.ok) throw new TypeError('decode');
    const found = findFindings({
      decoded: decoded.value,
      keyText: 'your-256-bit-secret',
      now: NOW,
    });
    expect(found.map((f) => f.id)).toContain('hmac-secret-weak');
  });
  it('the curve order constants are right: s and n - s both verify, n is out of range', () => {
    const input = Buffer.from('payload');
    const sig = nodeSign('sha256', input, { key: p256.privateKey, dsaEncoding: 'ieee-p1363' });
    const n = CURVE_ORDERS['P-256']!;
    const s = BigInt(`0x${sig.subarray(32).toString('hex')}`);
    const flipped = Buffer.concat([
      sig.subarray(0, 32),
      Buffer.from((n - s).toString(16).padStart(64, '0'), 'hex'),
    ]);
    expect(
      nodeVerify('sha256', input, { key: p256.publicKey, dsaEncoding: 'ieee-p1363' }, flipped),
    ).toBe(true);
    const atN = Buffer.concat([
      sig.subarray(0, 32),
      Buffer.from(n.toString(16).padStart(64, '0'), 'hex'),
    ]);
    expect(ids({ header: { alg: 'ES256' }, key: p256.spki, sig: b64(atN) })).toContain(
      'ecdsa-zero-signature',
    );
  });
  it('judges r and s against each curve order at its edges (0, 1, n − 1, n, n + 1, all ones)', () => {
    const curves = [
      ['ES256', 'P-256', 32],
      ['ES384', 'P-384', 48],
      ['ES512', 'P-521', 66],
    ] as const;
    for (const [alg, crv, half] of curves) {
      const n = CURVE_ORDERS[crv]!;
      const bytes = (v: bigint) => Buffer.from(v.toString(16).padStart(half * 2, '0'), 'hex');
      const valid = bytes(n / 3n);
      for (const v of [0n, 1n, n - 1n, n, n + 1n, (1n << BigInt(8 * half)) - 1n, n >> 8n]) {
        const out = v === 0n || v >= n;
        for (const sig of [Buffer.concat([valid, bytes(v)]), Buffer.concat([bytes(v), valid])])
          expect(
            ids({ header: { alg }, key: p256.spki, sig: b64(sig) }).includes(
              'ecdsa-zero-signature',
            ),
            `${alg} with ${v === n ? 'n' : v.toString(16)}`,
          ).toBe(out);
      }
    }
  });
  it('flags card numbers by Luhn, private keys and password members', () => {
    expect(ids({ payload: { ...PAYLOAD, note: 'card 4111 1111 1111 1111' } })).toContain(
      'sensitive-data',
    );
    expect(ids({ payload: { ...PAYLOAD, note: 'order 4111 1111 1111 1112' } })).not.toContain(
      'sensitive-data',
    );
    expect(ids({ payload: { ...PAYLOAD, db_password: 'hunter2' } })).toContain('sensitive-data');
    expect(ids({ payload: { ...PAYLOAD, k: rsa.pkcs8 } })).toContain('sensitive-data');
  });
  it('flags typ at+jwt without the claims RFC 9068 requires, and a missing typ', () => {
    expect(ids({ header: { typ: 'at+jwt' } })).toContain('typ-unexpected');
    expect(
      ids({ header: { typ: 'at+jwt' }, payload: { ...PAYLOAD, client_id: 'c' } }),
    ).not.toContain('typ-unexpected');
    expect(ids({ header: { alg: 'HS256', typ: undefined } })).toContain('typ-unexpected');
  });
});

describe('the key findings kept from the last call', () => {
  // The page passes the resolver's cached parse, the same object keystroke after keystroke.
  const resolver = new KeyResolver();
  const ids = (c: Case, parsedKey = resolver.parse(c.key ?? STRONG)) => {
    const decoded = decodeToken(token(c));
    if (!decoded.ok) throw new TypeError(decoded.error.message);
    return findFindings({
      decoded: decoded.value,
      keyText: c.key ?? STRONG,
      parsedKey,
      secretEncoding: c.enc ?? 'utf8',
      now: NOW,
      ...(c.weak ? { weakSecrets: weakSet } : {}),
    }).map((f) => f.id);
  };

  it('follow a change of key, algorithm, encoding or weak-secret list', () => {
    expect(ids({})).not.toContain('hmac-secret-short');
    expect(ids({ key: 'short' })).toContain('hmac-secret-short');
    expect(ids({})).not.toContain('hmac-secret-short');
    // 32 bytes of text: enough for HS256, short for HS512, and short again read as hex.
    const key = 'f3a9c1e07b5d2846'.repeat(2);
    expect(ids({ key })).not.toContain('hmac-secret-short');
    expect(ids({ key, header: { alg: 'HS512' } })).toContain('hmac-secret-short');
    expect(ids({ key })).not.toContain('hmac-secret-short');
    expect(ids({ key, enc: 'hex' })).toContain('hmac-secret-short');
    expect(ids({ key: '1q2w3e4r' })).not.toContain('hmac-secret-weak');
    expect(ids({ key: '1q2w3e4r', weak: true })).toContain('hmac-secret-weak');
    expect(ids({ key: '1q2w3e4r' })).not.toContain('hmac-secret-weak');
  });
});
