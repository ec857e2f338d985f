/**
 * The attack lab: each demo forges a token against the deliberately naive
 * verifier (naive-verifier.ts), shows the page's real verdict for the same
 * token, and ends with what a correct verifier does instead.
 */
import { encodePart } from '../jws/base64url';
import type { DemoLine, Lesson, LessonContext } from './types';
import { naiveVerify, parseWithPolicy, type NaiveConfig } from './naive-verifier';
import {
  decodeJsonPart,
  encodeJson,
  hmacSha256,
  makeKeyPair,
  randomSecret,
  realVerdict,
  signJsonText,
  signToken,
} from './tokens';

const encoder = new TextEncoder();

/** The demo's two lines: what the naive verifier did, what the page says. */
async function compare(token: string, naive: NaiveConfig, pageKey: string): Promise<DemoLine[]> {
  const n = await naiveVerify(token, naive);
  const real = await realVerdict(token, pageKey);
  const claims = n.claims ? ` and handed the app ${JSON.stringify(n.claims)}` : '';
  return [
    {
      tone: n.accepted ? 'accepted' : 'refused',
      text: `Naive verifier: ${n.accepted ? 'ACCEPTED' : 'refused'} — ${n.reason}${claims}.`,
    },
    {
      tone: real.status === 'verified' ? 'accepted' : 'refused',
      text: `JWT Lab: ${real.status === 'verified' ? 'verified' : `refused (${real.status})`} — ${real.message}`,
    },
  ];
}

const claimsFor = (ctx: LessonContext, extra: object = {}) => ({
  sub: 'user-42',
  admin: false,
  iat: ctx.now,
  exp: ctx.now + 3600,
  ...extra,
});

// ── alg: none ──────────────────────────────────────────────────────────────

const hsSecret = (ctx: LessonContext) => ctx.memo('hs-secret', async () => randomSecret(32));
const genuineHs = (ctx: LessonContext) =>
  ctx.memo('genuine-hs', async () =>
    signToken({ alg: 'HS256', typ: 'JWT' }, claimsFor(ctx), await hsSecret(ctx)),
  );

async function noneForgery(ctx: LessonContext): Promise<string> {
  return `${encodeJson({ alg: 'none', typ: 'JWT' })}.${encodeJson(claimsFor(ctx, { admin: true }))}.`;
}

const algNone: Lesson = {
  id: 'alg-none',
  title: 'Attack: alg none',
  summary: 'Forge an unsigned token that a naive verifier accepts.',
  kind: 'attack',
  steps: [
    {
      title: 'A genuine HS256 token',
      text: 'The server signs its tokens with HS256 and a random secret (made just now). This token says "admin": false and is verified.',
      setup: async (ctx) => ({ token: await genuineHs(ctx), key: await hsSecret(ctx) }),
    },
    {
      title: 'Forge: "alg": "none", "admin": true',
      text: 'The attacker needs no key: they write the header {"alg": "none"}, set "admin": true and leave the signature empty. A verifier that does whatever the header says has nothing to check, and accepts. JWT Lab shows the token as unsigned, never verified.',
      setup: async (ctx) => ({ token: await noneForgery(ctx), key: await hsSecret(ctx) }),
      demo: async (ctx) =>
        compare(await noneForgery(ctx), { key: await hsSecret(ctx) }, await hsSecret(ctx)),
    },
    {
      title: 'What a correct verifier does',
      text: 'It decides the algorithm itself: it is configured with the one algorithm (or short list) it expects, such as ["HS256"], and rejects any token whose header names another, "none" in any casing included (PyJWT: algorithms=["HS256"]; jose: algorithms option).',
      setup: async (ctx) => ({ token: await noneForgery(ctx), key: await hsSecret(ctx) }),
    },
  ],
};

// ── RS256 → HS256 confusion ───────────────────────────────────────────────

const rsaPair = (ctx: LessonContext) => ctx.memo('rsa', () => makeKeyPair('RS256'));

async function confusionForgery(ctx: LessonContext): Promise<string> {
  const { publicPem } = await rsaPair(ctx);
  const input = `${encodeJson({ alg: 'HS256', typ: 'JWT' })}.${encodeJson(claimsFor(ctx, { admin: true }))}`;
  return `${input}.${await hmacSha256(encoder.encode(publicPem), input)}`;
}

