/**
 * The authorization server's side: login with three ways to deliver the
 * token, refresh with rotation and reuse detection, logout, revocation
 * (RFC 7009), introspection (RFC 7662) and server-side sessions.
 */
import type { JsonObject } from '../jws/decode';
import { bearer, exact, field, reply, type Route } from './route-kit';
import type { SimServer } from './server';
import type { Delivery, SetCookie, SimUser } from './types';
import { verifyToken } from './verify-token';

const cookie = (name: string, value: string, maxAge: number, httpOnly = true): SetCookie => ({
  name,
  value,
  httpOnly,
  secure: true,
  sameSite: 'Strict',
  path: '/',
  maxAge,
});

/** The claims of a user's access token. */
export const accessClaims = (server: SimServer, user: SimUser): JsonObject => ({
  sub: user.username,
  aud: server.audience,
  role: user.role,
  scope: user.scope.join(' '),
  tenant: user.tenant,
});

/** Issue an access token and a refresh token in `family`. */
async function tokenPair(server: SimServer, user: SimUser, family: string, extra: JsonObject = {}) {
  const access = await server.issue(
    { ...accessClaims(server, user), ...extra },
    server.accessLifetime,
    'at+jwt',
  );
  const refresh = await server.issue(
    { sub: user.username, aud: `${server.issuer}/token` },
    server.refreshLifetime,
  );
  server.families.add(refresh.jti, family, user.username, refresh.exp);
  return { access, refresh };
}

async function login(
  server: SimServer,
  request: Parameters<Route['handle']>[1],
  checked: string[],
) {
  const user = server.login(request.body?.username, request.body?.password);
  if (!user) {
    checked.push('password does not match: nothing issued');
    return reply(401, { error: 'invalid_credentials' });
  }
  checked.push(`password of ${user.username} ok`);
  const delivery =
    (['body', 'header', 'cookie'] as const).find((d) => d === field(request, 'delivery')) ?? 'body';
  const family = server.nextId('family');
  // The cookie form binds a CSRF token into the signed token: a forged request cannot know it.
  const csrf = delivery === 'cookie' ? server.nextId('csrf') : undefined;
  const { access, refresh } = await tokenPair(server, user, family, csrf ? { csrf } : {});
  checked.push(
    `issued access ${access.jti} (${server.accessLifetime} s) and refresh ${refresh.jti} in ${family}`,
  );
  return deliver(delivery, access, refresh.token, csrf, server, checked);
}

function deliver(
  delivery: Delivery,
  access: { token: string; exp: number },
  refreshToken: string,
  csrf: string | undefined,
  server: SimServer,
  checked: string[],
) {
  const common = {
    token_type: 'Bearer',
    expires_in: server.accessLifetime,
    refresh_token: refreshToken,
  };
  checked.push(`delivered in the ${delivery}`);
  if (delivery === 'header')
    return reply(200, common, { headers: { authorization: `Bearer ${access.token}` } });
  if (delivery === 'cookie')
    return reply(
      200,
      { ...common, csrf_token: csrf },
      {
        setCookies: [cookie('access_token', access.token, server.accessLifetime)],
      },
    );
  return reply(200, { ...common, access_token: access.token });
}

async function refresh(
  server: SimServer,
  request: Parameters<Route['handle']>[1],
  checked: string[],
) {
  const token = field(request, 'refresh_token');
  const policy = { ...server.policy, audiences: [`${server.issuer}/token`] };
  const result = await verifyToken(token, server.keys, policy, server.now);
  checked.push(...result.checked);
  if (!result.ok) return reply(401, { error: 'invalid_grant', error_description: result.reason });
  const jti = String(result.claims.jti);
  const outcome = server.families.rotate(jti, server.now);
  if (!outcome.ok) {
    const why =
      outcome.reason === 'reused'
        ? `refresh ${jti} was already used: reuse detected, ${outcome.family} revoked`
        : `refresh ${jti} refused (${outcome.reason})`;
    checked.push(why);
    return reply(401, { error: 'invalid_grant', error_description: why });
  }
  const user = server.users.find((u) => u.username === outcome.sub);
  if (!user) return reply(401, { error: 'invalid_grant' });
  const pair = await tokenPair(server, user, outcome.family);
  checked.push(
    `rotated: ${jti} spent, issued access ${pair.access.jti} and refresh ${pair.refresh.jti}`,
  );
  return reply(200, {
    access_token: pair.access.token,
    token_type: 'Bearer',
    expires_in: server.accessLifetime,
    refresh_token: pair.refresh.token,
  });
}

