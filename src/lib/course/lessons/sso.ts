/**
 * Lessons 9 and 10: single sign-on with OpenID Connect (aud, nonce,
 * discovery, JWKS), and when to encrypt (a nested JWE only the API opens).
 */
import { decodeJwt } from 'jose';
import { decodeToken } from '../../jws/decode';
import { encryptJwe } from '../../jwe/encrypt';
import { makeKeyPair } from '../../lessons/tokens';
import { SimServer } from '../server';
import type { CourseContext, CourseLesson } from '../lesson-types';
import {
  attemptsOf,
  callWithPageToken,
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

import { rsaKey } from './keys';

const CLIENT_ID = 'course-web';

const signIn = async (ctx: CourseContext, nonce: string) => {
  const result = await send(ctx, {
    method: 'POST',
    path: '/authorize',
    body: { username: 'alice', password: 'correct horse', client_id: CLIENT_ID, nonce },
  });
  return {
    result,
    id: String(result.response?.body.id_token ?? ''),
    access: String(result.response?.body.access_token ?? ''),
  };
};

const oidcSso: CourseLesson = {
  id: 'oidc-sso',
  title: 'Single sign-on with OpenID Connect',
  summary:
    'An ID token for the client, an access token for the API: aud, nonce, discovery and JWKS.',
  server: (now) => new SimServer({ now }),
  snippet: {
    language: 'python-django',
    note: 'A Django API behind an OIDC provider sets simplejwt\u2019s JWK_URL to the provider\u2019s jwks_uri, ALGORITHM = "RS256" and AUDIENCE to the API, so an ID token (aud = the client) is refused.',
  },
  steps: [
    {
      title: 'Discovery, then JWKS',
      text: 'A client or API learns everything from the issuer\u2019s /.well-known/openid-configuration: its endpoints, and jwks_uri, where the public keys are.',
      task: 'Fetch the discovery document, then the JWKS it names.',
      setup: async (ctx) => ({ key: (await rsaKey(ctx)).publicPem, clock: String(ctx.server.now) }),
      actions: [
        {
          id: 'discover',
          label: 'GET /.well-known/openid-configuration',
          run: (ctx) => send(ctx, { method: 'GET', path: '/.well-known/openid-configuration' }),
        },
        {
          id: 'jwks',
          label: 'GET /jwks.json',
          run: (ctx) => send(ctx, { method: 'GET', path: '/jwks.json' }),
        },
      ],
      check(attempts) {
        const discover = attemptsOf(attempts, 'discover').at(-1);
        const jwks = attemptsOf(attempts, 'jwks').at(-1);
        if (!jwks) return pending('Now fetch the jwks_uri it names.');
        return discover && attempts.indexOf(discover) < attempts.indexOf(jwks)
          ? passed(
              'The JWKS came from the jwks_uri that discovery named: the keys are the issuer\u2019s.',
            )
          : failed(
              'You fetched a guessed URL: a client takes jwks_uri from discovery. Fetch discovery first.',
            );
      },
    },
    {
      title: 'An ID token is not an access token',
      text: 'Sign-in returns two tokens. The ID token tells the client who signed in: its "aud" is the client ("course-web"). The access token is for the API. An API that accepted ID tokens would let any client that ever saw one call it.',
      task: 'Sign in, then call the API with the ID token now in the page.',
      setup: async (ctx) => ({ key: (await rsaKey(ctx)).publicPem }),
      actions: [
        {
          id: 'sign-in',
          label: 'Sign in (POST /authorize)',
          async run(ctx) {
            const { result, id, access } = await signIn(ctx, ctx.server.nextId('nonce'));
            ctx.client.cookies.access_token = access;
            return { ...result, token: id };
          },
        },
        callWithPageToken(
          'call-id',
          'GET /api/profile with the page\u2019s token',
          'GET',
          '/api/profile',
        ),
        {
          id: 'call-access',
          label: 'GET /api/profile with the access token',
          run: (ctx) =>
            send(ctx, withBearer('GET', '/api/profile', ctx.client.cookies.access_token ?? '')),
        },
      ],
      check(attempts) {
        const last = lastOf(attempts);
        if (last.action === 'sign-in') return pending('Now call the API with the ID token.');
        if (statusOf(last) === 200)
          return failed(
            '200: that was the access token, meant for the API. Call with the ID token.',
          );
        const aud = last.page.token ? decodeJwt(last.page.token).aud : undefined;
        return aud === CLIENT_ID
          ? passed(`401: ${reasonOf(last)}. The API refused a token meant for the client.`)
          : failed(`${statusOf(last)}: ${reasonOf(last)}. Sign in first.`);
      },
    },
    {
      title: 'nonce: this sign-in, not a replayed one',
      text: 'The client sends a fresh random "nonce" with each sign-in and accepts only an ID token carrying it back. An ID token captured from another sign-in carries another nonce.',
      task: 'Offer the client the ID token captured from an earlier sign-in.',
      setup: async (ctx) => {
        await rsaKey(ctx);
        const old = await ctx.memo('replayed', () => signIn(ctx, 'nonce-old'));
        const fresh = await ctx.memo('fresh', () => signIn(ctx, 'nonce-fresh'));
        void old;
        return { token: fresh.id };
      },
      actions: ['fresh', 'replayed'].map((which) => ({
        id: `accept-${which}`,
        label:
          which === 'fresh'
            ? 'Client receives this sign-in\u2019s ID token'
            : 'Client receives the captured ID token',
        async run(ctx: CourseContext) {
          const { id } = await ctx.memo(which, () => signIn(ctx, `nonce-${which}`));
          const nonce = decodeJwt(id).nonce;
          const ok = nonce === 'nonce-fresh';
          return {
            token: id,
            note: `The client expected nonce "nonce-fresh", the token carries "${String(nonce)}": ${ok ? 'accepted' : 'refused'}.`,
          };
        },
      })),
      check(attempts) {
        const last = lastOf(attempts);
        return last.action === 'accept-replayed'
          ? passed('Refused: the captured token carries another sign-in\u2019s nonce.')
          : failed(
              'That was this sign-in\u2019s own token, rightly accepted. Offer the captured one.',
            );
      },
    },
  ],
};

/** What a proxy on the path can read of `token`: the claims of a JWS, only the header of a JWE. */
export function proxyView(token: string): { readable: boolean; text: string } {
  const decoded = decodeToken(token);
  if (!decoded.ok) return { readable: false, text: 'not a token' };
  if (decoded.value.kind === 'jwe')
    return {
      readable: false,
      text: `a JWE: only its header (${JSON.stringify(decoded.value.header)})`,
    };
  return { readable: true, text: `the claims ${decoded.value.payloadText}` };
}

const encryptionKey = (ctx: CourseContext) =>
  ctx.memo('enc', async () => {
    const pair = await makeKeyPair('RS256');
    ctx.server.decryptionKey = pair.privatePem;
    return pair;
  });

const encrypt: CourseLesson = {
  id: 'encrypt',
  title: 'When to encrypt',
  summary: 'The same claims as a JWS anyone can read, and as a nested JWE only the API opens.',
  server: (now) => new SimServer({ now }),
  snippet: {
    language: 'python-fastapi',
    note: 'PyJWT does not do JWE: a FastAPI service decrypts first with a JOSE library (python-jose, jwcrypto, joserfc), then hands the inner JWS to jwt.decode.',
  },
  steps: [
    {
      title: 'Sign, then encrypt',
      text: 'A JWS is signed, not hidden: every proxy, log and browser extension on the way reads its claims. A nested JWE (RFC 7519 \u00a75.2) signs first and then encrypts to the API\u2019s public key: only the API reads it, and the signature inside still proves who issued it.',
      task: 'Encrypt the token for the API, then send it through the logging proxy.',
      setup: async (ctx) => {
        await encryptionKey(ctx);
        return {
          token: await ctx.memo('jws', async () => (await login(ctx, 'alice')).token ?? ''),
          key: ctx.server.keys.current.verifying,
          clock: String(ctx.server.now),
        };
      },
      actions: [
        {
          id: 'encrypt',
          label: 'Encrypt the page\u2019s token for the API (RSA-OAEP-256, A256GCM)',
          async run(ctx, page) {
            const pair = await encryptionKey(ctx);
            const built = await encryptJwe({
              headerText: '{"alg":"RSA-OAEP-256","enc":"A256GCM","cty":"JWT"}',
              payloadText: page.token.trim(),
              keyText: pair.publicPem,
              secretEncoding: 'utf8',
            });
            if (!built.ok) return { note: `Could not encrypt: ${built.error.message}` };
            return {
              token: built.value.token,
              note: 'The signed token is now the plaintext of a JWE only the API\u2019s private key opens.',
            };
          },
        },
        {
          id: 'proxy-send',
          label: 'Send it through the logging proxy to GET /api/profile',
          async run(ctx, page) {
            const view = proxyView(page.token.trim());
            ctx.server.record({
              method: 'GET',
              path: '/api/profile (proxy)',
              status: 0,
              checked: [`the proxy logged ${view.text}`],
            });
            const result = await send(
              ctx,
              withBearer('GET', '/api/profile', page.token),
              `The proxy could ${view.readable ? '' : 'not '}read the claims.`,
            );
            return { ...result, note: result.note, stolen: view.readable ? view.text : null };
          },
        },
      ],
      check(attempts) {
        const sent = attemptsOf(attempts, 'proxy-send').at(-1);
        if (!sent) return pending('Send it through the proxy.');
        if (sent.result.stolen)
          return failed('The proxy logged the claims: a JWS is only signed. Encrypt it first.');
        return statusOf(sent) === 200
          ? passed(
              'The proxy saw only a JWE header; the API decrypted it, verified the signature inside and answered 200.',
            )
          : failed(`${statusOf(sent)}: ${reasonOf(sent)}.`);
      },
    },
    {
      title: 'Who can read what',
      text: 'Anyone can read a JWS. A JWE needs the recipient\u2019s private key: the page shows the claims only once its key box holds it. The public key encrypts, and nothing more.',
      task: 'Give the page the key that opens the JWE.',
      setup: async (ctx) => ({ key: (await encryptionKey(ctx)).publicPem }),
      actions: [
        {
          id: 'give-public',
          label: 'Put the API\u2019s public key in the key box',
          run: async (ctx) => ({
            key: (await encryptionKey(ctx)).publicPem,
            note: 'The key box holds the public key.',
          }),
        },
        {
          id: 'give-private',
          label: 'Put the API\u2019s private key in the key box',
          run: async (ctx) => ({
            key: (await encryptionKey(ctx)).privatePem,
            note: 'The key box holds the private key.',
          }),
        },
      ],
      check(attempts) {
        return lastOf(attempts).action === 'give-private'
          ? passed(
              'With the private key the page opens the JWE and shows the signed token inside: only the API (and you, now) can read it.',
            )
          : failed(
              'A public key encrypts but cannot decrypt: the page still cannot read the claims.',
            );
      },
    },
  ],
};

/** Lessons 9 and 10 of the course. */
export const SSO_LESSONS: readonly CourseLesson[] = [oidcSso, encrypt];
