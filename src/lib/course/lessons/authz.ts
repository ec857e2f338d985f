/**
 * Lesson 2: 401 versus 403, who you are versus what you may do, and the
 * scope a 403 names.
 */
import { SimServer } from '../server';
import type { CourseContext, CourseLesson } from '../lesson-types';
import {
  callWithPageToken,
  failed,
  lastOf,
  login,
  passed,
  reasonOf,
  send,
  statusOf,
  withBearer,
} from '../actions';

const aliceToken = (ctx: CourseContext) =>
  ctx.memo('alice-token', async () => (await login(ctx, 'alice')).token ?? '');
const callAdmin = callWithPageToken(
  'call-admin',
  'GET /api/admin with the page\u2019s token',
  'GET',
  '/api/admin',
);
const callProfile = callWithPageToken(
  'call-profile',
  'GET /api/profile with the page\u2019s token',
  'GET',
  '/api/profile',
);

/** Lesson 2 of the course. */
export const AUTHZ_LESSON: CourseLesson = {
  id: 'authz',
  title: 'Authentication vs authorization',
  summary: '401 when the server does not know you, 403 when it does and says no.',
  server: (now) => new SimServer({ now }),
  snippet: {
    language: 'python-fastapi',
    note: 'In FastAPI the dependency that decodes the token raises 401; a second dependency that reads "scope" or "role" raises 403 (HTTPException(status_code=403)).',
  },
  steps: [
    {
      title: '403: known, but not allowed',
      text: 'alice is logged in; her token says "role": "user" and "scope": "profile:read". GET /api/admin needs role admin.',
      task: 'Call GET /api/admin with alice\u2019s token and see the difference between who you are and what you may do.',
      setup: async (ctx) => ({
        token: await aliceToken(ctx),
        key: ctx.server.keys.current.verifying,
        clock: String(ctx.server.now),
      }),
      actions: [callAdmin, callProfile],
      check(attempts) {
        const last = lastOf(attempts);
        const status = statusOf(last);
        if (status === 403)
          return passed(
            `403: the token is valid (the server knows this is alice), but ${reasonOf(last)}. Authenticated, not authorized.`,
          );
        if (status === 200 && last.action === 'call-profile')
          return failed('200: /api/profile is open to any signed-in user. Call /api/admin.');
        if (status === 200)
          return failed(
            '200: the token claims admin. The page holds the server\u2019s secret, so an edited token is re-signed: exactly why the secret must never leave the server. Put alice\u2019s token back.',
          );
        return failed(
          `401: the token itself was refused (${reasonOf(last)}), so the server never got to the role. Put alice\u2019s token back.`,
        );
      },
    },
    {
      title: '401: not known at all',
      text: 'A 401 means "I do not know who you are": no token, or one whose signature, exp, iss or aud fails. The answer carries WWW-Authenticate: Bearer error="invalid_token".',
      task: 'Break the token in the token box (change one character of its signature, the last part), then call GET /api/admin again.',
      setup: async (ctx) => ({
        token: await aliceToken(ctx),
        key: ctx.server.keys.current.verifying,
      }),
      actions: [callAdmin],
      check(attempts) {
        const last = lastOf(attempts);
        if (statusOf(last) === 401)
          return passed(
            `401: ${reasonOf(last)}. The server stopped at authentication and never looked at the role.`,
          );
        return failed(
          `${statusOf(last)}: the token is still valid, so the server got as far as the role. Change a character of the signature first.`,
        );
      },
    },
    {
      title: 'Scopes: 403 insufficient_scope',
      text: 'With OAuth scopes, a missing scope is a 403 whose challenge names the scope needed: WWW-Authenticate: Bearer error="insufficient_scope", scope="orders:write" (RFC 6750 \u00a73.1).',
      task: 'Try to place an order (POST /api/orders) with alice\u2019s token.',
      setup: async (ctx) => ({
        token: await aliceToken(ctx),
        key: ctx.server.keys.current.verifying,
      }),
      actions: [
        {
          id: 'post-order',
          label: 'POST /api/orders with the page\u2019s token',
          run: (ctx, page) => send(ctx, withBearer('POST', '/api/orders', page.token, {})),
        },
        callProfile,
      ],
      check(attempts) {
        const last = lastOf(attempts);
        const challenge = last.result.response?.headers['www-authenticate'] ?? '';
        if (statusOf(last) === 403 && challenge.includes('insufficient_scope'))
          return passed(
            `403 with ${challenge}: alice is known, her scope does not include orders:write.`,
          );
        if (last.action === 'call-profile')
          return failed('That read the profile, which profile:read allows. Try the order.');
        return failed(
          `${statusOf(last)}: ${reasonOf(last) || 'not the scope refusal'}. Put alice\u2019s token back and post the order.`,
        );
      },
    },
  ],
};
