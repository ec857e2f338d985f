/**
 * Lessons 1 and 2: logging in and how the token travels (body, header,
 * cookie with CSRF protection), then 401 versus 403.
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

const serverKey = (ctx: CourseContext) => ctx.server.keys.current.verifying;

/** Make sure the browser holds bob's access-token cookie (a step may be opened directly). */
async function cookieLogin(ctx: CourseContext): Promise<void> {
  if (!ctx.client.cookies.access_token) await login(ctx, 'bob', 'cookie');
}

const delivery: CourseLesson = {
  id: 'delivery',
  title: 'Login and token delivery',
  summary:
    'A password for a token: in the body, a header or a cookie, and what CSRF means for the cookie.',
  server: (now) => new SimServer({ now }),
  snippet: {
    language: 'python-django',
    note: 'djangorestframework-simplejwt\u2019s TokenObtainPairView is the /login here: it returns {"access", "refresh"} in the body.',
  },
  steps: [
    {
      title: 'Log in: the token in the response body',
      text: 'The simulated server has three users. POST /login checks the password and, if it matches, signs an access token (5 minutes) and a refresh token with its own HMAC secret, through this page\u2019s engine.\n\nThe key box holds the server\u2019s secret so that you can see the token verify: a real client never has it.',
      task: 'Log in as bob with his password, and look at the token the server put in the page.',
      setup: async (ctx) => ({ key: serverKey(ctx), clock: String(ctx.server.now) }),
      actions: [
        {
          id: 'login',
          label: 'POST /login as bob (right password)',
          run: (ctx) => login(ctx, 'bob'),
        },
        {
          id: 'login-wrong',
          label: 'POST /login as bob (password "guess")',
          run: (ctx) => login(ctx, 'bob', 'body', 'guess'),
        },
      ],
      check(attempts) {
        const last = lastOf(attempts);
        if (statusOf(last) === 200)
          return passed(
            '200: the password matched and the token came back in the JSON body as "access_token"; the page verifies it with the server\u2019s key.',
          );
        return failed(
          '401: the password did not match, so the server issued nothing. Log in with bob\u2019s real password.',
        );
      },
    },
    {
      title: 'Send it back: Authorization: Bearer',
      text: 'The client keeps the token and sends it on every call in the Authorization header (RFC 6750). The API verifies the signature, exp, iss and aud before it answers.',
      task: 'Call GET /api/profile with the token in the page as a bearer token.',
      setup: async (ctx) => {
        const token = await ctx.memo(
          'bob-token',
          async () => (await login(ctx, 'bob')).token ?? '',
        );
        return { token, key: serverKey(ctx), clock: String(ctx.server.now) };
      },
      actions: [
        callWithPageToken(
          'call-bearer',
          'GET /api/profile with Authorization: Bearer',
          'GET',
          '/api/profile',
        ),
        {
          id: 'call-bare',
          label: 'GET /api/profile with no credentials',
          run: (ctx) => send(ctx, { method: 'GET', path: '/api/profile' }),
        },
      ],
      check(attempts) {
        const last = lastOf(attempts);
        if (statusOf(last) === 200)
          return passed(
            '200: the server found the bearer token, verified it and knew you were bob.',
          );
        if (last.action === 'call-bare')
          return failed(
            '401 with "WWW-Authenticate: Bearer": nothing was sent, so the server does not know who is calling. Send the token.',
          );
        return failed(
          `401: the server refused the token (${reasonOf(last)}). Put bob\u2019s token back and call again.`,
        );
      },
    },
    {
      title: 'Header or cookie delivery',
      text: 'A login may also hand the token over in a response header (the client script copies it) or in a Set-Cookie. With "HttpOnly" the page\u2019s scripts cannot read the cookie at all; "Secure" keeps it off plain HTTP; "SameSite=Strict" keeps the browser from attaching it to requests another site starts.',
      task: 'Get the token into an HttpOnly cookie: log in with the cookie delivery and read the Set-Cookie line in the log.',
      actions: [
        {
          id: 'login-header',
          label: 'POST /login, token in a response header',
          run: (ctx) => login(ctx, 'bob', 'header'),
        },
        {
          id: 'login-cookie',
          label: 'POST /login, token in a Set-Cookie',
          run: (ctx) => login(ctx, 'bob', 'cookie'),
        },
      ],
      check(attempts) {
        const last = lastOf(attempts);
        const cookie = last.result.response?.setCookies.find((c) => c.name === 'access_token');
        if (cookie?.httpOnly && cookie.sameSite === 'Strict')
          return passed(
            'The token is in an HttpOnly, Secure, SameSite=Strict cookie: the browser sends it, no script of the page can read it.',
          );
        return failed(
          'That was the header delivery: the client\u2019s script reads the token and must keep it somewhere a script can read. Use the cookie delivery.',
        );
      },
    },
    {
      title: 'CSRF: the cookie rides along',
      text: 'A cookie is attached to requests by the browser, whoever starts them. Two defences: SameSite (the browser does not attach a Strict cookie to a request another site starts) and a CSRF token the server bound into the signed token, which the page sends in an X-CSRF-Token header and another site cannot know.',
      task: 'Place an order from the page itself (POST /api/orders with the cookie and the X-CSRF-Token header).',
      setup: async (ctx) => {
        await cookieLogin(ctx);
        return {};
      },
      actions: [
        {
          id: 'page-post',
          label: 'POST /api/orders from the page (cookie + X-CSRF-Token)',
          run: (ctx) =>
            send(ctx, {
              method: 'POST',
              path: '/api/orders',
              cookies: { ...ctx.client.cookies },
              headers: { 'x-csrf-token': ctx.client.csrfToken },
            }),
        },
        {
          id: 'forged-post',
          label: 'POST /api/orders from another site\u2019s forged form',
          // SameSite=Strict: the browser sends no cookie on a request another site starts.
          run: (ctx) =>
            send(
              ctx,
              { method: 'POST', path: '/api/orders', crossSite: true },
              'The browser attached no SameSite=Strict cookie.',
            ),
        },
      ],
      check(attempts) {
        const last = lastOf(attempts);
        if (statusOf(last) === 201)
          return passed(
            '201: the cookie authenticated bob and the X-CSRF-Token header matched the one bound into his token.',
          );
        if (last.action === 'forged-post')
          return failed(
            'That was the other site\u2019s forged form: the browser kept the SameSite cookie back, so the server refused it. Now send the page\u2019s own request.',
          );
        return failed(
          `${statusOf(last)}: ${reasonOf(last)}. Log in with the cookie delivery (step 3) and try again.`,
        );
      },
    },
  ],
};

const aliceToken = (ctx: CourseContext) =>
  ctx.memo('alice-token', async () => (await login(ctx, 'alice')).token ?? '');

const authz: CourseLesson = {
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
      actions: [
        callWithPageToken(
          'call-admin',
          'GET /api/admin with the page\u2019s token',
          'GET',
          '/api/admin',
        ),
        callWithPageToken(
          'call-profile',
          'GET /api/profile with the page\u2019s token',
          'GET',
          '/api/profile',
        ),
      ],
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
      actions: [
        callWithPageToken(
          'call-admin',
          'GET /api/admin with the page\u2019s token',
          'GET',
          '/api/admin',
        ),
      ],
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
        callWithPageToken(
          'call-profile',
          'GET /api/profile with the page\u2019s token',
          'GET',
          '/api/profile',
        ),
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

/** Lessons 1 and 2 of the course. */
export const LOGIN_LESSONS: readonly CourseLesson[] = [delivery, authz];
