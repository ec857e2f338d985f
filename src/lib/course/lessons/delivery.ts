/**
 * Lesson 1: logging in and how the token travels (body, header, cookie with
 * CSRF protection).
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
} from '../actions';

const serverKey = (ctx: CourseContext) => ctx.server.keys.current.verifying;

/** Make sure the browser holds bob's access-token cookie (a step may be opened directly). */
async function cookieLogin(ctx: CourseContext): Promise<void> {
  if (!ctx.client.cookies.access_token) await login(ctx, 'bob', 'cookie');
}

/** Lesson 1 of the course. */
export const DELIVERY_LESSON: CourseLesson = {
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
