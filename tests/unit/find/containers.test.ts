/**
 * findTokens in the containers people paste, each written from its format's
 * own text: RFC 6750 §2.1–2.3 requests, RFC 9449 DPoP, RFC 6265 cookies,
 * the RFC 6749 §5.1 token response, the OIDC Core §3.2.2.5 implicit
 * redirect, curl commands as the curl manual spells its options, HAR 1.2
 * files, log lines, source files and wrapped tokens.
 */
import { describe, expect, it } from 'vitest';
import { findTokens, type FoundTokens } from '../../../src/lib/find';
import {
  A1,
  ACCESS,
  DPOP_PROOF,
  ES_TOKEN,
  expectFound,
  ID_TOKEN,
  JWE,
  JWE_A1,
  SD_JWT,
  type Expected,
} from './fixtures';

const find = (text: string): FoundTokens => {
  const result = findTokens(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

interface Case {
  name: string;
  text: string;
  found: Expected[];
}

const TOKEN_RESPONSE = JSON.stringify(
  {
    access_token: ACCESS,
    token_type: 'Bearer',
    expires_in: 3600,
    refresh_token: 'tGzv3JOkF0XG5Qx2TlKWIA',
    id_token: ID_TOKEN,
  },
  null,
  2,
);

const CASES: Case[] = [
  {
    name: 'RFC 6750 §2.1: the Authorization request header',
    text: `GET /resource HTTP/1.1\r\nHost: server.example.com\r\nAuthorization: Bearer ${ACCESS}\r\n\r\n`,
    found: [
      {
        text: ACCESS,
        kind: 'compact-jws',
        alg: 'HS256',
        source: 'authorization',
        container: 'http',
        where: 'the Authorization header (Bearer)',
      },
    ],
  },
  {
    name: 'RFC 6750 §2.2: a form-encoded body parameter',
    text: `POST /resource HTTP/1.1\nHost: server.example.com\nContent-Type: application/x-www-form-urlencoded\n\naccess_token=${ACCESS}`,
    found: [
      {
        text: ACCESS,
        kind: 'compact-jws',
        source: 'form',
        container: 'http',
        where: 'the request body, field "access_token"',
      },
    ],
  },
  {
    name: 'RFC 6750 §2.3: the URI query parameter',
    text: `GET /resource?access_token=${ACCESS} HTTP/1.1\nHost: server.example.com\n`,
    found: [
      {
        text: ACCESS,
        kind: 'compact-jws',
        source: 'url-query',
        container: 'http',
        where: "the request line, its URL query's access_token",
      },
    ],
  },
  {
    name: 'RFC 9449 §7.1: a DPoP-bound access token and its proof',
    text: `GET /protectedresource HTTP/1.1\nHost: resource.example.org\nAuthorization: DPoP ${ACCESS}\nDPoP: ${DPOP_PROOF}\n`,
    found: [
      {
        text: ACCESS,
        kind: 'compact-jws',
        source: 'authorization',
        where: 'the Authorization header (DPoP)',
      },
      {
        text: DPOP_PROOF,
        kind: 'compact-jws',
        alg: 'ES256',
        source: 'dpop',
        where: 'the DPoP header',
      },
    ],
  },
  {
    name: 'RFC 6265 §4.2: a Cookie header line among other text',
    text: `The browser sent:\nCookie: theme=dark; session=${ACCESS}; lang=en-GB\nand the server answered 401.`,
    found: [
      {
        text: ACCESS,
        kind: 'compact-jws',
        source: 'cookie',
        container: 'http',
        where: 'the Cookie header, cookie "session"',
      },
    ],
  },
  {
    name: 'RFC 6265 §4.1: Set-Cookie with attributes, the value quoted',
    text: `HTTP/1.1 200 OK\nContent-Type: text/html\nSet-Cookie: id_token="${ID_TOKEN}"; Path=/; Secure; HttpOnly; SameSite=Lax\n\n<html></html>`,
    found: [
      {
        text: ID_TOKEN,
        kind: 'compact-jws',
        alg: 'RS256',
        source: 'set-cookie',
        container: 'http',
        where: 'the Set-Cookie header, cookie "id_token"',
      },
    ],
  },
  {
    name: 'RFC 6749 §5.1: a token response over HTTP (the opaque refresh token is not a candidate)',
    text: `HTTP/1.1 200 OK\nContent-Type: application/json;charset=UTF-8\nCache-Control: no-store\nPragma: no-cache\n\n${TOKEN_RESPONSE}`,
    found: [
      {
        text: ACCESS,
        kind: 'compact-jws',
        source: 'json',
        container: 'http',
        path: '$.access_token',
        where: 'the response body, "access_token" in a JSON object (path $.access_token)',
      },
      {
        text: ID_TOKEN,
        kind: 'compact-jws',
        source: 'json',
        container: 'http',
        path: '$.id_token',
        where: 'the response body, "id_token" in a JSON object (path $.id_token)',
      },
    ],
  },
  {
    name: 'RFC 6749 §5.1: the token response JSON alone',
    text: TOKEN_RESPONSE,
    found: [
      {
        text: ACCESS,
        kind: 'compact-jws',
        source: 'json',
        container: 'json',
        path: '$.access_token',
        where: '"access_token" in a JSON object (path $.access_token)',
      },
      {
        text: ID_TOKEN,
        kind: 'compact-jws',
        source: 'json',
        container: 'json',
        path: '$.id_token',
        where: '"id_token" in a JSON object (path $.id_token)',
      },
    ],
  },
  {
    name: 'JSON at depth, in arrays, with member names that need brackets',
    text: JSON.stringify({
      data: { tokens: [{ id_token: ID_TOKEN }, { 'x-jwe': JWE }] },
      list: ['plain', ES_TOKEN],
    }),
    found: [
      {
        text: ID_TOKEN,
        kind: 'compact-jws',
        source: 'json',
        path: '$.data.tokens[0].id_token',
        where: '"id_token" in a JSON object (path $.data.tokens[0].id_token)',
      },
      {
        text: JWE,
        kind: 'compact-jwe',
        alg: 'dir',
        source: 'json',
        path: '$.data.tokens[1]["x-jwe"]',
        where: '"x-jwe" in a JSON object (path $.data.tokens[1]["x-jwe"])',
      },
      {
        text: ES_TOKEN,
        kind: 'compact-jws',
        source: 'json',
        path: '$.list[1]',
        where: 'item 2 of a JSON array (path $.list[1])',
      },
    ],
  },
  {
    name: 'OIDC Core §3.2.2.5: the implicit redirect URL with tokens in its fragment',
    text: `https://client.example.org/cb#access_token=${ACCESS}&token_type=Bearer&id_token=${ID_TOKEN}&state=af0ifjsldkj&expires_in=3600`,
    found: [
      {
        text: ACCESS,
        kind: 'compact-jws',
        source: 'url-fragment',
        container: 'url',
        where: "the URL fragment's access_token",
      },
      {
        text: ID_TOKEN,
        kind: 'compact-jws',
        source: 'url-fragment',
        container: 'url',
        where: "the URL fragment's id_token",
      },
    ],
  },
  {
    name: 'OIDC Core §3.2.2.5: the redirect as a 302 response with a Location header',
    text: `HTTP/1.1 302 Found\nLocation: https://client.example.org/cb#id_token=${ID_TOKEN}&state=af0ifjsldkj\n\n`,
    found: [
      {
        text: ID_TOKEN,
        kind: 'compact-jws',
        source: 'url-fragment',
        container: 'http',
        where: "the Location header, its URL fragment's id_token",
      },
    ],
  },
  {
    name: 'a percent-encoded query parameter',
    text: `https://app.example/callback?state=a%20b&id_token=${ID_TOKEN.replace(/\./g, '%2E')}`,
    found: [
      {
        text: ID_TOKEN,
        kind: 'compact-jws',
        source: 'url-query',
        container: 'url',
        where: "the URL query's id_token",
        note: 'percent-decoded',
      },
    ],
  },
  {
    name: 'curl manual: -H with a Bearer token, backslash-newline continuations',
    text: `curl -sS -X GET \\\n  -H 'Accept: application/json' \\\n  -H 'Authorization: Bearer ${ACCESS}' \\\n  https://api.example.com/v1/me`,
    found: [
      {
        text: ACCESS,
        kind: 'compact-jws',
        source: 'authorization',
        container: 'curl',
        where: 'the curl command, its Authorization header (Bearer)',
      },
    ],
  },
  {
    name: 'curl manual: --header in double quotes, -b and --cookie with name=value',
    text: `$ curl --header "DPoP: ${DPOP_PROOF}" -b 'session=${ACCESS}; theme=dark' --cookie "id=${ID_TOKEN}" https://api.example.com/`,
    found: [
      {
        text: DPOP_PROOF,
        kind: 'compact-jws',
        source: 'dpop',
        container: 'curl',
        where: 'the curl command, its DPoP header',
      },
      {
        text: ACCESS,
        kind: 'compact-jws',
        source: 'cookie',
        container: 'curl',
        where: 'the curl command, its cookie "session"',
      },
      {
        text: ID_TOKEN,
        kind: 'compact-jws',
        source: 'cookie',
        container: 'curl',
        where: 'the curl command, its cookie "id"',
      },
    ],
  },
  {
    name: 'curl: a JWT bearer grant (RFC 7523 §2.1) posted with -d, and a token in the URL query',
    text: `curl -X POST "https://server.example.com/token?trace=${ES_TOKEN}" \\\n  -d 'grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=${ID_TOKEN}'`,
    found: [
      {
        text: ES_TOKEN,
        kind: 'compact-jws',
        source: 'url-query',
        container: 'curl',
        where: "the curl command, its URL query's trace",
      },
      {
        text: ID_TOKEN,
        kind: 'compact-jws',
        source: 'form',
        container: 'curl',
        where: 'the curl command, its data, field "assertion"',
      },
    ],
  },
  {
    name: "curl: --oauth2-bearer and --json, in a shell's $'…' quoting",
    text: `curl --oauth2-bearer ${ACCESS} --json $'{"id_token": "${ID_TOKEN}"}' https://api.example.com/`,
    found: [
      {
        text: ACCESS,
        kind: 'compact-jws',
        source: 'authorization',
        container: 'curl',
        where: 'the curl command, its --oauth2-bearer option',
      },
      {
        text: ID_TOKEN,
        kind: 'compact-jws',
        source: 'json',
        container: 'curl',
        path: '$.id_token',
        where: 'the curl command, its data, "id_token" in a JSON object (path $.id_token)',
      },
    ],
  },
  {
    name: 'a curl command inside other text, then a header line',
    text: `To reproduce:\n\n    curl -H "Authorization: Bearer ${ACCESS}" https://api.example.com/\n\nThe proxy then adds\nAuthorization: Bearer ${ES_TOKEN}\n`,
    found: [
      {
        text: ACCESS,
        kind: 'compact-jws',
        source: 'authorization',
        container: 'curl',
        where: 'the curl command, its Authorization header (Bearer)',
      },
      {
        text: ES_TOKEN,
        kind: 'compact-jws',
        source: 'authorization',
        container: 'http',
        where: 'the Authorization header (Bearer)',
      },
    ],
  },
  {
    name: 'Chrome\'s "Copy as cURL (cmd)": ^ continuations and ^" escapes',
    text: `curl ^"https://api.example.com/v1/me?a=1^&b=2^" ^\r\n  -H ^"accept: */*^" ^\r\n  -H ^"authorization: Bearer ${ACCESS}^" ^\r\n  --compressed\r\nnext line`,
    found: [
      {
        text: ACCESS,
        kind: 'compact-jws',
        source: 'authorization',
        container: 'curl',
        where: 'the curl command, its Authorization header (Bearer)',
      },
    ],
  },
  {
    name: 'request headers copied from an HTTP/2 request (lower case, pseudo-headers)',
    text: `:authority: api.example.com\n:method: GET\n:path: /v1/me\naccept: application/json\nauthorization: Bearer ${ACCESS}\ncookie: _ga=GA1.2.3; sid=${ES_TOKEN}\n`,
    found: [
      {
        text: ACCESS,
        kind: 'compact-jws',
        source: 'authorization',
        container: 'http',
        where: 'the Authorization header (Bearer)',
      },
      {
        text: ES_TOKEN,
        kind: 'compact-jws',
        source: 'cookie',
        container: 'http',
        where: 'the Cookie header, cookie "sid"',
      },
    ],
  },
  {
    name: 'a log line',
    text: `2026-01-01T12:00:00.123Z INFO  [http-nio-8080-exec-1] c.e.auth.JwtFilter : rejected token=${ACCESS} user=alice\n2026-01-01T12:00:01.456Z INFO  done`,
    found: [
      {
        text: ACCESS,
        kind: 'compact-jws',
        source: 'text',
        container: 'text',
        where: 'line 1 of the text, after "token="',
      },
    ],
  },
  {
    name: 'a JS source file: the token between quotes, with a trailing comma',
    text: `const config = {\n  token: '${ACCESS}',\n  other: "${ES_TOKEN}",\n};`,
    found: [
      {
        text: ACCESS,
        kind: 'compact-jws',
        source: 'text',
        where: 'line 2 of the text, after "token:"',
      },
      {
        text: ES_TOKEN,
        kind: 'compact-jws',
        source: 'text',
        where: 'line 3 of the text, after "other:"',
      },
    ],
  },
  {
    name: 'a JSON file with a trailing comma (not valid JSON: read as text)',
    text: `{\n  "id_token": "${ID_TOKEN}",\n}`,
    found: [
      {
        text: ID_TOKEN,
        kind: 'compact-jws',
        source: 'text',
        where: 'line 2 of the text, member "id_token"',
      },
    ],
  },
  {
    name: 'a URL inside a log line',
    text: `GET callback https://client.example.org/cb?code=x#state=1&id_token=${ID_TOKEN} 302`,
    found: [
      {
        text: ID_TOKEN,
        kind: 'compact-jws',
        source: 'url-fragment',
        container: 'text',
        where: "line 1 of the text, the URL fragment's id_token",
      },
    ],
  },
  {
    name: 'RFC 7515 A.1.1 as the RFC lays it out: six lines, the dots on lines of their own',
    text: [
      '     eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9',
      '     .',
      '     eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFt',
      '     cGxlLmNvbS9pc19yb290Ijp0cnVlfQ',
      '     .',
      '     dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
    ].join('\n'),
    found: [
      {
        text: A1,
        kind: 'compact-jws',
        alg: 'HS256',
        source: 'text',
        where: 'lines 1–6 of the text',
        note: 'rejoined from 6 lines',
        from: 5,
      },
    ],
  },
  {
    name: 'an RS256 token wrapped at 64 columns, after a label, followed by prose',
    text: `id_token:\n${ID_TOKEN.match(/.{1,64}/g)!.join('\n')}\nThanks,\nBob`,
    found: [
      {
        text: ID_TOKEN,
        kind: 'compact-jws',
        source: 'text',
        where: `lines 2–${1 + Math.ceil(ID_TOKEN.length / 64)} of the text`,
        note: `rejoined from ${Math.ceil(ID_TOKEN.length / 64)} lines`,
      },
    ],
  },
  {
    name: 'an RFC 7516 JWE wrapped at 76 columns with an indent',
    text: `Encrypted:\n${JWE_A1.match(/.{1,76}/g)!
      .map((l) => `    ${l}`)
      .join('\n')}\n`,
    found: [
      {
        text: JWE_A1,
        kind: 'compact-jwe',
        alg: 'RSA-OAEP',
        source: 'text',
        where: `lines 2–${1 + Math.ceil(JWE_A1.length / 76)} of the text`,
        note: `rejoined from ${Math.ceil(JWE_A1.length / 76)} lines`,
      },
    ],
  },
  {
    name: 'an ES256 token broken by a space inside its signature',
    text: `token ${ES_TOKEN.slice(0, -30)} ${ES_TOKEN.slice(-30)} end`,
    found: [
      {
        text: ES_TOKEN,
        kind: 'compact-jws',
        source: 'text',
        where: 'line 1 of the text',
        note: 'rejoined from 2 pieces separated by spaces',
      },
    ],
  },
  {
    name: 'tokens one per line are not joined to each other',
    text: `${ACCESS}\n${ES_TOKEN}\n${JWE}`,
    found: [
      { text: ACCESS, kind: 'compact-jws', source: 'text', where: 'line 1 of the text' },
      { text: ES_TOKEN, kind: 'compact-jws', source: 'text', where: 'line 2 of the text' },
      { text: JWE, kind: 'compact-jwe', source: 'text', where: 'line 3 of the text' },
    ],
  },
  {
    name: 'an SD-JWT in an OpenID4VCI credential response',
    text: JSON.stringify({ credentials: [{ credential: SD_JWT }], c_nonce: 'fGFF7UkhLa' }),
    found: [
      {
        text: SD_JWT,
        kind: 'sd-jwt',
        alg: 'ES256',
        source: 'json',
        path: '$.credentials[0].credential',
        where: '"credential" in a JSON object (path $.credentials[0].credential)',
      },
    ],
  },
];

describe('findTokens finds the token(s) in each container', () => {
  it.each(CASES)('$name', ({ text, found }) => {
    const result = find(text);
    expectFound(text, result.tokens, found);
    expect(result.truncated).toBe(0);
  });

  it('covers at least 20 containers', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(20);
  });
});
