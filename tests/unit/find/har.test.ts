/**
 * findTokens in HAR 1.2 files (http://www.softwareishard.com/blog/har-12-spec/):
 * each entry's request headers, cookies, query string and posted data, and
 * its response headers, cookies, redirect URL and body (JSON or base64),
 * named by entry number, method and URL, with the HAR path of each string.
 */
import { describe, expect, it } from 'vitest';
import { findTokens, type FoundTokens } from '../../../src/lib/find';
import { ACCESS, DPOP_PROOF, ES_TOKEN, expectFound, ID_TOKEN, JWE } from './fixtures';

const find = (text: string): FoundTokens => {
  const result = findTokens(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

const timings = { blocked: -1, dns: -1, connect: -1, send: 0, wait: 120, receive: 3, ssl: -1 };

/** Two entries as Chrome's "Save all as HAR" writes them (fields the finder does not read trimmed). */
const HAR = {
  log: {
    version: '1.2',
    creator: { name: 'WebInspector', version: '537.36' },
    pages: [],
    entries: [
      {
        startedDateTime: '2026-01-01T10:00:00.000Z',
        time: 123,
        request: {
          method: 'GET',
          url: `https://api.example/x?access_token=${ES_TOKEN}&page=2`,
          httpVersion: 'HTTP/1.1',
          headers: [
            { name: 'Host', value: 'api.example' },
            { name: 'Authorization', value: `Bearer ${ACCESS}` },
            { name: 'Cookie', value: `theme=dark; session=${ACCESS}` },
            { name: 'DPoP', value: DPOP_PROOF },
          ],
          queryString: [
            { name: 'access_token', value: ES_TOKEN },
            { name: 'page', value: '2' },
          ],
          cookies: [
            { name: 'theme', value: 'dark' },
            { name: 'session', value: ACCESS },
          ],
          headersSize: -1,
          bodySize: 0,
        },
        response: {
          status: 200,
          statusText: 'OK',
          httpVersion: 'HTTP/1.1',
          headers: [
            { name: 'Content-Type', value: 'application/json' },
            { name: 'Set-Cookie', value: `refresh=${JWE}; Path=/; Secure; HttpOnly` },
          ],
          cookies: [{ name: 'refresh', value: JWE, path: '/', httpOnly: true, secure: true }],
          content: {
            size: 2000,
            mimeType: 'application/json',
            text: JSON.stringify({ user: { id_token: ID_TOKEN } }),
          },
          redirectURL: '',
          headersSize: -1,
          bodySize: -1,
        },
        cache: {},
        timings,
      },
      {
        startedDateTime: '2026-01-01T10:00:01.000Z',
        time: 80,
        request: {
          method: 'POST',
          url: 'https://idp.example/oauth2/token',
          httpVersion: 'HTTP/1.1',
          headers: [{ name: 'Content-Type', value: 'application/x-www-form-urlencoded' }],
          queryString: [],
          cookies: [],
          postData: {
            mimeType: 'application/x-www-form-urlencoded',
            params: [
              {
                name: 'grant_type',
                value: 'urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer',
              },
              { name: 'assertion', value: ID_TOKEN },
            ],
            text: `grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=${ID_TOKEN}`,
          },
          headersSize: -1,
          bodySize: 100,
        },
        response: {
          status: 302,
          statusText: 'Found',
          httpVersion: 'HTTP/1.1',
          headers: [],
          cookies: [],
          content: {
            size: 100,
            mimeType: 'application/json',
            encoding: 'base64',
            text: Buffer.from(
              JSON.stringify({ access_token: ES_TOKEN, token_type: 'Bearer' }),
            ).toString('base64'),
          },
          redirectURL: `https://app.example/cb#id_token=${ID_TOKEN}&state=s`,
          headersSize: -1,
          bodySize: -1,
        },
        cache: {},
        timings,
      },
    ],
  },
};

const first = 'request 1 of the HAR file (GET https://api.example/x)';
const second = 'request 2 of the HAR file (POST https://idp.example/oauth2/token)';
const e0 = '$.log.entries[0]';
const e1 = '$.log.entries[1]';

describe('findTokens in a HAR file', () => {
  it('names the entry and the place of every token, and marks a token seen before', () => {
    const text = JSON.stringify(HAR, null, 2);
    const found = find(text).tokens;
    expectFound(text, found, [
      {
        text: ACCESS,
        kind: 'compact-jws',
        source: 'authorization',
        container: 'har',
        path: `${e0}.request.headers[1].value`,
        where: `${first}, its Authorization header (Bearer)`,
      },
      {
        text: ACCESS,
        kind: 'compact-jws',
        source: 'cookie',
        path: `${e0}.request.headers[2].value`,
        where: `${first}, its Cookie header, cookie "session"`,
        sameAs: 0,
      },
      {
        text: DPOP_PROOF,
        kind: 'compact-jws',
        source: 'dpop',
        path: `${e0}.request.headers[3].value`,
        where: `${first}, its DPoP header`,
      },
      {
        text: ACCESS,
        kind: 'compact-jws',
        source: 'cookie',
        path: `${e0}.request.cookies[1].value`,
        where: `${first}, its cookie "session"`,
        sameAs: 0,
      },
      {
        text: ES_TOKEN,
        kind: 'compact-jws',
        source: 'url-query',
        path: `${e0}.request.queryString[0].value`,
        where: `${first}, its URL query's access_token`,
      },
      {
        text: JWE,
        kind: 'compact-jwe',
        source: 'set-cookie',
        path: `${e0}.response.headers[1].value`,
        where: `the response to ${first}, its Set-Cookie header, cookie "refresh"`,
      },
      {
        text: JWE,
        kind: 'compact-jwe',
        source: 'set-cookie',
        path: `${e0}.response.cookies[0].value`,
        where: `the response to ${first}, its cookie "refresh"`,
        sameAs: 5,
      },
      {
        text: ID_TOKEN,
        kind: 'compact-jws',
        source: 'json',
        path: `${e0}.response.content.text`,
        where: `the response to ${first}, its body, "id_token" in a JSON object (path $.user.id_token)`,
      },
      {
        text: ID_TOKEN,
        kind: 'compact-jws',
        source: 'form',
        path: `${e1}.request.postData.params[1].value`,
        where: `${second}, its form field "assertion"`,
        sameAs: 7,
      },
      {
        text: ID_TOKEN,
        kind: 'compact-jws',
        source: 'url-fragment',
        path: `${e1}.response.redirectURL`,
        where: `the response to ${second}, its URL fragment's id_token`,
        sameAs: 7,
      },
      {
        text: ES_TOKEN,
        kind: 'compact-jws',
        source: 'json',
        path: `${e1}.response.content.text`,
        where: `the response to ${second}, its body, "access_token" in a JSON object (path $.access_token)`,
        sameAs: 4,
      },
    ]);
  });

  it('reads the URL when the HAR leaves the query string out, and a posted text without params', () => {
    const har = {
      log: {
        version: '1.2',
        creator: { name: 'curl-to-har', version: '1' },
        entries: [
          {
            request: {
              method: 'PUT',
              url: `https://api.example/items/7?sig=${ACCESS}`,
              headers: [],
              postData: { mimeType: 'text/plain', text: `log: token=${ES_TOKEN}` },
            },
            response: { status: 204, headers: [], content: { size: 0, mimeType: 'x-unknown' } },
          },
        ],
      },
    };
    const text = JSON.stringify(har);
    const owner = 'request 1 of the HAR file (PUT https://api.example/items/7)';
    expectFound(text, find(text).tokens, [
      {
        text: ACCESS,
        kind: 'compact-jws',
        source: 'url-query',
        path: '$.log.entries[0].request.url',
        where: `${owner}, its URL query's sig`,
      },
      {
        text: ES_TOKEN,
        kind: 'compact-jws',
        source: 'text',
        path: '$.log.entries[0].request.postData.text',
        where: `${owner}, its body, after "token="`,
      },
    ]);
  });

  it('finds nothing in a HAR without tokens', () => {
    const har = {
      log: {
        version: '1.2',
        creator: { name: 'x', version: '1' },
        entries: [
          {
            request: {
              method: 'GET',
              url: 'https://example.com/a.b.c',
              headers: [{ name: 'Authorization', value: 'Basic YWxhZGRpbjpvcGVuc2VzYW1l' }],
            },
            response: { status: 200, content: { text: '{"ok":true}' } },
          },
        ],
      },
    };
    expect(find(JSON.stringify(har)).tokens).toEqual([]);
  });
});