async function logout(
  server: SimServer,
  request: Parameters<Route['handle']>[1],
  checked: string[],
) {
  const result = await server.check(bearer(request));
  checked.push(...result.checked);
  if (!result.ok) return reply(401, { error: 'invalid_token' });
  const { jti, exp, sub } = result.claims;
  server.families.revokeSubject(String(sub));
  checked.push(`refresh families of ${String(sub)} revoked`);
  if (server.useDenylist && typeof jti === 'string' && typeof exp === 'number') {
    server.denylist.add(jti, exp);
    checked.push(`jti "${jti}" denied until exp`);
  } else checked.push('stateless: nothing kept about the access token, it stays valid until exp');
  return reply(200, { logged_out: true }, { setCookies: [cookie('access_token', '', 0)] });
}

async function revoke(
  server: SimServer,
  request: Parameters<Route['handle']>[1],
  checked: string[],
) {
  const result = await server.check(field(request, 'token'));
  checked.push(...result.checked);
  const { jti, exp } = result.ok ? result.claims : {};
  if (server.useDenylist && typeof jti === 'string' && typeof exp === 'number') {
    server.denylist.add(jti, exp);
    checked.push(`jti "${jti}" denied until exp (${server.denylist.size(server.now)} on the list)`);
  }
  // RFC 7009 §2.2: 200 whether or not the token was valid, so a caller learns nothing.
  return reply(200, {});
}

async function introspect(
  server: SimServer,
  request: Parameters<Route['handle']>[1],
  checked: string[],
) {
  const result = await server.check(field(request, 'token'));
  checked.push(...result.checked);
  // RFC 7662 §2.2: an inactive token gets `active: false` and nothing else.
  if (!result.ok) return reply(200, { active: false });
  const { sub, scope, aud, iss, exp, iat, jti } = result.claims;
  return reply(200, {
    active: true,
    scope,
    client_id: 'course-web',
    username: sub,
    token_type: 'Bearer',
    exp,
    iat,
    sub,
    aud,
    iss,
    jti,
  });
}

async function sessionLogin(
  server: SimServer,
  request: Parameters<Route['handle']>[1],
  checked: string[],
) {
  const user = server.login(request.body?.username, request.body?.password);
  if (!user) {
    checked.push('password does not match');
    return reply(401, { error: 'invalid_credentials' });
  }
  const id = server.nextId('session');
  server.sessions.add({ id, sub: user.username, expires: server.now + server.sessionLifetime });
  checked.push(`password of ${user.username} ok; session ${id} stored on the server`);
  return reply(
    200,
    { session: 'set in an HttpOnly cookie' },
    { setCookies: [cookie('session', id, server.sessionLifetime)] },
  );
}

async function sessionLogout(
  server: SimServer,
  request: Parameters<Route['handle']>[1],
  checked: string[],
) {
  const id = request.cookies?.session ?? '';
  const ended = server.sessions.delete(id);
  checked.push(ended ? `session ${id} deleted: it no longer exists anywhere` : 'no such session');
  return reply(200, { logged_out: ended }, { setCookies: [cookie('session', '', 0)] });
}

/** The authorization server's routes. */
export const AUTH_ROUTES: readonly Route[] = [
  exact('POST', '/login', login),
  exact('POST', '/refresh', refresh),
  exact('POST', '/logout', logout),
  exact('POST', '/revoke', revoke),
  exact('POST', '/introspect', introspect),
  exact('POST', '/session/login', sessionLogin),
  exact('POST', '/session/logout', sessionLogout),
];
