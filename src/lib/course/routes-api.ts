/**
 * The API's routes and the OpenID Connect endpoints. Authentication (who is
 * calling: 401 when unknown) comes before authorization (may they do this:
 * 403), with `WWW-Authenticate` as RFC 6750 §3 spells it.
 */
import type { JsonObject } from '../jws/decode';
import { bearer, exact, field, reply, type Route } from './route-kit';
import { accessClaims } from './routes-auth';
import type { SimServer } from './server';
import type { SimRequest, SimResponse } from './types';

/** Who is calling, or the 401 to send. */
type Caller = { ok: true; claims: JsonObject } | { ok: false; response: SimResponse };

const unauthorized = (description?: string, exception?: string): Caller => ({
  ok: false,
  response: reply(
    401,
    {
      error: description ? 'invalid_token' : 'unauthorized',
      ...(description ? { error_description: description } : {}),
      ...(exception ? { exception } : {}),
    },
    {
      headers: {
        'www-authenticate': description
          ? `Bearer error="invalid_token", error_description="${description.replace(/"/g, "'")}"`
          : 'Bearer',
      },
    },
  ),
});

/** Find the caller: a bearer token, an access-token cookie (with its CSRF token), or a session. */
async function authenticate(
  server: SimServer,
  request: SimRequest,
  checked: string[],
): Promise<Caller> {
  const fromHeader = bearer(request);
  const fromCookie = request.cookies?.access_token ?? '';
  const token = fromHeader || fromCookie;
  if (token) {
    checked.push(
      fromHeader ? 'token from Authorization: Bearer' : 'token from the access_token cookie',
    );
    const result = await server.check(token);
    checked.push(...result.checked);
    if (!result.ok) return unauthorized(result.reason, result.pyjwt);
    if (!fromHeader && request.method !== 'GET') {
      // A cookie rides along on any request the browser sends: prove this one came from our page.
      const sent = request.headers?.['x-csrf-token'] ?? '';
      if (!sent || sent !== result.claims.csrf) {
        checked.push(
          sent ? 'X-CSRF-Token does not match the token' : 'no X-CSRF-Token header: refused',
        );
        return { ok: false, response: reply(403, { error: 'csrf_token_missing_or_wrong' }) };
      }
      checked.push('X-CSRF-Token matches');
    }
    return { ok: true, claims: result.claims };
  }
  const sessionId = request.cookies?.session;
  if (sessionId) {
    const session = server.sessions.get(sessionId, server.now);
    if (!session) {
      checked.push(`session ${sessionId} looked up: not found`);
      return unauthorized('no such session');
    }
    checked.push(`session ${sessionId} looked up: ${session.sub}`);
    const user = server.users.find((u) => u.username === session.sub);
    return user ? { ok: true, claims: accessClaims(server, user) } : unauthorized('no such user');
  }
  checked.push('no credentials sent');
  return unauthorized();
}

/** A route that needs a caller and then `allow` (a reason to refuse, or undefined). */
const guarded = (
  method: 'GET' | 'POST',
  match: (path: string) => boolean,
  allow: (
    claims: JsonObject,
    request: SimRequest,
  ) => { refuse: string; scope?: string } | undefined,
  answer: (claims: JsonObject) => Record<string, unknown>,
  status = 200,
): Route => ({
  method,
  match,
  async handle(server, request, checked) {
    const caller = await authenticate(server, request, checked);
    if (!caller.ok) return caller.response;
    const refused = allow(caller.claims, request);
    if (refused) {
      checked.push(`authenticated, but ${refused.refuse}: 403`);
      return reply(
        403,
        {
          error: refused.scope ? 'insufficient_scope' : 'forbidden',
          error_description: refused.refuse,
        },
        refused.scope
          ? {
              headers: {
                'www-authenticate': `Bearer error="insufficient_scope", scope="${refused.scope}"`,
              },
            }
          : {},
      );
    }
    checked.push('allowed');
    return reply(status, answer(caller.claims));
  },
});

const scopes = (claims: JsonObject) =>
  typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
const TENANT_PATH = /^\/api\/tenants\/([a-z0-9-]{1,40})\/invoices$/;

async function authorize(server: SimServer, request: SimRequest, checked: string[]) {
  const user = server.login(request.body?.username, request.body?.password);
  const clientId = field(request, 'client_id');
  if (!user || !clientId) {
    checked.push('credentials or client_id missing');
    return reply(401, { error: 'access_denied' });
  }
  const nonce = field(request, 'nonce');
  const id = await server.issue(
    {
      sub: user.username,
      aud: clientId,
      ...(nonce ? { nonce } : {}),
      email: `${user.username}@example.com`,
    },
    300,
  );
  const access = await server.issue(accessClaims(server, user), server.accessLifetime, 'at+jwt');
  checked.push(
    `ID token ${id.jti} for client ${clientId}${nonce ? ` with nonce ${nonce}` : ''}; access token ${access.jti} for the API`,
  );
  return reply(200, {
    id_token: id.token,
    access_token: access.token,
    token_type: 'Bearer',
    expires_in: server.accessLifetime,
  });
}

/** The API's and OIDC's routes. */
export const API_ROUTES: readonly Route[] = [
  guarded(
    'GET',
    (p) => p === '/api/profile',
    () => undefined,
    (c) => ({ sub: c.sub, role: c.role, tenant: c.tenant }),
  ),
  guarded(
    'GET',
    (p) => p === '/api/admin',
    (c) =>
      c.role === 'admin' ? undefined : { refuse: `role is ${JSON.stringify(c.role)}, not "admin"` },
    () => ({ users: 3 }),
  ),
  guarded(
    'POST',
    (p) => p === '/api/orders',
    (c) =>
      scopes(c).includes('orders:write')
        ? undefined
        : { refuse: 'scope lacks "orders:write"', scope: 'orders:write' },
    (c) => ({ order: 'created', by: c.sub }),
    201,
  ),
  guarded(
    'GET',
    (p) => TENANT_PATH.test(p),
    (c, request) => {
      const tenant = TENANT_PATH.exec(request.path)?.[1];
      return c.tenant === tenant
        ? undefined
        : { refuse: `tenant claim ${JSON.stringify(c.tenant)} is not "${tenant}" of the request` };
    },
    (c) => ({ tenant: c.tenant, invoices: 2 }),
  ),
  exact('GET', '/.well-known/openid-configuration', async (server, _request, checked) => {
    checked.push('discovery document');
    return reply(200, {
      issuer: server.issuer,
      authorization_endpoint: `${server.issuer}/authorize`,
      jwks_uri: `${server.issuer}/jwks.json`,
      id_token_signing_alg_values_supported: [server.keys.current.alg],
    });
  }),
  exact('GET', '/jwks.json', async (server, _request, checked) => {
    const jwks = server.keys.jwks();
    checked.push(`${jwks.keys.length} public key(s); secrets are never published`);
    return reply(200, jwks);
  }),
  exact('POST', '/authorize', authorize),
];
