/**
 * The guided lessons: how a token is built, tampering, expiry and leeway,
 * key rotation with a JWKS and `kid`, access and refresh tokens. Every key is
 * generated on the spot; every verdict comes from the page's own engine.
 */
import { encodePart } from '../jws/base64url';
import type { Lesson, LessonContext } from './types';
import {
  decodeJsonPart,
  hmacSha256,
  makeKeyPair,
  randomSecret,
  realVerdict,
  signToken,
} from './tokens';

const ISSUER = 'https://issuer.example';

const secretOf = (ctx: LessonContext) => ctx.memo('secret', async () => randomSecret(32));

async function userToken(ctx: LessonContext): Promise<string> {
  return ctx.memo('user-token', async () =>
    signToken(
      { alg: 'HS256', typ: 'JWT' },
      { sub: 'user-42', role: 'user', iat: ctx.now, exp: ctx.now + 3600 },
      await secretOf(ctx),
    ),
  );
}

/** The token with its payload replaced by `role: admin`, old signature kept. */
async function tampered(ctx: LessonContext): Promise<string> {
  const [h, p, s] = (await userToken(ctx)).split('.') as [string, string, string];
  const payload = decodeJsonPart(p).replace('"role":"user"', '"role":"admin"');
  return `${h}.${encodePart(payload)}.${s}`;
}

const anatomy: Lesson = {
  id: 'anatomy',
  title: 'How a token is built',
  summary: 'Header, payload and signature: three base64url parts joined by dots.',
  kind: 'lesson',
  steps: [
    {
      title: 'Three parts',
      text: 'A JWT (a JWS in compact form) is three base64url strings joined by dots: the header, the payload and the signature.\n\nThe page now holds a token signed with HS256 and a random 256-bit secret made just now. Its signature status reads verified.',
      setup: async (ctx) => ({ token: await userToken(ctx), key: await secretOf(ctx) }),
    },
    {
      title: 'Header and payload are only encoded',
      text: 'The first two parts are JSON encoded as base64url: anyone can read them, nothing is hidden. The header says how the token is signed ("alg") and the payload holds the claims.',
      setup: async (ctx) => ({ token: await userToken(ctx), key: await secretOf(ctx) }),
      demo: async (ctx) => {
        const [h, p] = (await userToken(ctx)).split('.') as [string, string];
        return [
          { tone: 'info', text: `Header part ${h} decodes to ${decodeJsonPart(h)}` },
          { tone: 'info', text: `Payload part ${p} decodes to ${decodeJsonPart(p)}` },
        ];
      },
    },
    {
      title: 'The signature',
      text: 'The signature is HMAC-SHA-256 of "header.payload" (the first two parts as they stand, with the dot) keyed with the secret. Only someone holding the secret can compute it, so a verifier that recomputes it knows the first two parts are exactly what the issuer wrote.',
      setup: async (ctx) => ({ token: await userToken(ctx), key: await secretOf(ctx) }),
      demo: async (ctx) => {
        const token = await userToken(ctx);
        const [h, p, s] = token.split('.') as [string, string, string];
        const mac = await hmacSha256(new TextEncoder().encode(await secretOf(ctx)), `${h}.${p}`);
        const verdict = await realVerdict(token, await secretOf(ctx));
        return [
          { tone: 'info', text: `HMAC-SHA-256(secret, header.payload) = ${mac}` },
          { tone: 'info', text: `Signature part                      = ${s}` },
          {
            tone: verdict.status === 'verified' ? 'accepted' : 'refused',
            text: `JWT Lab: ${verdict.status} — ${verdict.message}`,
          },
        ];
      },
    },
  ],
};

const tamper: Lesson = {
  id: 'tamper',
  title: 'Tamper with the payload',
  summary: 'Change one claim and watch the signature fail.',
  kind: 'lesson',
  steps: [
    {
      title: 'A genuine token',
      text: 'A token for user-42 with "role": "user", signed with HS256 and a fresh random secret. The signature is verified.',
      setup: async (ctx) => ({ token: await userToken(ctx), key: await secretOf(ctx) }),
    },
    {
      title: 'Change "role" to "admin"',
      text: 'The payload was rewritten to "role": "admin" and re-encoded, but the old signature was kept: without the secret nobody can make a new one. The signature status now reads invalid: the signature no longer matches the payload.',
      setup: async (ctx) => ({ token: await tampered(ctx), key: await secretOf(ctx) }),
      demo: async (ctx) => {
        const verdict = await realVerdict(await tampered(ctx), await secretOf(ctx));
        return [{ tone: 'refused', text: `JWT Lab: ${verdict.status} — ${verdict.message}` }];
      },
    },
    {
      title: 'What a correct verifier does',
      text: 'It recomputes the signature over the header and payload exactly as received, compares it in constant time, and rejects the token on any difference before reading a single claim. It never "repairs" or ignores a signature. Editing the payload in this page re-signs only because the page holds the secret.',
      setup: async (ctx) => ({ token: await tampered(ctx), key: await secretOf(ctx) }),
    },
  ],
};

