import { describe, expect, it } from 'vitest';
import { jwtVerify, decodeJwt } from 'jose';
import { signToken } from '../../../src/lib/lessons/tokens';
import { SimServer } from '../../../src/lib/course/server';
import { logText, setCookieText, type SimRequest } from '../../../src/lib/course/types';

const NOW = 1_760_000_000;
const SECRET = 'course-test-secret-of-32-bytes!!';
const ALICE = { username: 'alice', password: 'correct horse' };
const BOB = { username: 'bob', password: 'battery staple' };

const post = (
  path: string,
  body: Record<string, unknown>,
  extra: Partial<SimRequest> = {},
): SimRequest => ({
  method: 'POST',
  path,
  body,
  ...extra,
});
const get = (path: string, token?: string): SimRequest => ({
  method: 'GET',
  path,
  ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
});

async function loggedIn(server: SimServer, who = ALICE) {
  const response = await server.handle(post('/login', { ...who, delivery: 'body' }));
  expect(response.status).toBe(200);
  return {
    access: String(response.body.access_token),
    refresh: String(response.body.refresh_token),
  };
}

describe('login and delivery', () => {
  it('issues a token jose verifies with the server secret, with the claims the API needs', async () => {
    const server = new SimServer({ now: NOW, secret: SECRET });
    const { access } = await loggedIn(server);
    const { payload, protectedHeader } = await jwtVerify(access, new TextEncoder().encode(SECRET), {
      currentDate: new Date(NOW * 1000),
      issuer: 'https://auth.course.example',
      audience: 'https://api.course.example',
    });
    expect(protectedHeader).toEqual({ alg: 'HS256', typ: 'at+jwt', kid: 'hs-1' });
    expect(payload).toMatchObject({
      sub: 'alice',
      role: 'user',
      scope: 'profile:read',
      tenant: 'acme',
      iat: NOW,
      exp: NOW + 300,
    });
    expect(logText(server.log[0]!)).toMatch(
      /^POST \/login → 200 · password of alice ok; issued access jti-\d+ \(300 s\)/,
    );
  });

  it('refuses a wrong password with 401 and issues nothing', async () => {
    const server = new SimServer({ now: NOW });
    const response = await server.handle(post('/login', { username: 'alice', password: 'guess' }));
    expect(response).toMatchObject({ status: 401, body: { error: 'invalid_credentials' } });
    expect(server.log[0]!.checked).toEqual(['password does not match: nothing issued']);
  });

  it('delivers in a header, or in an HttpOnly SameSite=Strict cookie with a CSRF token bound to it', async () => {
    const server = new SimServer({ now: NOW });
    const header = await server.handle(post('/login', { ...ALICE, delivery: 'header' }));
    expect(header.headers.authorization).toMatch(/^Bearer ey/);
    expect(header.body.access_token).toBeUndefined();
    const cookie = await server.handle(post('/login', { ...BOB, delivery: 'cookie' }));
    const set = cookie.setCookies[0]!;
    expect(setCookieText(set)).toMatch(
      /^access_token=ey[^;]+; Path=\/; Max-Age=300; HttpOnly; Secure; SameSite=Strict$/,
    );
    expect(decodeJwt(set.value).csrf).toBe(cookie.body.csrf_token);

    const cookies = { access_token: set.value };
    const forged = await server.handle(post('/api/orders', {}, { cookies }));
    expect(forged).toMatchObject({ status: 403, body: { error: 'csrf_token_missing_or_wrong' } });
    const wrong = await server.handle(
      post('/api/orders', {}, { cookies, headers: { 'x-csrf-token': 'csrf-0' } }),
    );
    expect(wrong.status).toBe(403);
    const good = await server.handle(
      post(
        '/api/orders',
        {},
        { cookies, headers: { 'x-csrf-token': String(cookie.body.csrf_token) } },
      ),
    );
    expect(good).toMatchObject({ status: 201, body: { order: 'created', by: 'bob' } });
  });
});

