/**
 * Lessons 6 and 7: where the browser keeps the token (a demo that runs in a
 * sandboxed frame, which the page reports back as an attempt), and claims
 * validation as PyJWT's `jwt.decode` arguments, set from the page's own fields.
 */
import { SimServer } from '../server';
import type {
  CheckResult,
  CourseAction,
  CourseContext,
  CourseLesson,
  PageView,
} from '../lesson-types';
import type { StepState } from '../../lessons/types';
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

/** The attempt id the page records when the storage frame reports what its script read. */
export const FRAME_REPORT = 'frame-report';

const storeAction = (store: 'localStorage' | 'cookie', label: string): CourseAction => ({
  id: `store-${store === 'cookie' ? 'cookie' : 'local'}`,
  label,
  async run(ctx) {
    const result = await login(ctx, 'alice', store === 'cookie' ? 'cookie' : 'body');
    const token =
      store === 'cookie' ? (ctx.client.cookies.access_token ?? '') : (result.token ?? '');
    return {
      ...result,
      frame: { store, token },
      note: `${result.note} The demo frame keeps it in ${store === 'cookie' ? 'an HttpOnly cookie' : 'localStorage'} and runs an injected script.`,
    };
  },
});

/** What the frame's script read, judged against what the step wanted. */
function judgeFrame(
  attempts: Parameters<CourseLesson['steps'][number]['check']>[0],
  want: 'stolen' | 'safe',
): CheckResult {
  const report = attemptsOf(attempts, FRAME_REPORT).at(-1);
  const stored = attempts.filter((a) => a.result.frame).at(-1);
  if (!stored) return pending('Store a token first.');
  if (!report || attempts.indexOf(report) < attempts.indexOf(stored))
    return pending('The demo frame is running\u2026');
  const stolen = report.result.stolen;
  const read = typeof stolen === 'string' && stolen === stored.result.frame?.token;
  if (want === 'stolen')
    return read
      ? passed(
          'The injected script read the token from localStorage: it could now send it to any server.',
        )
      : failed(
          'The script found no token: it was in an HttpOnly cookie. For this step keep it in localStorage.',
        );
  return read
    ? failed('The script read the token: that was localStorage. Keep it in an HttpOnly cookie.')
    : passed(
        'The script read document.cookie and found no token: an HttpOnly cookie is sent by the browser but never shown to scripts. (It can still make requests that carry it, which is what CSRF defences are for.)',
      );
}

const storage: CourseLesson = {
  id: 'storage',
  title: 'Storage in the browser',
  summary: 'localStorage read by an injected script, versus an HttpOnly cookie it cannot read.',
  server: (now) => new SimServer({ now }),
  snippet: {
    language: 'python-django',
    note: 'Set the cookie with response.set_cookie("access_token", token, httponly=True, secure=True, samesite="Strict") and read it in a custom simplejwt authentication class.',
  },
  steps: [
    {
      title: 'localStorage: any script reads it',
      text: 'An XSS bug lets an attacker\u2019s script run in your page, with your page\u2019s powers: it reads localStorage as easily as your own code does.\n\nThe demo runs in a sandboxed frame with its own strict policy and an opaque origin, so its storage is a model of the site\u2019s storage kept inside the frame; nothing in it reaches this page\u2019s state.',
      task: 'Store the token in localStorage and watch the injected script in the frame.',
      actions: [
        storeAction('localStorage', 'Log in, keep the token in localStorage'),
        storeAction('cookie', 'Log in, keep the token in an HttpOnly cookie'),
      ],
      check: (attempts) => judgeFrame(attempts, 'stolen'),
    },
    {
      title: 'An HttpOnly cookie: no script reads it',
      text: 'The same script reads document.cookie, which never includes HttpOnly cookies. The browser still attaches the cookie to the site\u2019s requests, so keep SameSite and a CSRF token (lesson 1).',
      task: 'Store the token in an HttpOnly cookie and run the same script.',
      actions: [
        storeAction('cookie', 'Log in, keep the token in an HttpOnly cookie'),
        storeAction('localStorage', 'Log in, keep the token in localStorage'),
      ],
      check: (attempts) => judgeFrame(attempts, 'safe'),
    },
  ],
};