const expiry: Lesson = {
  id: 'expiry',
  title: 'Expiry and leeway',
  summary: 'Travel in time past "exp", then allow for clock skew with leeway.',
  kind: 'lesson',
  steps: [
    {
      title: 'A token valid for five minutes',
      text: 'This token was issued now ("iat") and expires in 300 seconds ("exp"). The clock is set to the moment it was issued, so the exp row reads ok.',
      setup: async (ctx) => ({
        token: await expiring(ctx),
        key: await secretOf(ctx),
        clock: String(ctx.now),
        leeway: 0,
      }),
    },
    {
      title: 'Ten minutes later',
      text: 'The clock control jumped 600 seconds ahead. Now exp <= now, so the exp row fails: the token has expired (PyJWT raises ExpiredSignatureError). The signature is still verified: expiry is a claim check, not a signature check.',
      setup: async (ctx) => ({
        token: await expiring(ctx),
        key: await secretOf(ctx),
        clock: String(ctx.now + 600),
        leeway: 0,
      }),
    },
    {
      title: 'Leeway for clock skew',
      text: 'Servers\u2019 clocks drift, so verifiers allow a little leeway. With a leeway of 400 seconds the token counts as expired only when exp <= now - leeway, which is not yet the case: the exp row reads ok again.\n\nKeep leeway small (seconds to a minute or two): every second of leeway extends the life of a stolen token.',
      setup: async (ctx) => ({
        token: await expiring(ctx),
        key: await secretOf(ctx),
        clock: String(ctx.now + 600),
        leeway: 400,
      }),
    },
    {
      title: 'Back to now',
      text: 'The clock control is empty again (the real time) and leeway is 0. A correct verifier always checks exp (and nbf, iat) against its own clock, with a small fixed leeway, and rejects a token that has no exp when its policy requires one.',
      setup: async (ctx) => ({
        token: await expiring(ctx),
        key: await secretOf(ctx),
        clock: '',
        leeway: 0,
      }),
    },
  ],
};

function expiring(ctx: LessonContext): Promise<string> {
  return ctx.memo('expiring', async () =>
    signToken(
      { alg: 'HS256', typ: 'JWT' },
      { sub: 'user-42', iat: ctx.now, exp: ctx.now + 300 },
      await secretOf(ctx),
    ),
  );
}

interface Rotation {
  oldPair: Awaited<ReturnType<typeof makeKeyPair>>;
  newPair: Awaited<ReturnType<typeof makeKeyPair>>;
}

const rotationKeys = (ctx: LessonContext) =>
  ctx.memo<Rotation>('rotation', async () => ({
    oldPair: await makeKeyPair('ES256'),
    newPair: await makeKeyPair('ES256'),
  }));

async function jwks(ctx: LessonContext, which: 'both' | 'new'): Promise<string> {
  const { oldPair, newPair } = await rotationKeys(ctx);
  const entry = (jwk: object, kid: string) => ({ ...jwk, kid, alg: 'ES256', use: 'sig' });
  const keys = [entry(newPair.publicJwk, 'key-2')];
  if (which === 'both') keys.unshift(entry(oldPair.publicJwk, 'key-1'));
  return JSON.stringify({ keys }, null, 2);
}

async function rotated(ctx: LessonContext, kid: 'key-1' | 'key-2'): Promise<string> {
  return ctx.memo(`rotated-${kid}`, async () => {
    const { oldPair, newPair } = await rotationKeys(ctx);
    const pair = kid === 'key-1' ? oldPair : newPair;
    return signToken(
      { alg: 'ES256', typ: 'JWT', kid },
      { sub: 'user-42', iss: ISSUER, iat: ctx.now, exp: ctx.now + 3600 },
      JSON.stringify({ ...pair.privateJwk, kid }),
    );
  });
}

