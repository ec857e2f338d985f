/**
 * Lesson 5: revocation, with a `jti` denylist whose entries leave with the
 * token, and introspection (RFC 7662) as the stateful check.
 */
import { decodeJwt } from 'jose';
import { SimServer } from '../server';
import type { CourseLesson } from '../lesson-types';
import {
  after,
  attemptsOf,
  failed,
  login,
  passed,
  pending,
  reasonOf,
  send,
  statusOf,
  waitAction,
} from '../actions';

import { callProfile, ensureLogin, keyOf } from './sessions';

const revocation: CourseLesson = {
  id: 'revocation',
  title: 'Revocation',
  summary: 'A jti denylist whose entries leave with the token, and introspection (RFC 7662).',
  server: (now) => new SimServer({ now, denylist: true }),
  snippet: {
    language: 'python-django',
    note: 'simplejwt\u2019s token_blacklist app keeps OutstandingToken and BlacklistedToken rows by jti; flushexpiredtokens deletes the ones past exp, as this denylist does.',
  },
  steps: [
    {
      title: 'A jti denylist',
      text: 'To revoke a self-contained token before exp, the server keeps its "jti" on a denylist and checks it on every request: a little state, looked up per call.',
      task: 'Revoke the token (POST /revoke), then call GET /api/profile with it.',
      setup: async (ctx) => ({
        token: await ensureLogin(ctx),
        key: keyOf(ctx),
        clock: String(ctx.server.now),
      }),
      actions: [
        {
          id: 'revoke',
          label: 'POST /revoke the page\u2019s token',
          run: (ctx, page) =>
            send(ctx, { method: 'POST', path: '/revoke', body: { token: page.token } }),
        },
        callProfile,
      ],
      check(attempts) {
        const call = attemptsOf(attempts, 'call').at(-1);
        if (!call) return pending('Now call the API with the token.');
        if (statusOf(call) === 200)
          return failed('200: the token is not on the denylist yet. Revoke it first.');
        return /revoked/.test(reasonOf(call))
          ? passed(`401: ${reasonOf(call)}, found on the denylist.`)
          : failed(`401 for another reason: ${reasonOf(call)}.`);
      },
    },
    {
      title: 'Entries leave with the token',
      text: 'An entry is needed only until the token\u2019s own exp: after that, exp refuses it anyway. So the denylist stays as small as the number of revoked tokens still alive.',
      task: 'Wait until the token has expired, then call again: the refusal now comes from exp, and the list is empty.',
      setup: async (ctx) => {
        const token = await ensureLogin(ctx);
        const jti = String(decodeJwt(token).jti);
        if (!ctx.server.denylist.has(jti, ctx.server.now))
          await send(ctx, { method: 'POST', path: '/revoke', body: { token } });
        return { token, key: keyOf(ctx) };
      },
      actions: [
        waitAction('wait', 'Wait until the token has expired', (ctx) => ctx.server.accessLifetime),
        callProfile,
      ],
      check(attempts, ctx) {
        const call = attemptsOf(attempts, 'call').at(-1);
        if (!call) return pending('Now call the API.');
        if (/revoked/.test(reasonOf(call)))
          return failed(
            'Still refused by the denylist entry: the token has not expired yet. Wait, then call.',
          );
        return /exp/.test(reasonOf(call)) && ctx.server.denylist.size(ctx.server.now) === 0
          ? passed(
              `401: ${reasonOf(call)}; the denylist dropped its entry, which protected nothing any more.`,
            )
          : failed(`${statusOf(call)}: ${reasonOf(call)}.`);
      },
    },
    {
      title: 'Introspection: ask the server',
      text: 'RFC 7662: a resource server POSTs the token to /introspect and the authorization server answers {"active": true, ...claims} or just {"active": false}, with no reason given. It is the stateful check: always current, one request per check.',
      task: 'Introspect the fresh token, revoke it, and introspect it again.',
      setup: async (ctx) => ({
        token: await ctx.memo('fresh', async () => (await login(ctx, 'alice')).token ?? ''),
        key: keyOf(ctx),
        clock: String(ctx.server.now),
      }),
      actions: [
        {
          id: 'introspect',
          label: 'POST /introspect the page\u2019s token',
          run: (ctx, page) =>
            send(ctx, { method: 'POST', path: '/introspect', body: { token: page.token } }),
        },
        {
          id: 'revoke',
          label: 'POST /revoke the page\u2019s token',
          run: (ctx, page) =>
            send(ctx, { method: 'POST', path: '/revoke', body: { token: page.token } }),
        },
      ],
      check(attempts) {
        const asked = attemptsOf(attempts, 'introspect').at(-1);
        if (!asked) return pending('Introspect the token.');
        const body = asked.result.response?.body ?? {};
        if (body.active === true)
          return failed('{"active": true}: the token is still good. Revoke it, then ask again.');
        return after(attempts, asked, attemptsOf(attempts, 'revoke').at(-1))
          ? passed(
              '{"active": false} and nothing else: revoked, and the answer says no more than that.',
            )
          : failed(
              '{"active": false}, but not because you revoked it: is the page\u2019s token the fresh one?',
            );
      },
    },
  ],
};

/** Lesson 5 of the course. */
export const REVOCATION_LESSONS: readonly CourseLesson[] = [revocation];
