import { createHmac, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import jwt from 'jsonwebtoken';
import {
  compactVerify,
  createLocalJWKSet,
  decodeProtectedHeader,
  EmbeddedJWK,
  importX509,
} from 'jose';
import { makeVariants, type AttackInput, type AttackVariant } from '../../../src/lib/attacks';

// Tokens and keys made by node:crypto and node-jsonwebtoken, not by our engine.
const NOW = 1_760_000_000;
const CLAIMS = { sub: 'user-42', role: 'user', scope: 'read', iat: NOW, exp: NOW + 600 };
const SECRET = 'correct horse battery staple';
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ec384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
const spkiPem = (key: KeyObject) => key.export({ type: 'spki', format: 'pem' }) as string;
const rsToken = jwt.sign(CLAIMS, rsa.privateKey, { algorithm: 'RS256', keyid: 'server-1' });
const hsToken = jwt.sign(CLAIMS, SECRET, { algorithm: 'HS256' });

const b64 = (part: string) => Buffer.from(part, 'base64url');
const headerOf = (token: string) => JSON.parse(b64(token.split('.')[0]!).toString('utf8'));
const hmac = (alg: 'sha256' | 'sha384' | 'sha512', key: string | Buffer, token: string) => {
  const [h, p] = token.split('.');
  return createHmac(alg, key).update(`${h}.${p}`).digest('base64url');
};

// Each set costs an RSA key generation: made once per input.
const made = new Map<string, ReturnType<typeof makeVariants>>();
async function variants(input: Partial<AttackInput> & { token: string }) {
  const key = JSON.stringify(input);
  if (!made.has(key)) made.set(key, makeVariants({ now: NOW, ...input }));
  const set = await made.get(key)!;
  if (!set.ok) throw set.error;
  return set.value;
}
const byId = (list: AttackVariant[], id: string) => {
  const found = list.find((v) => v.id === id);
  if (!found) throw new Error(`no variant ${id}: ${list.map((v) => v.id).join(' ')}`);
  return found;
};

describe('attack variants without a key', () => {
  it.each([
    ['alg-none', 'none', false],
    ['alg-none-sig', 'none', true],
    ['alg-none-capital', 'None', false],
    ['alg-none-upper', 'NONE', false],
    ['alg-none-upper-sig', 'NONE', true],
    ['alg-none-mixed', 'nOnE', false],
    ['alg-none-mixed-sig', 'nOnE', true],
    ['alg-empty', '', false],
    ['alg-empty-sig', '', true],
  ])(
    '%s: alg %j, signature kept %s, payload untouched',
    async (id, alg, kept) => {
      const { variants: list } = await variants({ token: rsToken });
      const token = byId(list, id).token;
      const [, payload, signature] = token.split('.');
      expect(headerOf(token)).toEqual({ ...headerOf(rsToken), alg });
      expect(payload).toBe(rsToken.split('.')[1]);
      expect(signature).toBe(kept ? rsToken.split('.')[2] : '');
    },
    30_000,
  );

  it('null signature keeps the header and payload bytes and empties the signature', async () => {
    const { variants: list } = await variants({ token: rsToken });
    const [h, p] = rsToken.split('.');
    expect(byId(list, 'null-signature').token).toBe(`${h}.${p}.`);
  }, 30_000);

  it('blank secret: the HMAC of the token alg with an empty key', async () => {
    const token384 = jwt.sign(CLAIMS, SECRET, { algorithm: 'HS384' });
    const { variants: list } = await variants({ token: token384 });
    const blank = byId(list, 'blank-secret').token;
    expect(headerOf(blank).alg).toBe('HS384');
    expect(blank.split('.')[2]).toBe(hmac('sha384', '', blank));
  }, 30_000);

  it.each([
    ['ES256', ec256, 64],
    ['ES384', ec384, 96],
  ] as const)(
    'psychic %s: r = s = 0 at the curve size',
    async (alg, pair, bytes) => {
      const token = jwt.sign(CLAIMS, pair.privateKey, { algorithm: alg });
      const { variants: list } = await variants({ token });
      const signature = b64(byId(list, 'psychic').token.split('.')[2]!);
      expect(signature.length).toBe(bytes);
      const r = signature.subarray(0, bytes / 2);
      const s = signature.subarray(bytes / 2);
      expect([...r, ...s].every((byte) => byte === 0)).toBe(true);
    },
    30_000,
  );

  it('no psychic variant for an RS256 token, and a note says why', async () => {
    const { variants: list, notes } = await variants({ token: rsToken });
    expect(list.some((v) => v.id === 'psychic')).toBe(false);
    expect(notes).toContain('No psychic signature: the token is RS256, not ES256, ES384 or ES512.');
  }, 30_000);

  it('kid /dev/null verifies with an empty key; kid SQL with the selected key "k"', async () => {
    const { variants: list } = await variants({ token: rsToken });
    const devNull = byId(list, 'kid-dev-null').token;
    expect(headerOf(devNull)).toMatchObject({ alg: 'HS256', kid: '../../../../../../../dev/null' });
    expect(devNull.split('.')[2]).toBe(hmac('sha256', '', devNull));
    const sql = byId(list, 'kid-sql').token;
    expect(headerOf(sql)).toMatchObject({ alg: 'HS256', kid: "' UNION SELECT 'k' -- " });
    expect(jwt.verify(sql, 'k', { algorithms: ['HS256'], clockTimestamp: NOW })).toMatchObject({
      sub: 'user-42',
    });
    expect(headerOf(byId(list, 'kid-command').token).kid).toBe('key|sleep 10');
  }, 30_000);
});

describe('key confusion', () => {
  const pem = spkiPem(rsa.publicKey);
  const forms: [string, string | Buffer][] = [
    ['key-confusion', pem.endsWith('\n') ? pem : `${pem}\n`],
    ['key-confusion-no-newline', pem.trimEnd()],
    ['key-confusion-pkcs1', rsa.publicKey.export({ type: 'pkcs1', format: 'pem' }) as string],
    ['key-confusion-der', rsa.publicKey.export({ type: 'spki', format: 'der' })],
  ];
  it.each(forms)(
    '%s verifies as HMAC keyed with those public key bytes',
    async (id, key) => {
      const { variants: list } = await variants({ token: rsToken, publicKey: pem });
      for (const [suffix, alg] of [
        ['', 'sha256'],
        ['-hs384', 'sha384'],
        ['-hs512', 'sha512'],
      ] as const) {
        const token = byId(list, `${id}${suffix}`).token;
        expect(headerOf(token).alg).toBe(`HS${alg.slice(3)}`);
        expect(token.split('.')[2]).toBe(hmac(alg, key, token));
      }
    },
    30_000,
  );

  it('the JWK form is the JSON of the public JWK, and works from a pasted JWK too', async () => {
    const jwk = rsa.publicKey.export({ format: 'jwk' });
    const { variants: list } = await variants({ token: rsToken, publicKey: JSON.stringify(jwk) });
    const token = byId(list, 'key-confusion-jwk').token;
    const { n, e, kty } = jwk;
    const candidates = [
      JSON.stringify({ kty, n, e }),
      JSON.stringify({ kty, e, n }),
      JSON.stringify({ e, kty, n }),
    ];
    expect(candidates.map((c) => hmac('sha256', c, token))).toContain(token.split('.')[2]);
    // The PEM the server may also hold, converted from the JWK.
    const spki = byId(list, 'key-confusion').token;
    expect(spki.split('.')[2]).toBe(hmac('sha256', pem.endsWith('\n') ? pem : `${pem}\n`, spki));
  }, 30_000);

  it('an EC key has no PKCS#1 form', async () => {
    const { variants: list } = await variants({
      token: rsToken,
      publicKey: spkiPem(ec256.publicKey),
    });
    expect(list.some((v) => v.id === 'key-confusion-pkcs1')).toBe(false);
    expect(list.some((v) => v.id === 'key-confusion-der')).toBe(true);
  }, 30_000);

  it('a secret is not a public key: a note, no variants', async () => {
    const { variants: list, notes } = await variants({ token: rsToken, publicKey: 'hunter2' });
    expect(list.some((v) => v.id.startsWith('key-confusion'))).toBe(false);
    expect(notes.join(' ')).toContain('Key confusion needs the server\u2019s public key');
  }, 30_000);
});

describe('attacker keys', () => {
  it('embedded jwk verifies with its own jwk (jose EmbeddedJWK)', async () => {
    const { variants: list } = await variants({ token: rsToken });
    const token = byId(list, 'embedded-jwk').token;
    const { protectedHeader } = await compactVerify(token, EmbeddedJWK);
    expect(protectedHeader.alg).toBe('RS256');
    expect(Object.keys(protectedHeader.jwk ?? {})).not.toContain('d');
    expect(protectedHeader.kid).not.toBe('server-1');
  }, 30_000);

  it('x5c holds a self-signed certificate whose key verifies the token', async () => {
    const { variants: list } = await variants({ token: rsToken });
    const token = byId(list, 'x5c-self-signed').token;
    const [der] = decodeProtectedHeader(token).x5c!;
    const cert = `-----BEGIN CERTIFICATE-----\n${der}\n-----END CERTIFICATE-----`;
    await expect(compactVerify(token, await importX509(cert, 'RS256'))).resolves.toBeTruthy();
  }, 30_000);

  it('jku and x5u point at the URL, and the files to host there verify the tokens', async () => {
    const url = 'https://attacker.example/keys';
    const { variants: list } = await variants({ token: rsToken, url });
    const jku = byId(list, 'jku');
    expect(decodeProtectedHeader(jku.token).jku).toBe(url);
    const jwks = createLocalJWKSet(JSON.parse(jku.files![0]!.text));
    await expect(compactVerify(jku.token, jwks)).resolves.toBeTruthy();
    const x5u = byId(list, 'x5u');
    expect(decodeProtectedHeader(x5u.token).x5u).toBe(url);
    const key = await importX509(x5u.files![0]!.text, 'RS256');
    await expect(compactVerify(x5u.token, key)).resolves.toBeTruthy();
  }, 30_000);

  it('no URL: no jku or x5u, and a note', async () => {
    const { variants: list, notes } = await variants({ token: rsToken });
    expect(list.some((v) => v.id === 'jku' || v.id === 'x5u')).toBe(false);
    expect(notes.join(' ')).toContain('No jku or x5u');
  }, 30_000);
});

describe('claim tampering', () => {
  it('pushes exp out, raises role and scope, and signs with the known secret', async () => {
    const { variants: list } = await variants({ token: hsToken, secret: SECRET });
    const claims = jwt.verify(byId(list, 'claims-tampered').token, SECRET, {
      algorithms: ['HS256'],
      clockTimestamp: NOW + 3600,
    });
    expect(claims).toMatchObject({ sub: 'user-42', role: 'admin', scope: 'read admin' });
    expect((claims as { exp: number }).exp).toBe(NOW + 365 * 24 * 3600);
  }, 30_000);

  it('kid command injections are signed with the known secret', async () => {
    const { variants: list } = await variants({ token: hsToken, secret: SECRET });
    const token = byId(list, 'kid-command-subshell').token;
    expect(token.split('.')[2]).toBe(hmac('sha256', SECRET, token));
  }, 30_000);
});

describe('inputs refused', () => {
  it.each([
    [
      'a JWE',
      'eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA',
      {},
      'ERR_ATTACK_INPUT',
      'This is an encrypted token (JWE)',
    ],
    [
      'a URL without a scheme',
      rsToken,
      { url: 'attacker.example/jwks' },
      'ERR_ATTACK_INPUT',
      '"attacker.example/jwks" is not a URL',
    ],
    [
      'a javascript: URL',
      rsToken,
      { url: 'javascript:alert(1)' },
      'ERR_ATTACK_INPUT',
      'must start with https://',
    ],
    [
      'a huge secret',
      rsToken,
      { secret: 'x'.repeat(70_000) },
      'ERR_INPUT_TOO_LARGE',
      'The secret has 70000 characters',
    ],
    [
      'a huge token',
      `${rsToken}${'A'.repeat(300_000)}`,
      {},
      'ERR_INPUT_TOO_LARGE',
      'the attack workbench takes tokens up to',
    ],
  ])('%s', async (_, token, extra, code, message) => {
    const made = await makeVariants({ token, now: NOW, ...extra });
    expect(made.ok).toBe(false);
    if (made.ok) return;
    expect(made.error.code).toBe(code);
    expect(made.error.message).toContain(message);
  });
});