/** The audiences typed in the page's expected-audience field: a comma or space separated list. */
export const audienceList = (text: string): string[] => text.split(/[\s,]+/).filter(Boolean);

/** The claims lesson's `jwt.decode`: the page's settings become the server's arguments. */
const decodeAction: CourseAction = {
  id: 'decode',
  label: 'Send: jwt.decode with the page\u2019s issuer, audience and leeway',
  async run(ctx: CourseContext, page: PageView) {
    ctx.server.policy = {
      issuer: page.expectedIssuer.trim(),
      audiences: audienceList(page.expectedAudience),
      leeway: page.leeway,
      require: REQUIRE,
    };
    const result = await send(ctx, withBearer('GET', '/api/profile', page.token));
    const exception = result.response?.body.exception;
    return typeof exception === 'string'
      ? { ...result, note: `${result.note} PyJWT raises ${exception}.` }
      : result;
  },
};

/** `options={"require": [...]}` of the claims lesson's server. */
export const REQUIRE = ['exp', 'iat', 'sub'];
const API = 'https://api.course.example';
const REPORTS = 'https://reports.course.example';

const exceptionOf = (attempt: ReturnType<typeof lastOf>) =>
  String(attempt.result.response?.body.exception ?? '');
const key = (ctx: CourseContext) => ctx.server.keys.current.verifying;

/** The page for a jwt.decode step: the server's key and clock, no leeway, its issuer and audience. */
const decodePage = (
  ctx: CourseContext,
  token: string,
  over: Partial<StepState> = {},
): StepState => ({
  token,
  key: key(ctx),
  clock: String(ctx.server.now),
  leeway: 0,
  expectedIssuer: ctx.server.issuer,
  expectedAudience: API,
  ...over,
});

