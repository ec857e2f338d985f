/**
 * fetchJwks with a fake fetch: a JWKS URL, a discovery document, an issuer
 * (discovery found), x5u, and every failure kind with its words: bad URL,
 * CORS refusal, HTTP status, not JSON, no keys, timeout, cancel.
 */
import { describe, expect, it } from 'vitest';
import {
  discoveryUrl,
  fetchJwks,
  issuerSuggestion,
  type FetchLike,
  type FetchResponseLike,
} from '../../../src/lib/keys/fetch-jwks';

const JWKS = {
  keys: [{ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' }],
};
/** A real Response (its body a ReadableStream), wrapped so that `url` can say where redirects ended. */
const answer = (body: unknown, status = 200, url = ''): FetchResponseLike => {
  const response = new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    statusText: status === 404 ? 'Not Found' : status === 200 ? 'OK' : '',
  });
  const { ok, statusText, headers } = response;
  return { ok, status, statusText, url, headers, body: response.body };
};

/** A fake fetch serving `routes`; records what was asked. */
function fake(routes: Record<string, FetchResponseLike | Error>) {
  const asked: string[] = [];
  const fetch: FetchLike = async (url, init) => {
    asked.push(url);
    expect(init.credentials).toBe('omit');
    const route = routes[url];
    if (route instanceof Error) throw route;
    return route ?? answer('Not Found', 404);
  };
  return { fetch, asked };
}

describe('fetchJwks: success', () => {
  it('reads a JWKS URL', async () => {
    const { fetch, asked } = fake({ 'https://a.example/jwks.json': answer(JWKS) });
    const got = await fetchJwks('https://a.example/jwks.json', { fetch });
    if (!got.ok) throw got.error;
    expect(JSON.parse(got.value.keyText)).toEqual(JWKS);
    expect(got.value).toMatchObject({ via: 'jwks', keysUrl: 'https://a.example/jwks.json' });
    expect(asked).toEqual(['https://a.example/jwks.json']);
  });

  it('follows jwks_uri from an issuer, through its discovery document', async () => {
    const { fetch, asked } = fake({
      'https://id.example/tenant': answer('<!doctype html><html>'),
      'https://id.example/tenant/.well-known/openid-configuration': answer({
        issuer: 'https://id.example/tenant',
        jwks_uri: '/tenant/keys',
      }),
      'https://id.example/tenant/keys': answer(JWKS),
    });
    const got = await fetchJwks('https://id.example/tenant/', { fetch });
    if (!got.ok) throw got.error;
    expect(got.value.via).toBe('discovery');
    expect(got.value.keysUrl).toBe('https://id.example/tenant/keys');
    expect(asked).toEqual([
      'https://id.example/tenant/',
      'https://id.example/tenant/.well-known/openid-configuration',
      'https://id.example/tenant/keys',
    ]);
    expect(got.value.steps.join('; ')).not.toContain('does not match');
  });

  it('follows a discovery document URL given directly, and notes an issuer mismatch', async () => {
    const { fetch } = fake({
      'https://id.example/.well-known/openid-configuration': answer({
        issuer: 'https://other.example',
        jwks_uri: 'https://id.example/keys',
      }),
      'https://id.example/keys': answer(JWKS),
    });
    const got = await fetchJwks('https://id.example/.well-known/openid-configuration', { fetch });
    if (!got.ok) throw got.error;
    expect(got.value.steps.join('; ')).toContain(
      'its "issuer" is https://other.example, which does not match where it was found',
    );
  });

  it('reads an x5u certificate chain only as PEM', async () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    const { fetch } = fake({
      'https://a.example/chain.pem': answer(pem),
      'https://a.example/x': answer(JWKS),
    });
    const got = await fetchJwks('https://a.example/chain.pem', { fetch, kind: 'x5u' });
    expect(got.ok && got.value.keyText).toBe(pem);
    const bad = await fetchJwks('https://a.example/x', { fetch, kind: 'x5u' });
    expect(!bad.ok && bad.error.code).toBe('ERR_FETCH_NO_KEYS');
  });
});