describe('401 versus 403', () => {
  it.each([
    ['no token', '/api/profile', undefined, 401, 'Bearer'],
    ['alice reads her profile', '/api/profile', 'alice', 200, undefined],
    ['alice is not admin', '/api/admin', 'alice', 403, undefined],
    ['bob is admin', '/api/admin', 'bob', 200, undefined],
    ['a broken token', '/api/admin', 'broken', 401, /^Bearer error="invalid_token"/],
  ] as const)('%s', async (_, path, who, status, challenge) => {
    const server = new SimServer({ now: NOW });
    const alice = await loggedIn(server);
    const bob = await loggedIn(server, BOB);
    const token =
      who === 'alice'
        ? alice.access
        : who === 'bob'
          ? bob.access
          : who === 'broken'
            ? `${alice.access}x`
            : undefined;
    const response = await server.handle(get(path, token));
    expect(response.status).toBe(status);
    if (challenge) expect(response.headers['www-authenticate']).toMatch(challenge);
  });

  it('names the missing scope in the 403 challenge', async () => {
    const server = new SimServer({ now: NOW });
    const { access } = await loggedIn(server);
    const response = await server.handle(
      post('/api/orders', {}, { headers: { authorization: `Bearer ${access}` } }),
    );
    expect(response.status).toBe(403);
    expect(response.headers['www-authenticate']).toBe(
      'Bearer error="insufficient_scope", scope="orders:write"',
    );
  });

  it('refuses an expired token with 401 and the reason', async () => {
    const server = new SimServer({ now: NOW });
    const { access } = await loggedIn(server);
    server.advance(300);
    const response = await server.handle(get('/api/profile', access));
    expect(response.status).toBe(401);
    expect(String(response.body.error_description)).toMatch(/^exp: Expired/);
  });
});

describe('refresh with rotation and reuse detection', () => {
  it('rotates, then revokes the whole family when a spent refresh token comes back', async () => {
    const server = new SimServer({ now: NOW });
    const first = await loggedIn(server);
    server.advance(301);
    const rotated = await server.handle(post('/refresh', { refresh_token: first.refresh }));
    expect(rotated.status).toBe(200);
    const second = String(rotated.body.refresh_token);
    expect(second).not.toBe(first.refresh);
    expect(
      (await server.handle(get('/api/profile', String(rotated.body.access_token)))).status,
    ).toBe(200);

    const replay = await server.handle(post('/refresh', { refresh_token: first.refresh }));
    expect(replay.status).toBe(401);
    expect(String(replay.body.error_description)).toMatch(
      /already used: reuse detected, family-\d+ revoked/,
    );
    const legit = await server.handle(post('/refresh', { refresh_token: second }));
    expect(legit).toMatchObject({ status: 401, body: { error: 'invalid_grant' } });
    expect(String(legit.body.error_description)).toMatch(/family-revoked/);
  });

  it('does not take an access token as a refresh token, nor a refresh token at the API', async () => {
    const server = new SimServer({ now: NOW });
    const { access, refresh } = await loggedIn(server);
    expect((await server.handle(post('/refresh', { refresh_token: access }))).status).toBe(401);
    expect((await server.handle(get('/api/profile', refresh))).status).toBe(401);
  });
});