const confusion: Lesson = {
  id: 'rs-hs-confusion',
  title: 'Attack: RS256 to HS256 confusion',
  summary: 'Sign with the public key as an HMAC secret.',
  kind: 'attack',
  steps: [
    {
      title: 'A genuine RS256 token',
      text: 'The server signs with an RSA private key (a 2048-bit pair generated just now) and verifies with the public key, which it publishes. The key box holds the public key; the token is verified.',
      setup: async (ctx) => {
        const { privatePem, publicPem } = await rsaPair(ctx);
        const token = await ctx.memo('rs-token', () =>
          signToken({ alg: 'RS256', typ: 'JWT' }, claimsFor(ctx), privatePem),
        );
        return { token, key: publicPem };
      },
    },
    {
      title: 'Forge: HS256 keyed with the public key',
      text: 'The attacker copies the public key text, sets "alg": "HS256" and "admin": true, and computes HMAC-SHA-256 over the token with the PEM text as the secret. A verifier that passes "its key" to whatever algorithm the header names computes the very same HMAC and accepts. JWT Lab refuses to use public-key text as an HMAC secret: the status reads key-error.',
      setup: async (ctx) => ({
        token: await confusionForgery(ctx),
        key: (await rsaPair(ctx)).publicPem,
      }),
      demo: async (ctx) => {
        const { publicPem } = await rsaPair(ctx);
        return compare(await confusionForgery(ctx), { key: publicPem }, publicPem);
      },
    },
    {
      title: 'What a correct verifier does',
      text: 'It binds each key to one algorithm: an RSA public key is only ever used for RS256 (or PS256), and a library refuses PEM text as an HMAC secret (PyJWT since 2.4.0 after CVE-2022-29217; node-jsonwebtoken 9 after CVE-2022-23540). The token\u2019s "alg" must match the key\u2019s, not choose it.',
      setup: async (ctx) => ({
        token: await confusionForgery(ctx),
        key: (await rsaPair(ctx)).publicPem,
      }),
    },
  ],
};

// ── Weak HMAC secret ──────────────────────────────────────────────────────

const WEAK = 'secret';
const weakToken = (ctx: LessonContext) =>
  ctx.memo('weak-token', () => signToken({ alg: 'HS256', typ: 'JWT' }, claimsFor(ctx), WEAK));
const strongToken = (ctx: LessonContext) =>
  ctx.memo('strong-token', async () =>
    signToken({ alg: 'HS256', typ: 'JWT' }, claimsFor(ctx), await hsSecret(ctx)),
  );

const crack: Lesson = {
  id: 'weak-secret',
  title: 'Attack: crack a weak HMAC secret',
  summary: 'Guess the secret offline from one captured token.',
  kind: 'attack',
  steps: [
    {
      title: 'One captured token',
      text: 'An attacker has captured one HS256 token and has no key: the key box is empty and the status reads needs-key. But the token itself lets them test guesses offline, as fast as their machine can compute HMACs, without the server ever noticing.',
      setup: async (ctx) => ({ token: await weakToken(ctx), key: '' }),
    },
    {
      title: 'Try the list of weak secrets',
      text: 'Press "Crack the secret" to try every secret in JWT Lab\u2019s built-in list of example and common secrets, in a Web Worker so the page stays responsive. The progress bar counts the guesses.',
      setup: async (ctx) => ({ token: await weakToken(ctx), key: '' }),
      crack: async (ctx) => ({ token: await weakToken(ctx) }),
    },
    {
      title: 'The secret is known: forge at will',
      text: 'With the secret "secret" in the key box the token is verified, and every edit of the payload is re-signed: the attacker can now mint any token the server will accept, "admin": true included. Try it in the payload editor.',
      setup: async (ctx) => ({ token: await weakToken(ctx), key: WEAK }),
    },
    {
      title: 'A random secret resists',
      text: 'This token was signed with 32 random bytes. Cracking it runs through the whole list and finds nothing: no list or brute force reaches 2^256 guesses.',
      setup: async (ctx) => ({ token: await strongToken(ctx), key: '' }),
      crack: async (ctx) => ({ token: await strongToken(ctx) }),
    },
    {
      title: 'What a correct verifier does',
      text: 'Its HMAC secret is at least as long as the hash (32 random bytes for HS256), generated by a CSPRNG, kept out of source code and rotated; better still, it uses an asymmetric algorithm so the verifiers hold no signing key at all. The page\u2019s findings flag well-known and short secrets.',
      setup: async (ctx) => ({ token: await strongToken(ctx), key: await hsSecret(ctx) }),
    },
  ],
};

