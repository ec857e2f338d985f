/**
 * The pipeline's finder step: a text that is not a token is looked into, and
 * the token found there is decoded as if pasted alone (RFC 7515 A.1, whose
 * key we did not make, and tokens jose signs).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import * as jose from 'jose';
import * as find from '../../../src/lib/find';
import { Checker, type KeyInput, type Report, type Settings } from '../../../src/lib';

const rfc = JSON.parse(
  readFileSync(new URL('../../vectors/rfc7515.json', import.meta.url), 'utf8'),
) as { cases: { id: string; token: string; key: string }[] };
const A1 = rfc.cases.find((c) => c.id === 'rfc7515-a1-hs256-jwk')!;

const AT = 1_300_000_000; // before A.1's exp (1300819380)
const SETTINGS: Settings = {
  now: AT,
  leeway: 0,
  expectedIssuer: '',
  expectedAudience: '',
  requiredClaims: [],
  timeTravel: false,
};
const keys = (text = ''): KeyInput => ({ text, encoding: 'utf8', innerText: '', from: 'person' });
const secret = new TextEncoder().encode('a-string-secret-at-least-256-bits-long');
const sign = (claims: jose.JWTPayload) =>
  new jose.SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(secret);
const ACCESS = await sign({ iss: 'https://server.example.com', sub: 'alice', scope: 'read' });
const ID = await sign({ iss: 'https://server.example.com', sub: 'alice', nonce: 'n-0S6' });

const check = (text: string, chosen?: number, checker = new Checker(), settings = SETTINGS) =>
  checker.check(
    { text, from: 'person', ...(chosen !== undefined ? { chosen } : {}) },
    settings,
    keys(),
    { finder: find },
  );
const compactOf = (report: Report) => (report.decoded.ok ? report.decoded.value.compact : '');

describe('a token found in a larger text', () => {
  const curl = `curl -H 'Authorization: Bearer ${A1.token}' https://api.example.com/me`;

  it('is decoded as if pasted alone, and the report says where it was', () => {
    const report = check(curl);
    expect(compactOf(report)).toBe(A1.token);
    expect(report.view?.form).toBe('compact-jws');
    expect(report.error).toBeUndefined();
    expect(report.found).toMatchObject({ chosen: 0, truncated: 0, at: curl.indexOf(A1.token) });
    expect(report.found!.tokens).toHaveLength(1);
    expect(report.found!.note).toBe(
      'The token was found in the curl command, its Authorization header (Bearer), and is decoded as if pasted alone.',
    );
    expect(JSON.parse(report.editors.payload)).toEqual({
      iss: 'joe',
      exp: 1300819380,
      'http://example.com/is_root': true,
    });
  });

  it('has its parts where it stands in the text, for the editor marks', () => {
    const report = check(curl);
    const at = curl.indexOf(A1.token);
    const segments = report.decoded.ok ? report.decoded.value.segments : [];
    expect(segments.map((s) => curl.slice(s.from, s.to))).toEqual(A1.token.split('.'));
    expect(segments[0]!.from).toBe(at);
  });

  it('verifies with the key of the token, not of the text', async () => {
    const checker = new Checker();
    const report = checker.check({ text: curl, from: 'person' }, SETTINGS, keys(A1.key), {
      finder: find,
    });
    expect((await checker.verify(report, keys(A1.key))).signature.status).toBe('verified');
  });

  it('rejoined from a wrapped text, keeps positions within its own text', () => {
    const wrapped = `${A1.token.slice(0, 60)}\n${A1.token.slice(60, 120)}\n${A1.token.slice(120)}`;
    const report = check(wrapped);
    expect(compactOf(report)).toBe(A1.token);
    expect(report.found!.at).toBeUndefined();
    expect(report.found!.note).toMatch(/rejoined/);
  });
});

describe('several tokens found', () => {
  const response = JSON.stringify(
    { access_token: ACCESS, token_type: 'Bearer', expires_in: 3600, id_token: ID },
    null,
    2,
  );

  it('lists them all and decodes the first until one is chosen', () => {
    const report = check(response);
    expect(report.found!.tokens.map((t) => t.path)).toEqual(['$.access_token', '$.id_token']);
    expect(report.found!.chosen).toBe(0);
    expect(compactOf(report)).toBe(ACCESS);
    expect(report.found!.note).toBe(
      'Token 1 of 2 was found in "access_token" in a JSON object (path $.access_token), and is decoded as if pasted alone.',
    );
  });

  it('decodes the chosen one, and the first for an index out of range', () => {
    const checker = new Checker();
    const second = check(response, 1, checker);
    expect(compactOf(second)).toBe(ID);
    expect(second.found!.chosen).toBe(1);
    expect(JSON.parse(second.editors.payload)).toMatchObject({ nonce: 'n-0S6' });
    for (const chosen of [2, -1, 0.5])
      expect(compactOf(check(response, chosen, checker))).toBe(ACCESS);
  });

  it('runs the finder once per text: other inputs and choices reuse its list', () => {
    const finder = { ...find, findTokens: vi.fn(find.findTokens) };
    const checker = new Checker();
    const run = (chosen: number, settings: Settings) =>
      checker.check({ text: response, from: 'person', chosen }, settings, keys(), { finder });
    const first = run(0, SETTINGS);
    expect(run(0, { ...SETTINGS, now: AT + 1 }).decoded).toBe(first.decoded);
    run(1, SETTINGS);
    run(0, { ...SETTINGS, leeway: 5 });
    expect(finder.findTokens).toHaveBeenCalledTimes(1);
  });
});

describe('when nothing is found, or the finder is not there', () => {
  it.each([
    ['not a token'],
    ['a.b'],
    [`${A1.token.split('.')[0]}.%%%.sig`],
    ['{"access_token": "opaque-2YotnFZFEjr1zCsicMWpAA"}'],
  ])('keeps the decode error of %j exactly', (text) => {
    const without = new Checker().check({ text, from: 'person' }, SETTINGS, keys());
    const withFinder = check(text);
    expect(withFinder.found).toBeUndefined();
    expect(withFinder.error).toEqual(without.error);
    expect(withFinder.error!.message).toBe(without.error!.message);
    expect(withFinder.editors).toEqual(without.editors);
    expect(withFinder.wantsFinder).toBe(false);
  });

  it('asks for the finder only for a text that is not a token', () => {
    const ask = (text: string) =>
      new Checker().check({ text, from: 'person' }, SETTINGS, keys()).wantsFinder;
    expect(ask(`Authorization: Bearer ${A1.token}`)).toBe(false);
    expect(ask('')).toBe(false);
    expect(ask(`{"id_token": "${A1.token}"}`)).toBe(true);
  });

  it('gives the found token its own decode error when it does not decode', () => {
    // A JSON serialization is named by the finder; reading it is another module's work.
    const flattened = JSON.stringify({
      payload: 'eyJpc3MiOiJqb2UifQ',
      protected: 'eyJhbGciOiJIUzI1NiJ9',
      signature: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
    });
    const text = `{"response": ${flattened}}`;
    const report = check(text);
    expect(report.found!.tokens[0]!.kind).toBe('json-jws');
    expect(report.error?.code).toBe(
      new Checker().check({ text: flattened, from: 'person' }, SETTINGS, keys()).error?.code,
    );
  });

  it('moves an error position to where the found token stands', () => {
    const header = jose.base64url.encode('{"alg":"HS256"}');
    // Five characters cannot be base64url: 4n+1 characters hold no whole byte.
    const token = `${header}.abcde.c2ln`;
    const text = `2026-01-01T00:00:00Z INFO request token=${token} ok`;
    const report = check(text);
    expect(report.found).toBeDefined();
    expect(report.error?.code).toBe('ERR_PART_BASE64URL');
    const at = text.indexOf(token);
    const alone = new Checker().check({ text: token, from: 'person' }, SETTINGS, keys()).error!;
    expect(report.error!.from).toBe(alone.from! + at);
    expect(report.error!.message).toBe(alone.message);
  });
});