describe('revocation, introspection, sessions', () => {
  it('denies a revoked jti until the token expires, then drops the entry', async () => {
    const server = new SimServer({ now: NOW, denylist: true });
    const { access } = await loggedIn(server);
    expect((await server.handle(post('/revoke', { token: access }))).status).toBe(200);
    expect(server.denylist.size(server.now)).toBe(1);
    const refused = await server.handle(get('/api/profile', access));
    expect(refused.status).toBe(401);
    expect(String(refused.body.error_description)).toMatch(/was revoked/);
    server.advance(300);
    expect(server.denylist.size(server.now)).toBe(0);
    const expired = await server.handle(get('/api/profile', access));
    expect(String(expired.body.error_description)).toMatch(/^exp: Expired/);
  });

  it('answers introspection as RFC 7662 does: claims when active, only active:false otherwise', async () => {
    const server = new SimServer({ now: NOW, denylist: true });
    const { access } = await loggedIn(server);
    const active = await server.handle(post('/introspect', { token: access }));
    expect(active.body).toMatchObject({
      active: true,
      sub: 'alice',
      username: 'alice',
      scope: 'profile:read',
      token_type: 'Bearer',
      exp: NOW + 300,
    });
    await server.handle(post('/revoke', { token: access }));
    expect((await server.handle(post('/introspect', { token: access }))).body).toEqual({
      active: false,
    });
  });

  it('stateless logout leaves the token working; a stateful logout ends the session', async () => {
    const server = new SimServer({ now: NOW });
    const { access } = await loggedIn(server);
    expect(
      (await server.handle(post('/logout', {}, { headers: { authorization: `Bearer ${access}` } })))
        .status,
    ).toBe(200);
    expect((await server.handle(get('/api/profile', access))).status).toBe(200);

    const login = await server.handle(post('/session/login', ALICE));
    const cookies = { session: login.setCookies[0]!.value };
    expect((await server.handle({ method: 'GET', path: '/api/profile', cookies })).status).toBe(
      200,
    );
    await server.handle(post('/session/logout', {}, { cookies }));
    const after = await server.handle({ method: 'GET', path: '/api/profile', cookies });
    expect(after.status).toBe(401);
    expect(server.log.at(-1)!.checked).toEqual([`session ${cookies.session} looked up: not found`]);
  });

  it('with a denylist, logout revokes the access token too', async () => {
    const server = new SimServer({ now: NOW, denylist: true });
    const { access } = await loggedIn(server);
    await server.handle(post('/logout', {}, { headers: { authorization: `Bearer ${access}` } }));
    expect((await server.handle(get('/api/profile', access))).status).toBe(401);
  });
});

describe('keys and OIDC', () => {
  it('refuses a token whose kid was retired, and one whose alg is not its key\u2019s', async () => {
    const server = new SimServer({ now: NOW, secret: SECRET });
    const { access } = await loggedIn(server);
    server.keys.add({
      kid: 'hs-2',
      alg: 'HS256',
      signing: `${SECRET}-2`,
      verifying: `${SECRET}-2`,
    });
    expect((await server.handle(get('/api/profile', access))).status).toBe(200);
    server.keys.retire('hs-1');
    const refused = await server.handle(get('/api/profile', access));
    expect(String(refused.body.error_description)).toBe('no accepted key has kid "hs-1"');
    const hs384 = await signToken({ alg: 'HS384', kid: 'hs-2' }, { sub: 'x' }, `${SECRET}-2`);
    const confused = await server.handle(get('/api/profile', hs384));
    expect(String(confused.body.error_description)).toBe(
      'alg "HS384" is not HS256, the alg of that key',
    );
  });

  it('does not accept an ID token at the API: its audience is the client', async () => {
    const server = new SimServer({ now: NOW });
    const tokens = await server.handle(
      post('/authorize', { ...ALICE, client_id: 'course-web', nonce: 'n-1' }),
    );
    expect(decodeJwt(String(tokens.body.id_token))).toMatchObject({
      aud: 'course-web',
      nonce: 'n-1',
    });
    expect(
      (await server.handle(get('/api/profile', String(tokens.body.access_token)))).status,
    ).toBe(200);
    const refused = await server.handle(get('/api/profile', String(tokens.body.id_token)));
    expect(refused.status).toBe(401);
    expect(String(refused.body.error_description)).toMatch(/aud/);
  });

  it('publishes no secret in its JWKS', async () => {
    const server = new SimServer({ now: NOW });
    expect((await server.handle(get('/jwks.json'))).body).toEqual({ keys: [] });
  });
});
