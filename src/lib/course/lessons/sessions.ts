/**
 * Lessons 3 and 4: access and refresh tokens (rotation, reuse detection),
 * and stateless versus stateful logout.
 */
import { SimServer } from '../server';
import type { CourseAction, CourseContext, CourseLesson } from '../lesson-types';
import {
  after,
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
  waitAction,
  withBearer,
} from '../actions';

export const keyOf = (ctx: CourseContext) => ctx.server.keys.current.verifying;
export const callProfile = callWithPageToken(
  'call',
  'GET /api/profile with the page\u2019s token',
  'GET',
  '/api/profile',
);

/** Spend refresh token `token`; on success the browser keeps the new pair. */
async function refreshWith(ctx: CourseContext, token: string, note: string) {
  const result = await send(
    ctx,
    { method: 'POST', path: '/refresh', body: { refresh_token: token } },
    note,
  );
  const body = result.response!.body;
  if (result.response!.status !== 200) return result;
  ctx.client.spentRefreshTokens.push(token);
  ctx.client.refreshTokens.push(String(body.refresh_token));
  return { ...result, token: String(body.access_token), clock: String(ctx.server.now) };
}

/** Log alice in once per lesson run (a step may be opened directly). */
export async function ensureLogin(ctx: CourseContext): Promise<string> {
  return ctx.memo('login', async () => (await login(ctx, 'alice')).token ?? '');
}

const refreshCurrent: CourseAction = {
  id: 'refresh',
  label: 'POST /refresh with the newest refresh token',
  run: (ctx) => refreshWith(ctx, ctx.client.refreshTokens.at(-1) ?? '', ''),
};

const refresh: CourseLesson = {
  id: 'refresh',
  title: 'Access, refresh and session tokens',
  summary: 'Short access tokens, refresh tokens that rotate, and what reuse of an old one does.',
  server: (now) => new SimServer({ now }),
  snippet: {
    language: 'python-django',
    note: 'simplejwt: ACCESS_TOKEN_LIFETIME, REFRESH_TOKEN_LIFETIME, ROTATE_REFRESH_TOKENS = True and BLACKLIST_AFTER_ROTATION = True (app rest_framework_simplejwt.token_blacklist) give rotation; reuse detection of a whole family is yours to add.',
  },
  steps: [
    {
      title: 'Two tokens at login',
      text: 'The access token lives 5 minutes and goes to the API on every call. The refresh token lives a day and goes only to POST /refresh; its audience is the token endpoint, so the API refuses it.',
      task: 'Log in as alice and find both tokens in the log.',
      setup: async (ctx) => ({ key: keyOf(ctx), clock: String(ctx.server.now) }),
      actions: [
        { id: 'login', label: 'POST /login as alice', run: (ctx) => login(ctx, 'alice') },
        {
          id: 'login-wrong',
          label: 'POST /login as alice (password "guess")',
          run: (ctx) => login(ctx, 'alice', 'body', 'guess'),
        },
      ],
      check: (attempts) =>
        statusOf(lastOf(attempts)) === 200 && lastOf(attempts).result.response?.body.refresh_token
          ? passed(
              '200 with an access token (in the page) and a refresh token (kept by the client), both in one family.',
            )
          : failed('The login failed, so there is nothing to refresh.'),
    },
    {
      title: 'The access token expires',
      text: 'Five minutes is short on purpose: a stolen access token is worth little for long, and the server never has to look it up.',
      task: 'Let 5 minutes pass on the server\u2019s clock, then call GET /api/profile with the same token.',
      setup: async (ctx) => ({ token: await ensureLogin(ctx), key: keyOf(ctx) }),
      actions: [
        waitAction('wait', 'Wait 5 minutes', (ctx) => ctx.server.accessLifetime + 1),
        callProfile,
      ],
      check(attempts) {
        const call = attemptsOf(attempts, 'call').at(-1);
        if (!call) return pending('Now call the API with the same token.');
        if (statusOf(call) === 401 && /exp/.test(reasonOf(call)))
          return passed(`401: ${reasonOf(call)}. Time to use the refresh token.`);
        if (statusOf(call) === 200)
          return failed('200: the token is still inside its 5 minutes. Wait first, then call.');
        return failed(`401 for another reason: ${reasonOf(call)}.`);
      },
    },
    {
      title: 'A refresh rotates the refresh token',
      text: 'POST /refresh spends the refresh token and returns a new access token and a new refresh token of the same family. Each refresh token works once.',
      task: 'Refresh, and compare the new refresh token with the old one in the log.',
      setup: async (ctx) => {
        await ensureLogin(ctx);
        return { key: keyOf(ctx) };
      },
      actions: [refreshCurrent, callProfile],
      check(attempts) {
        const refreshed = attemptsOf(attempts, 'refresh').at(-1);
        if (!refreshed) return failed('That called the API without refreshing: refresh first.');
        return statusOf(refreshed) === 200
          ? passed(
              '200: a new access token is in the page and the refresh token was replaced; the old one is spent.',
            )
          : failed(`${statusOf(refreshed)}: ${reasonOf(refreshed)}.`);
      },
    },
    {
      title: 'Reuse detection',
      text: 'If a spent refresh token comes back, two parties hold copies: the client and a thief. The server cannot tell which is which, so it revokes the whole family, and both must log in again (RFC 9700 \u00a74.14.2).',
      task: 'Replay the first, already spent refresh token, as a thief would.',
      setup: async (ctx) => {
        await ensureLogin(ctx);
        if (!ctx.client.spentRefreshTokens.length)
          await refreshWith(ctx, ctx.client.refreshTokens.at(-1) ?? '', '');
        return { key: keyOf(ctx) };
      },
      actions: [
        {
          id: 'replay',
          label: 'POST /refresh with the first (spent) refresh token',
          run: (ctx) =>
            refreshWith(ctx, ctx.client.spentRefreshTokens[0] ?? '', 'A thief replays it.'),
        },
        refreshCurrent,
      ],
      check(attempts) {
        const replay = attemptsOf(attempts, 'replay').at(-1);
        if (replay && /reuse detected/.test(reasonOf(replay)))
          return passed(`401: ${reasonOf(replay)}. The newest refresh token is dead too: try it.`);
        if (replay) return failed(`${statusOf(replay)}: ${reasonOf(replay)}.`);
        return failed(
          'That was the newest refresh token: a normal rotation. Replay the first one.',
        );
      },
    },
  ],
};

