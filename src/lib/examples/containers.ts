/**
 * Examples that are not a token but hold tokens, as people paste them: a
 * token endpoint's response (RFC 6749 §5.1, with an OpenID Connect
 * `id_token`) and a HAR file of a request carrying one. Every token in them
 * is signed with the one key put in the key box, so each one the person
 * chooses verifies.
 */
import { exportPKCS8 } from 'jose';
import { formatIso } from '../claims/time';
import { pair, sign, type Example } from './examples';

type Claims = Record<string, unknown> & { iat: number; exp: number };

/** The `token-response` or `har-request` example at `now`. */
export async function containerExample(id: string, now: number, claims: Claims): Promise<Example> {
  const { privateKey } = await pair('ES256');
  const key = await exportPKCS8(privateKey);
  // An RFC 9068 access token: the resource server's audience, the client, the scope.
  const access = await sign(
    { alg: 'ES256', typ: 'at+jwt', kid: 'as-2026' },
    {
      iss: claims.iss,
      sub: claims.sub,
      aud: 'https://api.example.com',
      client_id: 's6BhdRkqt3',
      scope: 'openid profile read:orders',
      jti: 'at-7f3c2a',
      iat: now,
      exp: now + 600,
    },
    key,
  );
  if (id === 'har-request')
    return {
      token: JSON.stringify(harOf(access, now), null, 2),
      key,
      note: "A HAR file (as a browser's developer tools save it): the access token is found in the request's Authorization header. Drop a .har file of your own on the token box the same way.",
    };
  const idToken = await sign(
    { alg: 'ES256', typ: 'JWT', kid: 'as-2026' },
    { ...claims, aud: 's6BhdRkqt3', nonce: 'n-0S6_WzA2Mj', auth_time: now - 30 },
    key,
  );
  const response = {
    access_token: access,
    token_type: 'Bearer',
    expires_in: 600,
    refresh_token: 'tGzv3JOkF0XG5Qx2TlKWIA',
    scope: 'openid profile read:orders',
    id_token: idToken,
  };
  return {
    token: JSON.stringify(response, null, 2),
    key,
    note: 'A token response holds two tokens: choose one in the list below the box. The refresh token is opaque, so it is not listed.',
  };
}

/** A HAR 1.2 log of one API call carrying `token` as a bearer token. */
function harOf(token: string, now: number) {
  const started = formatIso(now);
  return {
    log: {
      version: '1.2',
      creator: { name: 'JWT Lab example', version: '1' },
      entries: [
        {
          startedDateTime: started,
          time: 48,
          request: {
            method: 'GET',
            url: 'https://api.example.com/v1/orders?limit=10',
            httpVersion: 'HTTP/1.1',
            headers: [
              { name: 'Host', value: 'api.example.com' },
              { name: 'Accept', value: 'application/json' },
              { name: 'Authorization', value: `Bearer ${token}` },
            ],
            queryString: [{ name: 'limit', value: '10' }],
            cookies: [],
            headersSize: -1,
            bodySize: 0,
          },
          response: {
            status: 200,
            statusText: 'OK',
            httpVersion: 'HTTP/1.1',
            headers: [{ name: 'Content-Type', value: 'application/json' }],
            cookies: [],
            content: { size: 13, mimeType: 'application/json', text: '{"orders":[]}' },
            redirectURL: '',
            headersSize: -1,
            bodySize: 13,
          },
          cache: {},
          timings: { send: 1, wait: 45, receive: 2 },
        },
      ],
    },
  };
}