// ── Embedded jwk ──────────────────────────────────────────────────────────

async function jwkForgery(ctx: LessonContext): Promise<string> {
  const attacker = await ctx.memo('attacker-rsa', () => makeKeyPair('RS256'));
  return ctx.memo('jwk-forgery', () =>
    signToken(
      {
        alg: 'RS256',
        typ: 'JWT',
        jwk: { kty: 'RSA', n: attacker.publicJwk.n, e: attacker.publicJwk.e },
      },
      claimsFor(ctx, { admin: true }),
      attacker.privatePem,
    ),
  );
}

const embeddedJwk: Lesson = {
  id: 'embedded-jwk',
  title: 'Attack: embedded jwk',
  summary: 'A token that carries its own key proves nothing.',
  kind: 'attack',
  steps: [
    {
      title: 'Forge with the attacker\u2019s own key',
      text: 'The server\u2019s real RSA public key is in the key box. The attacker generated their own RSA key pair, signed "admin": true with it, and put their public key in the header as "jwk". A verifier that uses the header\u2019s jwk checks the token against the attacker\u2019s key, and it matches (CVE-2018-0114). JWT Lab verifies with the server\u2019s key only: invalid.',
      setup: async (ctx) => ({ token: await jwkForgery(ctx), key: (await rsaPair(ctx)).publicPem }),
      demo: async (ctx) => {
        const { publicPem } = await rsaPair(ctx);
        return compare(await jwkForgery(ctx), { key: publicPem }, publicPem);
      },
    },
    {
      title: 'What a correct verifier does',
      text: 'It takes keys only from its own configuration or its issuer\u2019s JWKS, and ignores (or rejects tokens with) "jwk", "jku" and "x5u" headers unless they point to a key it already trusts.',
      setup: async (ctx) => ({ token: await jwkForgery(ctx), key: (await rsaPair(ctx)).publicPem }),
    },
  ],
};

// ── kid injection ─────────────────────────────────────────────────────────

const KID_PATH = '../../dev/null';

async function kidSetup(ctx: LessonContext) {
  const secret = await hsSecret(ctx);
  const files = { '2025-signing': secret };
  const jwks = JSON.stringify(
    { keys: [{ kty: 'oct', kid: '2025-signing', alg: 'HS256', k: encodePart(secret) }] },
    null,
    2,
  );
  const input = `${encodeJson({ alg: 'HS256', typ: 'JWT', kid: KID_PATH })}.${encodeJson(claimsFor(ctx, { admin: true }))}`;
  const forged = `${input}.${await hmacSha256(new Uint8Array(0), input)}`;
  return { files, jwks, forged, secret };
}

const kidInjection: Lesson = {
  id: 'kid-injection',
  title: 'Attack: kid injection',
  summary: 'Point kid at /dev/null and sign with an empty key.',
  kind: 'attack',
  steps: [
    {
      title: 'Forge with kid "../../dev/null"',
      text: 'This server reads the key named by "kid" from a file in /app/keys/. The attacker sets "kid": "../../dev/null": the path climbs out of /app/keys/ and lands on an empty file, so the "secret" is empty, and they sign with an empty HMAC key. The naive lookup accepts. JWT Lab, given the server\u2019s JWKS, finds no key with that kid, tries the real key, and says invalid.',
      setup: async (ctx) => {
        const { jwks, forged } = await kidSetup(ctx);
        return { token: forged, key: jwks };
      },
      demo: async (ctx) => {
        const { files, jwks, forged, secret } = await kidSetup(ctx);
        return compare(forged, { key: secret, keyFiles: files }, jwks);
      },
    },
    {
      title: 'What a correct verifier does',
      text: 'It treats kid as an opaque label: it looks it up in a fixed map of known keys (a JWKS) and never builds a file path, SQL query or URL from it. An unknown kid means reject, and no key may ever be empty.',
      setup: async (ctx) => {
        const { jwks, forged } = await kidSetup(ctx);
        return { token: forged, key: jwks };
      },
    },
  ],
};

// ── Psychic signature ─────────────────────────────────────────────────────

