/**
 * Lesson 8: key management (secret length, rotation by `kid`, RS256 with a JWKS).
 */
import { encodePart } from '../../jws/base64url';
import { makeKeyPair, randomSecret, type LessonKeyPair } from '../../lessons/tokens';
import { SimServer } from '../server';
import type { CourseContext, CourseLesson } from '../lesson-types';
import {
  attemptsOf,
  failed,
  lastOf,
  login,
  passed,
  pending,
  reasonOf,
  send,
  statusOf,
  withBearer,
} from '../actions';

const encoder = new TextEncoder();

/** Add an RS256 key to the server once per run; its public half is what verifiers get. */
export const rsaKey = (ctx: CourseContext): Promise<LessonKeyPair> =>
  ctx.memo('rsa', async () => {
    const pair = await makeKeyPair('RS256');
    ctx.server.keys.add({
      kid: 'rs-1',
      alg: 'RS256',
      signing: pair.privatePem,
      verifying: pair.publicPem,
      publicJwk: pair.publicJwk,
    });
    return pair;
  });

const oldToken = (ctx: CourseContext) =>
  ctx.memo('old', async () => (await login(ctx, 'alice')).token ?? '');

const keyManagement: CourseLesson = {
  id: 'key-management',
  title: 'Key management',
  summary:
    'A secret of the right length kept out of code, rotation with kid, RS256 so verifiers hold only public keys.',
  server: (now) => new SimServer({ now }),
  snippet: {
    language: 'python-django',
    note: 'simplejwt reads SIGNING_KEY and VERIFYING_KEY from settings: load them from the environment (os.environ["JWT_SIGNING_KEY"]) or a secret manager, never from the repository.',
  },
  steps: [
    {
      title: 'A secret of the right length',
      text: 'HS256 needs a secret of at least 256 bits (RFC 7518 \u00a73.2): 32 random bytes, as python -c "import secrets; print(secrets.token_urlsafe(32))" prints. Keep it in the environment or a secret manager, not in the code: a secret in a repository is a secret on every laptop and in every backup.',
      task: 'Replace "secret" in the key box with 32 or more random characters, then give it to the server.',
      setup: async () => ({ key: 'secret' }),
      actions: [
        {
          id: 'use-secret',
          label: 'Give the server the key box\u2019s secret',
          async run(ctx, page) {
            const bytes = encoder.encode(page.key.trim()).length;
            if (bytes < 32) return { note: `Refused: ${bytes} bytes is under the 32 HS256 needs.` };
            ctx.server.keys.add({
              kid: ctx.server.nextId('hs'),
              alg: 'HS256',
              signing: page.key.trim(),
              verifying: page.key.trim(),
            });
            return { note: `The server signs with the new ${bytes}-byte secret from now on.` };
          },
        },
      ],
      check(attempts) {
        const secret = lastOf(attempts).page.key.trim();
        const bytes = encoder.encode(secret).length;
        if (bytes < 32)
          return failed(
            `"${secret.slice(0, 12)}" is ${bytes} bytes: HS256 needs at least 32, and a short or common word is cracked in seconds (see the weak-secret attack).`,
          );
        if (new Set(secret).size < 16)
          return failed(
            'Long enough, but made of few distinct characters: use random bytes, not a repeated word.',
          );
        return passed(`${bytes} bytes of varied characters: long enough for HS256.`);
      },
    },
    {
      title: 'Rotate with kid',
      text: 'Rotation: add a new secret under a new "kid" and sign with it, keep the old one for verifying while tokens signed with it are alive, then retire it. The token\u2019s "kid" header tells the server which key to try; the key box holds both as a JWKS.',
      task: 'Rotate, retire the old key, then call with a token signed by the old key.',
      setup: async (ctx) => ({
        token: await oldToken(ctx),
        key: ctx.server.keys.current.verifying,
        clock: String(ctx.server.now),
      }),
      actions: [
        {
          id: 'rotate',
          label: 'Rotate: new kid, sign with it',
          async run(ctx) {
            const old = ctx.server.keys.current;
            const secret = randomSecret(32);
            const kid = ctx.server.nextId('hs');
            ctx.server.keys.add({ kid, alg: 'HS256', signing: secret, verifying: secret });
            const { token } = await ctx.server.issue(
              { sub: 'alice', aud: ctx.server.audience },
              300,
            );
            const jwk = (k: string, s: string) => ({
              kty: 'oct',
              kid: k,
              alg: 'HS256',
              k: encodePart(s),
            });
            const key = JSON.stringify(
              { keys: [jwk(old.kid, old.signing), jwk(kid, secret)] },
              null,
              2,
            );
            return { token, key, note: `New key ${kid} signs; ${old.kid} still verifies.` };
          },
        },
        {
          id: 'retire',
          label: 'Retire the old key',
          run: async (ctx) => {
            ctx.server.keys.retire('hs-1');
            return { note: `Retired hs-1; accepted now: ${ctx.server.keys.accepted.join(', ')}.` };
          },
        },
        {
          id: 'call-old',
          label: 'GET /api/profile with the old token',
          run: async (ctx) => send(ctx, withBearer('GET', '/api/profile', await oldToken(ctx))),
        },
      ],
      check(attempts) {
        const call = attemptsOf(attempts, 'call-old').at(-1);
        if (!call) return pending('Call with the old token.');
        if (statusOf(call) === 200)
          return failed(
            '200: the old key is still accepted (right during a rotation). Retire it, then call.',
          );
        return /no accepted key/.test(reasonOf(call))
          ? passed(`401: ${reasonOf(call)}. Old tokens die with their key.`)
          : failed(`${statusOf(call)}: ${reasonOf(call)}.`);
      },
    },
    {
      title: 'RS256: verifiers hold only public keys',
      text: 'With HMAC every verifier holds the secret that signs, so every verifier can forge. With RS256 only the issuer holds the private key; APIs fetch the public keys from a JWKS, which never contains a secret.',
      task: 'Switch the server to RS256, then fetch its JWKS.',
      actions: [
        {
          id: 'fetch-jwks',
          label: 'GET /jwks.json',
          run: (ctx) => send(ctx, { method: 'GET', path: '/jwks.json' }),
        },
        {
          id: 'switch-rs256',
          label: 'Switch the server to RS256',
          async run(ctx) {
            const pair = await rsaKey(ctx);
            const { token } = await ctx.server.issue(
              { sub: 'alice', aud: ctx.server.audience },
              300,
            );
            return {
              token,
              key: pair.publicPem,
              note: 'The server signs with rs-1; the key box holds only its public key.',
            };
          },
        },
      ],
      check(attempts) {
        const fetched = attemptsOf(attempts, 'fetch-jwks').at(-1);
        if (!fetched) return pending('Fetch the JWKS.');
        const keys = (fetched.result.response?.body.keys ?? []) as Record<string, unknown>[];
        if (!keys.length)
          return failed(
            'The JWKS is empty: an HMAC secret is never published. Switch to RS256 first.',
          );
        return keys.every((k) => k.d === undefined && k.k === undefined)
          ? passed(`${keys.length} public key: any API can verify with it, none can sign.`)
          : failed('The JWKS holds private material.');
      },
    },
  ],
};

/** Lesson 8 of the course. */
export const KEY_LESSONS: readonly CourseLesson[] = [keyManagement];