const stateful: CourseLesson = {
  id: 'stateful',
  title: 'Stateless vs stateful',
  summary: 'What the server looks up for each, and what logout does to both.',
  server: (now) => new SimServer({ now }),
  snippet: {
    language: 'python-flask',
    note: 'A stateless Flask route only runs jwt.decode; a stateful one also looks the session (or jti) up in a store such as Redis on every request.',
  },
  steps: [
    {
      title: 'Stateless: logout forgets nothing',
      text: 'A self-contained token is checked by signature and claims alone: the server keeps nothing, so there is nothing to delete at logout. The client drops its copy, but a copy elsewhere keeps working until exp.',
      task: 'Log out with the token, then call GET /api/profile with the same token.',
      setup: async (ctx) => ({
        token: await ensureLogin(ctx),
        key: keyOf(ctx),
        clock: String(ctx.server.now),
      }),
      actions: [
        {
          id: 'logout',
          label: 'POST /logout with the page\u2019s token',
          run: (ctx, page) => send(ctx, withBearer('POST', '/logout', page.token)),
        },
        callProfile,
      ],
      check(attempts) {
        const call = attemptsOf(attempts, 'call').at(-1);
        const logout = attemptsOf(attempts, 'logout').at(-1);
        if (!call) return pending('Now call the API with the same token.');
        if (!after(attempts, call, logout))
          return failed(
            'You called before logging out: log out first, then call with the same token.',
          );
        return statusOf(call) === 200
          ? passed(
              '200 after logout: a stateless server had nothing to forget, the token stays valid until exp.',
            )
          : failed(`${statusOf(call)}: ${reasonOf(call)}.`);
      },
    },
    {
      title: 'Stateful: the session is looked up',
      text: 'A session id is a random handle to a record on the server, sent in an HttpOnly cookie. Every request looks the record up; logout deletes it, and the handle means nothing anywhere from then on.',
      task: 'Log in with a session, log out, then call GET /api/profile with the session cookie.',
      actions: [
        {
          id: 'session-login',
          label: 'POST /session/login as alice',
          async run(ctx) {
            const result = await send(ctx, {
              method: 'POST',
              path: '/session/login',
              body: { username: 'alice', password: 'correct horse' },
            });
            for (const c of result.response!.setCookies) ctx.client.cookies[c.name] = c.value;
            return result;
          },
        },
        {
          id: 'session-logout',
          label: 'POST /session/logout',
          run: (ctx) =>
            send(ctx, {
              method: 'POST',
              path: '/session/logout',
              cookies: { ...ctx.client.cookies },
            }),
        },
        {
          id: 'session-call',
          label: 'GET /api/profile with the session cookie',
          run: (ctx) =>
            send(ctx, { method: 'GET', path: '/api/profile', cookies: { ...ctx.client.cookies } }),
        },
      ],
      check(attempts) {
        const call = attemptsOf(attempts, 'session-call').at(-1);
        const loggedIn = attemptsOf(attempts, 'session-login').at(-1);
        const loggedOut = attemptsOf(attempts, 'session-logout').at(-1);
        if (!call) return pending('Call the API with the session cookie after logging out.');
        if (!loggedIn) return failed('There is no session yet: log in with a session first.');
        if (statusOf(call) === 200)
          return failed('200: the session still exists. Log out, then call again.');
        return after(attempts, call, loggedOut) && after(attempts, loggedOut!, loggedIn)
          ? passed(`401: ${reasonOf(call)}. The server looked the session up and it was gone.`)
          : failed(`${statusOf(call)}: ${reasonOf(call)}.`);
      },
    },
  ],
};

/** Lessons 3 and 4 of the course. */
export const SESSION_LESSONS: readonly CourseLesson[] = [refresh, stateful];