const ecPair = (ctx: LessonContext) => ctx.memo('ec', () => makeKeyPair('ES256'));

function psychicToken(ctx: LessonContext): string {
  const input = `${encodeJson({ alg: 'ES256', typ: 'JWT' })}.${encodeJson(claimsFor(ctx, { admin: true }))}`;
  return `${input}.${encodePart(new Uint8Array(64))}`;
}

const psychic: Lesson = {
  id: 'psychic-signature',
  title: 'Attack: psychic ECDSA signature',
  summary: 'r = s = 0 fooled Java 15–18 (CVE-2022-21449).',
  kind: 'attack',
  steps: [
    {
      title: 'A signature of 64 zero bytes',
      text: 'An ES256 signature is two numbers, r and s, 32 bytes each. The attacker sends r = 0 and s = 0 with any payload. ECDSA verification must first check 0 < r < n and 0 < s < n; Java 15 to 18 skipped that check, and with r = s = 0 its final comparison came out as 0 == 0 for every message and every key. JWT Lab verifies with WebCrypto, which rejects it: invalid, and the findings flag a zero ECDSA signature.',
      setup: async (ctx) => ({ token: psychicToken(ctx), key: (await ecPair(ctx)).publicPem }),
      demo: async (ctx) => {
        const { publicPem } = await ecPair(ctx);
        return compare(psychicToken(ctx), { key: publicPem }, publicPem);
      },
    },
    {
      title: 'What a correct verifier does',
      text: 'It uses a maintained ECDSA implementation that rejects r or s outside 1 … n-1 before any arithmetic (Java after the April 2022 patch, WebCrypto, OpenSSL), and it keeps its runtime patched.',
      setup: async (ctx) => ({ token: psychicToken(ctx), key: (await ecPair(ctx)).publicPem }),
    },
  ],
};

// ── Duplicate claims ──────────────────────────────────────────────────────

const DUPLICATE_PAYLOAD = (ctx: LessonContext) =>
  `{"sub":"user-42","role":"user","iat":${ctx.now},"exp":${ctx.now + 3600},"role":"admin"}`;

const duplicateToken = (ctx: LessonContext) =>
  ctx.memo('duplicate', async () =>
    signJsonText('{"alg":"HS256","typ":"JWT"}', DUPLICATE_PAYLOAD(ctx), await hsSecret(ctx)),
  );

const duplicates: Lesson = {
  id: 'duplicate-claims',
  title: 'Attack: duplicate claims',
  summary: 'Two "role" members: which one wins depends on the parser.',
  kind: 'attack',
  steps: [
    {
      title: 'One token, two roles',
      text: 'The payload names "role" twice: "user" first, "admin" last (an issuer that builds JSON by string concatenation lets a user inject this). The signature is genuine and verified. A gateway whose parser keeps the first value sees a user; the service behind it, whose parser keeps the last (JSON.parse, Python), sees an admin. JWT Lab flags the duplicate member.',
      setup: async (ctx) => ({ token: await duplicateToken(ctx), key: await hsSecret(ctx) }),
      demo: async (ctx) => {
        const payload = decodeJsonPart((await duplicateToken(ctx)).split('.')[1]!);
        const first = parseWithPolicy(payload, 'first-wins');
        const last = parseWithPolicy(payload, 'last-wins');
        return [
          {
            tone: 'info',
            text: `First-wins parser (the gateway): role = ${JSON.stringify(first.role)}`,
          },
          {
            tone: 'accepted',
            text: `Last-wins parser (the service): role = ${JSON.stringify(last.role)}`,
          },
          {
            tone: 'refused',
            text: 'JWT Lab: signature verified, but the duplicate "role" is flagged: reject such a token.',
          },
        ];
      },
    },
    {
      title: 'What a correct verifier does',
      text: 'It rejects a header or payload that names a member twice (RFC 7515 §4 and RFC 7519 §4 allow exactly that), and the issuer builds JSON with a serializer, never by pasting strings.',
      setup: async (ctx) => ({ token: await duplicateToken(ctx), key: await hsSecret(ctx) }),
    },
  ],
};

/** The attack demos, in the order they are listed. */
export const ATTACK_LESSONS: readonly Lesson[] = [
  algNone,
  confusion,
  crack,
  embeddedJwk,
  kidInjection,
  psychic,
  duplicates,
];