const claimsPyjwt: CourseLesson = {
  id: 'claims-pyjwt',
  title: 'Claims validation as PyJWT does it',
  summary:
    'require, leeway, audience lists, issuer and your own tenant check, with the exception each raises.',
  server: (now) => new SimServer({ now }),
  snippet: {
    language: 'python-flask',
    note: 'jwt.decode(token, key, algorithms=["HS256"], audience=[...], issuer=..., leeway=..., options={"require": ["exp", "iat", "sub"]}); the tenant check is your own code after decode.',
  },
  steps: [
    {
      title: 'require: MissingRequiredClaimError',
      text: 'The server decodes with options={"require": ["exp", "iat", "sub"]}. This token has no "sub", so PyJWT raises MissingRequiredClaimError before looking at anything else.\n\nThe page holds the server\u2019s secret, so an edit in the payload editor is re-signed.',
      task: 'Add a "sub" claim (say "alice") in the payload editor, then send.',
      setup: async (ctx) => {
        const { token } = await ctx.memo('no-sub', () => ctx.server.issue({ aud: API }, 300));
        return decodePage(ctx, token);
      },
      actions: [decodeAction],
      check(attempts) {
        const last = lastOf(attempts);
        if (statusOf(last) === 200)
          return passed('200: "sub" is there now, and every required claim with it.');
        return failed(`${exceptionOf(last)}: ${reasonOf(last)}.`);
      },
    },
    {
      title: 'leeway: ExpiredSignatureError',
      text: 'This token expired 20 seconds ago by the server\u2019s clock, which runs ahead of the issuer\u2019s. PyJWT raises ExpiredSignatureError once now \u2212 leeway reaches exp. A leeway of a few seconds absorbs clock skew; an hour of leeway accepts tokens an hour dead.',
      task: 'Set the page\u2019s leeway to 30 seconds, then send.',
      setup: async (ctx) => {
        const { token } = await ctx.memo('skewed', async () => {
          const issued = await ctx.server.issue({ sub: 'alice', aud: API }, 300);
          ctx.server.advance(320);
          return issued;
        });
        return decodePage(ctx, token);
      },
      actions: [decodeAction],
      check(attempts) {
        const last = lastOf(attempts);
        if (statusOf(last) !== 200)
          return failed(`${exceptionOf(last)}: ${reasonOf(last)}. Set a leeway first.`);
        return last.page.leeway <= 60
          ? passed(`200 with leeway=${last.page.leeway}: twenty seconds of skew absorbed, no more.`)
          : failed(
              `Accepted, but leeway=${last.page.leeway} would accept a token that long dead: keep it to seconds.`,
            );
      },
    },
    {
      title: 'audience lists: InvalidAudienceError',
      text: `This server answers as two services, so it passes audience=["${API}", "${REPORTS}"]: a token for either is accepted. PyJWT raises InvalidAudienceError when none of them is in the token\u2019s "aud". The token here is for the billing service.\n\nThe page\u2019s own aud row checks a single audience; the server here reads the field as a comma-separated list.`,
      task: `Keep the list as it is and change the token\u2019s "aud" to "${REPORTS}" in the payload editor, then send.`,
      setup: async (ctx) => {
        const { token } = await ctx.memo('billing', () =>
          ctx.server.issue({ sub: 'alice', aud: 'https://billing.course.example' }, 300),
        );
        return decodePage(ctx, token, { expectedAudience: `${API}, ${REPORTS}` });
      },
      actions: [decodeAction],
      check(attempts) {
        const last = lastOf(attempts);
        const list = audienceList(last.page.expectedAudience);
        if (statusOf(last) !== 200) return failed(`${exceptionOf(last)}: ${reasonOf(last)}.`);
        return list.length === 2 && list.includes(API) && list.includes(REPORTS)
          ? passed('200: the token names one of the audiences the server serves.')
          : failed(
              'Accepted, but the server\u2019s audience list was changed: a server must list only the names it answers to.',
            );
      },
    },
    {
      title: 'issuer: InvalidIssuerError',
      text: 'Without issuer=, PyJWT never looks at "iss": a token from any issuer whose key you also trust would pass. With it, a different "iss" raises InvalidIssuerError.',
      task: 'Set the page\u2019s expected issuer to https://auth.course.example, then send.',
      setup: async (ctx) => {
        const { token } = await ctx.memo('plain', () =>
          ctx.server.issue({ sub: 'alice', aud: API }, 300),
        );
        return decodePage(ctx, token, { expectedIssuer: '' });
      },
      actions: [decodeAction],
      check(attempts, ctx) {
        const last = lastOf(attempts);
        if (statusOf(last) !== 200) return failed(`${exceptionOf(last)}: ${reasonOf(last)}.`);
        return last.page.expectedIssuer.trim() === ctx.server.issuer
          ? passed('200, and this time PyJWT compared "iss" with the issuer you trust.')
          : failed('Accepted without looking at "iss" at all: set the expected issuer.');
      },
    },
    {
      title: 'Your own check: the tenant',
      text: 'PyJWT knows nothing of tenants: jwt.decode returns mallory\u2019s claims without complaint. Checking that the token\u2019s "tenant" is the one in the request is your code\u2019s job, after decode, and it answers 403 (authenticated, not allowed).',
      task: 'Call acme\u2019s invoices with mallory\u2019s token (her tenant is globex).',
      setup: async (ctx) => ({
        token: await ctx.memo('mallory', async () => (await login(ctx, 'mallory')).token ?? ''),
        key: key(ctx),
        expectedIssuer: ctx.server.issuer,
        expectedAudience: API,
      }),
      actions: [
        {
          id: 'call-acme',
          label: 'GET /api/tenants/acme/invoices',
          run: (ctx, page) =>
            send(ctx, withBearer('GET', '/api/tenants/acme/invoices', page.token)),
        },
        {
          id: 'call-globex',
          label: 'GET /api/tenants/globex/invoices',
          run: (ctx, page) =>
            send(ctx, withBearer('GET', '/api/tenants/globex/invoices', page.token)),
        },
      ],
      check(attempts) {
        const last = lastOf(attempts);
        if (statusOf(last) === 403) return passed(`403: decode passed, then ${reasonOf(last)}.`);
        if (statusOf(last) === 200)
          return failed('200: that is mallory\u2019s own tenant. Ask for acme\u2019s.');
        return failed(`${statusOf(last)}: ${reasonOf(last)}.`);
      },
    },
  ],
};

/** Lessons 6 and 7 of the course. */
export const CLIENT_LESSONS: readonly CourseLesson[] = [storage, claimsPyjwt];