describe('fetchJwks: failures say what to do', () => {
  const cases: [string, string, Record<string, FetchResponseLike | Error>, string, string][] = [
    [
      'an empty field',
      '',
      {},
      'ERR_FETCH_URL',
      'Type a JWKS URL or an issuer URL (https://…) first.',
    ],
    [
      'not a URL',
      'issuer.example',
      {},
      'ERR_FETCH_URL',
      '"issuer.example" is not a full URL: it must start with https://',
    ],
    [
      'another scheme',
      'file:///etc/passwd',
      {},
      'ERR_FETCH_URL',
      'Only https:// (or http://) URLs can be fetched, not file:.',
    ],
    [
      'a CORS refusal',
      'https://a.example/jwks',
      { 'https://a.example/jwks': new TypeError('Failed to fetch') },
      'ERR_FETCH_NETWORK',
      'Most often that is CORS: a page may read an answer from another site only when that site allows it with an Access-Control-Allow-Origin header',
    ],
    [
      'an HTTP 404, not an issuer either',
      'https://a.example/jwks',
      {},
      'ERR_FETCH_HTTP',
      'https://a.example/jwks answered HTTP 404 Not Found, not the keys. Check the path',
    ],
    [
      'an HTTP 403',
      'https://a.example/keys.json',
      { 'https://a.example/keys.json': answer('', 403) },
      'ERR_FETCH_HTTP',
      'answered HTTP 403, not the keys. The server wants credentials, and this page sends none',
    ],
    [
      'an HTTP 500',
      'https://a.example/.well-known/openid-configuration',
      { 'https://a.example/.well-known/openid-configuration': answer('', 500) },
      'ERR_FETCH_HTTP',
      'The server failed; try again later',
    ],
    [
      'an HTML page',
      'https://a.example/.well-known/openid-configuration',
      { 'https://a.example/.well-known/openid-configuration': answer('<!DOCTYPE html><p>hi') },
      'ERR_FETCH_NOT_JSON',
      'answered with something that is not JSON (it is an HTML page): it starts with "<!DOCTYPE html><p>hi"',
    ],
    [
      'JSON without keys',
      'https://a.example/jwk',
      { 'https://a.example/jwk': answer({ kty: 'RSA', n: 'x', e: 'AQAB' }) },
      'ERR_FETCH_NO_KEYS',
      'has no "keys" array, so it is not a JWKS (RFC 7517 §5): it is a single JWK; paste it into the key box instead.',
    ],
    [
      'an empty keys array',
      'https://a.example/jwks',
      { 'https://a.example/jwks': answer({ keys: [] }) },
      'ERR_FETCH_NO_KEYS',
      'The JWKS at https://a.example/jwks has an empty "keys" array: no keys to use.',
    ],
    [
      'a discovery document whose jwks_uri is not http(s)',
      'https://a.example/.well-known/openid-configuration',
      {
        'https://a.example/.well-known/openid-configuration': answer({
          jwks_uri: 'javascript:alert(1)',
        }),
      },
      'ERR_FETCH_DISCOVERY',
      'has "jwks_uri": "javascript:alert(1)", which is not an http(s) URL.',
    ],
    [
      'a jwks_uri that fails',
      'https://a.example/.well-known/openid-configuration',
      {
        'https://a.example/.well-known/openid-configuration': answer({
          jwks_uri: 'https://b.example/k',
        }),
        'https://b.example/k': new TypeError('Failed to fetch'),
      },
      'ERR_FETCH_NETWORK',
      'The browser would not let this page read https://b.example/k.',
    ],
  ];
  it.each(cases)('%s', async (_name, url, routes, code, message) => {
    const got = await fetchJwks(url, { fetch: fake(routes).fetch });
    expect(got.ok).toBe(false);
    if (got.ok) return;
    expect(got.error.code).toBe(code);
    expect(got.error.message).toContain(message);
  });

  it('explains a JWKS URL that is neither a JWKS nor an issuer', async () => {
    const got = await fetchJwks('https://a.example/jwks', { fetch: fake({}).fetch });
    expect(!got.ok && got.error.message).toContain(
      'It is not an issuer either: https://a.example/jwks/.well-known/openid-configuration answered HTTP 404',
    );
  });

  it('times out through the injected timer, and aborts the request', async () => {
    let fire: (() => void) | undefined;
    let aborted = false;
    const fetch: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => {
        init.signal.addEventListener('abort', () => {
          aborted = true;
          reject(new DOMException('aborted', 'AbortError'));
        });
        fire!();
      });
    const got = await fetchJwks('https://slow.example/jwks', {
      fetch,
      startTimer: (onTimeout, ms) => {
        expect(ms).toBe(15_000);
        fire = onTimeout;
        return () => {};
      },
    });
    expect(aborted).toBe(true);
    expect(!got.ok && got.error.code).toBe('ERR_FETCH_TIMEOUT');
    expect(!got.ok && got.error.message).toBe(
      'The fetch was stopped after 15 seconds, while waiting for https://slow.example/jwks. Check the address, or open it in a new tab, copy the JSON and paste it into the key box.',
    );
  });

  it('stops when the person cancels', async () => {
    const cancel = new AbortController();
    const fetch: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => {
        init.signal.addEventListener('abort', () =>
          reject(new DOMException('aborted', 'AbortError')),
        );
        cancel.abort();
      });
    const got = await fetchJwks('https://a.example/jwks', { fetch, signal: cancel.signal });
    expect(!got.ok && got.error.code).toBe('ERR_FETCH_ABORTED');
    expect(!got.ok && got.error.message).toBe(
      'The request to https://a.example/jwks was cancelled.',
    );
  });
});

describe('helpers', () => {
  it.each([
    ['https://id.example', 'https://id.example/.well-known/openid-configuration'],
    ['https://id.example/tenant/', 'https://id.example/tenant/.well-known/openid-configuration'],
  ])('discoveryUrl(%s)', (issuer, url) => expect(discoveryUrl(issuer)).toBe(url));
  it.each([
    [{ iss: 'https://id.example' }, 'https://id.example'],
    [{ iss: 'my-service' }, undefined],
    [{ iss: 42 }, undefined],
    [undefined, undefined],
  ])('issuerSuggestion(%j)', (payload, expected) =>
    expect(issuerSuggestion(payload)).toBe(expected),
  );
});