const rotation: Lesson = {
  id: 'rotation',
  title: 'Key rotation with a JWKS and kid',
  summary: 'Publish two keys, sign with the new one, retire the old one.',
  kind: 'lesson',
  steps: [
    {
      title: 'A JWKS with two keys',
      text: 'An issuer publishes its public keys as a JWKS ({"keys": [...]}), each with a "kid". Two ES256 key pairs were generated just now: key-1 (old) and key-2 (new). The key box holds the JWKS; the token was signed with key-1 and names it in its header, so the verifier picks key-1 by kid and the signature is verified.',
      setup: async (ctx) => ({ token: await rotated(ctx, 'key-1'), key: await jwks(ctx, 'both') }),
    },
    {
      title: 'Sign with the new key',
      text: 'During a rotation the issuer starts signing with key-2 while key-1 stays published, so tokens issued before the switch keep working. This token names kid key-2 and is verified with that entry.',
      setup: async (ctx) => ({ token: await rotated(ctx, 'key-2'), key: await jwks(ctx, 'both') }),
    },
    {
      title: 'Retire the old key',
      text: 'Once every token signed with key-1 has expired, key-1 leaves the JWKS. A token still signed with key-1 now fails: no published key has its kid and the other key does not match, so the signature status reads invalid.',
      setup: async (ctx) => ({ token: await rotated(ctx, 'key-1'), key: await jwks(ctx, 'new') }),
    },
    {
      title: 'What a correct verifier does',
      text: 'It fetches the JWKS from its configured issuer (never from a URL in the token), picks the key by kid, checks that key\u2019s own "alg" and "use", refreshes the set when it meets an unknown kid (at most once in a while), and rejects the token if no key matches.',
      setup: async (ctx) => ({ token: await rotated(ctx, 'key-2'), key: await jwks(ctx, 'new') }),
    },
  ],
};

const accessRefresh: Lesson = {
  id: 'access-refresh',
  title: 'Access and refresh tokens',
  summary: 'What each is for, how long each lives, and where each belongs.',
  kind: 'lesson',
  steps: [
    {
      title: 'An access token',
      text: 'An access token is shown to an API on every request. It is short-lived (here 5 minutes), names the API as its audience ("aud") and carries scopes. "typ": "at+jwt" marks it as an access token (RFC 9068), so it cannot be passed off as an ID token. The expected audience is set to the API, and the aud row reads ok.',
      setup: async (ctx) => ({
        token: await accessToken(ctx),
        key: await issuerKey(ctx),
        clock: '',
        leeway: 0,
        expectedIssuer: ISSUER,
        expectedAudience: 'https://api.example',
      }),
    },
    {
      title: 'A refresh token',
      text: 'A refresh token is shown only to the authorization server, to get a new access token. It lives longer (here 14 days), so it is more valuable to a thief. Its audience is the authorization server: with the API set as expected audience, the aud row fails, which is right: an API must never accept a refresh token. Many servers make refresh tokens opaque random strings instead of JWTs for this reason.',
      setup: async (ctx) => ({
        token: await refreshToken(ctx),
        key: await issuerKey(ctx),
        expectedIssuer: ISSUER,
        expectedAudience: 'https://api.example',
      }),
    },
    {
      title: 'Where each is stored',
      text: 'In a browser app: keep the access token in memory (a variable, not localStorage, which any injected script can read) and send it in the Authorization header. Keep the refresh token in an HttpOnly, Secure, SameSite=Strict cookie scoped to the token endpoint\u2019s path, or better, behind a backend-for-frontend that never gives it to the browser at all. Rotate refresh tokens on every use and revoke the family if an old one comes back.',
      setup: async (ctx) => ({
        token: await accessToken(ctx),
        key: await issuerKey(ctx),
        expectedIssuer: ISSUER,
        expectedAudience: 'https://api.example',
      }),
      demo: async () => [
        {
          tone: 'accepted',
          text: 'Access token: memory only; Authorization: Bearer …; minutes to live.',
        },
        {
          tone: 'accepted',
          text: 'Refresh token: HttpOnly Secure SameSite cookie (or server side); rotated on use; days to live.',
        },
        {
          tone: 'refused',
          text: 'Either in localStorage or in a URL: readable by any script or log.',
        },
      ],
    },
  ],
};

const issuerKey = (ctx: LessonContext) => ctx.memo('issuer-key', async () => randomSecret(32));

function accessToken(ctx: LessonContext): Promise<string> {
  return ctx.memo('access', async () =>
    signToken(
      { alg: 'HS256', typ: 'at+jwt' },
      {
        iss: ISSUER,
        sub: 'user-42',
        aud: 'https://api.example',
        client_id: 'web-app',
        scope: 'orders:read',
        jti: 'a-1',
        iat: ctx.now,
        exp: ctx.now + 300,
      },
      await issuerKey(ctx),
    ),
  );
}

function refreshToken(ctx: LessonContext): Promise<string> {
  return ctx.memo('refresh', async () =>
    signToken(
      { alg: 'HS256', typ: 'JWT' },
      {
        iss: ISSUER,
        sub: 'user-42',
        aud: `${ISSUER}/token`,
        jti: 'r-1',
        iat: ctx.now,
        exp: ctx.now + 14 * 86400,
      },
      await issuerKey(ctx),
    ),
  );
}

/** The guided (non-attack) lessons, in the order they are listed. */
export const BASIC_LESSONS: readonly Lesson[] = [anatomy, tamper, expiry, rotation, accessRefresh];
