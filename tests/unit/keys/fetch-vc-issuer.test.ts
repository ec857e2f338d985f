/**
 * An SD-JWT VC issuer's keys through its JWT VC Issuer Metadata
 * (draft-ietf-oauth-sd-jwt-vc §5), with a fake fetch: the well-known URL
 * (its §5.1 example), inline `jwks`, `jwks_uri`, redirects reported, and
 * each way the metadata can be wrong.
 */
import { describe, expect, it } from 'vitest';
import {
  fetchJwks,
  vcIssuerMetadataUrl,
  type FetchLike,
  type FetchResponseLike,
} from '../../../src/lib/keys/fetch-jwks';

const JWKS = { keys: [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y', kid: 'k1' }] };
const ISS = 'https://example.com/tenant/1234';
const META = 'https://example.com/.well-known/jwt-vc-issuer/tenant/1234';

const answer = (body: unknown, url = ''): FetchResponseLike => {
  const response = new Response(JSON.stringify(body));
  return {
    ok: true,
    status: 200,
    statusText: 'OK',
    url,
    headers: response.headers,
    body: response.body,
  };
};

function fake(routes: Record<string, FetchResponseLike>) {
  const asked: string[] = [];
  const fetch: FetchLike = async (url) => {
    asked.push(url);
    const response = new Response('Not Found', { status: 404 });
    const { headers, body } = response;
    return routes[url] ?? { ok: false, status: 404, statusText: 'Not Found', url, headers, body };
  };
  return { fetch, asked };
}

const fetchVc = (fetch: FetchLike, iss = ISS) => fetchJwks(iss, { fetch, kind: 'vc-issuer' });

describe('vcIssuerMetadataUrl', () => {
  it.each([
    [ISS, META], // the draft's own example (§5.1)
    ['https://example.com', 'https://example.com/.well-known/jwt-vc-issuer'],
    ['https://example.com/tenant/', 'https://example.com/.well-known/jwt-vc-issuer/tenant'],
  ])('%s → %s', (iss, url) => expect(vcIssuerMetadataUrl(iss)).toBe(url));
});

describe('fetchJwks, kind vc-issuer', () => {
  it('takes the inline jwks', async () => {
    const { fetch, asked } = fake({ [META]: answer({ issuer: ISS, jwks: JWKS }) });
    const got = await fetchVc(fetch);
    if (!got.ok) throw new Error(got.error.message);
    expect(JSON.parse(got.value.keyText)).toEqual(JWKS);
    expect(got.value.via).toBe('vc-issuer');
    expect(got.value.steps).toEqual([
      `read the JWT VC Issuer Metadata at ${META}`,
      'took the JWKS it holds ("jwks")',
    ]);
    expect(asked).toEqual([META]);
  });

  it('follows jwks_uri, and reports a redirect to another origin', async () => {
    const { fetch, asked } = fake({
      [META]: answer({ issuer: ISS, jwks_uri: '/keys.json' }),
      'https://example.com/keys.json': answer(JWKS, 'https://cdn.example.net/keys.json'),
    });
    const got = await fetchVc(fetch);
    if (!got.ok) throw new Error(got.error.message);
    expect(asked).toEqual([META, 'https://example.com/keys.json']);
    expect(got.value.keysUrl).toBe('https://cdn.example.net/keys.json');
    expect(got.value.warnings).toEqual([
      'https://example.com/keys.json redirected from https://example.com to https://cdn.example.net: the keys came from cdn.example.net.',
    ]);
  });

  const wrong: [string, unknown, RegExp][] = [
    ['another issuer', { issuer: 'https://evil.example', jwks: JWKS }, /not the token's "iss"/],
    ['both jwks and jwks_uri', { issuer: ISS, jwks: JWKS, jwks_uri: '/k' }, /one, not both/],
    ['no keys at all', { issuer: ISS }, /neither "jwks" nor "jwks_uri"/],
    [
      'a jwks_uri that is not http(s)',
      { issuer: ISS, jwks_uri: 'file:///etc/passwd' },
      /not an http\(s\) URL/,
    ],
  ];
  it.each(wrong)('refuses metadata with %s', async (_, metadata, message) => {
    const { fetch } = fake({ [META]: answer(metadata) });
    const got = await fetchVc(fetch);
    expect(got.ok).toBe(false);
    if (got.ok) return;
    expect(got.error.code).toBe('ERR_FETCH_DISCOVERY');
    expect(got.error.message).toMatch(message);
  });

  it('an inline jwks without keys is no JWKS', async () => {
    const { fetch } = fake({ [META]: answer({ issuer: ISS, jwks: { keys: [] } }) });
    const got = await fetchVc(fetch);
    expect(got.ok || got.error.code).toBe('ERR_FETCH_NO_KEYS');
  });

  it('a missing metadata document is the HTTP error', async () => {
    const { fetch } = fake({});
    const got = await fetchVc(fetch);
    expect(got.ok || got.error.message).toMatch(/404/);
  });
});
