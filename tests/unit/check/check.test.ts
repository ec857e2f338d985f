/**
 * The engine's one pipeline, from pasted text to every verdict, against the
 * RFC 7515 A.1 example (a token and key we did not make) and tokens jose signs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as jose from 'jose';
import * as findings from '../../../src/lib/findings';
import * as outcomes from '../../../src/lib/explain/outcomes';
import {
  Checker,
  judgeSettings,
  SAMPLE_KEY_MESSAGE,
  type KeyInput,
  type Settings,
} from '../../../src/lib';

const rfc = JSON.parse(
  readFileSync(new URL('../../vectors/rfc7515.json', import.meta.url), 'utf8'),
) as { cases: { id: string; token: string; key: string }[] };
const A1 = rfc.cases.find((c) => c.id === 'rfc7515-a1-hs256-jwk')!;

const AT = 1_300_000_000; // before A.1's exp (1300819380)
const settings = (over: Partial<Settings> = {}): Settings => ({
  now: AT,
  leeway: 0,
  expectedIssuer: '',
  expectedAudience: '',
  requiredClaims: [],
  timeTravel: false,
  ...over,
});
const person = (text: string): KeyInput => ({
  text,
  encoding: 'utf8',
  innerText: '',
  from: 'person',
});
const pasted = (text: string) => ({ text, from: 'person' as const });

/** check, verify, and check again with the verdicts: what the page ends up showing. */
async function settle(checker: Checker, text: string, keys: KeyInput, s = settings()) {
  const first = checker.check(pasted(text), s, keys, { findings, outcomes });
  const verdicts = await checker.verify(first, keys);
  return checker.check(pasted(text), s, keys, { findings, outcomes }, verdicts);
}

describe('check and verify', () => {
  it('verifies RFC 7515 A.1 and judges its claims, findings and outcomes in one report', async () => {
    const report = await settle(new Checker(), A1.token, person(A1.key));
    expect(report.view?.form).toBe('compact-jws');
    expect(report.signature.status).toBe('verified');
    expect(report.claims?.verdicts.find((v) => v.name === 'exp')?.status).toBe('ok');
    expect(report.findings?.map((f) => f.id)).toContain('aud-missing');
    expect(report.outcomes?.map((o) => o.ok)).toEqual([true, true, true]);
  });

  it('a key from a link makes a finding of the verified verdict, with one settings object throughout', async () => {
    // The page may pass the same settings to both checks of a keystroke: the
    // first check's findings (signature still "checking") must not be reused.
    const link = { ...person(A1.key), from: 'link' as const };
    const report = await settle(new Checker(), A1.token, link);
    expect(report.signature.status).toBe('verified');
    expect(report.findings?.map((f) => f.id)).toContain('key-from-link');
    const own = await settle(new Checker(), A1.token, person(A1.key));
    expect(own.findings?.map((f) => f.id)).not.toContain('key-from-link');
  });

  it('says invalid, with the code, for A.1 with one payload character changed', async () => {
    const [h, , s] = A1.token.split('.') as [string, string, string];
    const claims = { iss: 'joe', exp: 1300819380, 'http://example.com/is_root': false };
    const tampered = `${h}.${jose.base64url.encode(JSON.stringify(claims))}.${s}`;
    const report = await settle(new Checker(), tampered, person(A1.key));
    expect(report.signature.status).toBe('invalid');
    expect(report.signature.status !== 'checking' && report.signature.error?.code).toBe(
      'ERR_SIGNATURE_INVALID',
    );
  });

  it('knows the verdicts that need no crypto at once, and stays "checking" otherwise', () => {
    const checker = new Checker();
    const unsigned = `${jose.base64url.encode('{"alg":"none"}')}.${jose.base64url.encode('{}')}.`;
    expect(checker.check(pasted(unsigned), settings(), person('')).signature.status).toBe(
      'unsigned',
    );
    expect(checker.check(pasted('a.b'), settings(), person('')).signature.status).toBe('malformed');
    expect(checker.check(pasted(A1.token), settings(), person(A1.key)).signature.status).toBe(
      'checking',
    );
  });

  it('drops verdicts meant for other inputs', async () => {
    const checker = new Checker();
    const keys = person(A1.key);
    const first = checker.check(pasted(A1.token), settings(), keys);
    const verdicts = await checker.verify(first, keys);
    // A tick of the clock keeps them: the signature does not depend on it.
    const later = checker.check(pasted(A1.token), settings({ now: AT + 1 }), keys, {}, verdicts);
    expect(later.signature.status).toBe('verified');
    const otherKey = checker.check(pasted(A1.token), settings(), person('other'), {}, verdicts);
    expect(otherKey.signature.status).toBe('checking');
    const otherToken = checker.check(pasted(`${A1.token}x`), settings(), keys, {}, verdicts);
    expect(otherToken.signature.status).toBe('checking');
  });

  it('judges findings at the judged moment, not the clock (time travel)', () => {
    const checker = new Checker();
    const tools = { findings };
    // A.1 has no iat: one issued at AT, judged an hour before it was issued.
    const token = `${A1.token.split('.')[0]}.${jose.base64url.encode(JSON.stringify({ iat: AT, exp: AT + 60 }))}.eA`;
    const ids = (now: number) =>
      checker
        .check(pasted(token), settings({ now, timeTravel: true }), person(''), tools)
        .findings!.map((f) => f.id);
    expect(ids(AT - 3600)).toContain('iat-future');
    expect(ids(AT + 10)).not.toContain('iat-future');
  });
});

describe('the editors as far as the text decodes', () => {
  const checker = new Checker();
  const [h, p] = A1.token.split('.') as [string, string];

  it('shows a header that decodes when the payload does not', () => {
    const report = checker.check(pasted(`${h}.%%%.sig`), settings(), person(''));
    expect(report.error?.code).toBe('ERR_PART_BASE64URL');
    expect(JSON.parse(report.editors.header)).toEqual({ typ: 'JWT', alg: 'HS256' });
    expect(report.editors.payload).toBe('');
    expect(report.editors.note).toBe(
      'Shown as far as this text decodes: the header (the token as a whole does not decode).',
    );
  });

  it('shows header and payload of a token with four parts', () => {
    const report = checker.check(pasted(`${h}.${p}.a.b`), settings(), person(''));
    expect(report.error?.code).toBe('ERR_TOKEN_PARTS');
    expect(report.editors.header).not.toBe('');
    expect(report.editors.payload).toBe('');
  });

  it('is empty, with a note, when nothing decodes', () => {
    const report = checker.check(pasted('not a token'), settings(), person(''));
    expect(report.editors).toEqual({
      header: '',
      payload: '',
      note: 'Nothing of this text decodes, so the header and payload are empty.',
    });
  });

  it('re-indents a token that decodes', () => {
    const report = checker.check(pasted(A1.token), settings(), person(''));
    expect(report.editors.header).toBe('{\n  "typ": "JWT",\n  "alg": "HS256"\n}');
    expect(report.editors.note).toBeUndefined();
  });
});

describe('the sample key judges only the sample token', () => {
  const secret = new TextEncoder().encode('demo-secret-for-the-sample-token-0123456789');
  const sign = (payload: object) =>
    new jose.SignJWT(payload as jose.JWTPayload).setProtectedHeader({ alg: 'HS256' }).sign(secret);
  const sampleKeys = (sampleToken: string): KeyInput => ({
    text: 'demo-secret-for-the-sample-token-0123456789',
    encoding: 'utf8',
    innerText: '',
    from: 'sample',
    sampleToken,
  });

  it('asks for a key for a pasted token, instead of calling it invalid', async () => {
    const sample = await sign({ sub: 'sample' });
    const foreign = await new jose.SignJWT({ sub: 'pasted' })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('someone-elses-secret-0123456789abcdef'));
    const report = await settle(new Checker(), foreign, sampleKeys(sample));
    expect(report.signature).toEqual({ status: 'needs-key', message: SAMPLE_KEY_MESSAGE });
  });

  it('judges the sample and edits of it: tampering reads as invalid', async () => {
    const sample = await sign({ sub: 'sample' });
    expect((await settle(new Checker(), sample, sampleKeys(sample))).signature.status).toBe(
      'verified',
    );
    const [h, , s] = sample.split('.');
    const tampered = `${h}.${jose.base64url.encode('{"sub":"admin"}')}.${s}`;
    expect((await settle(new Checker(), tampered, sampleKeys(sample))).signature.status).toBe(
      'invalid',
    );
  });

  it('always uses a key the person chose', async () => {
    const token = await sign({ sub: 'x' });
    const keys = { ...sampleKeys('a.b.c'), from: 'person' as const };
    expect((await settle(new Checker(), token, keys)).signature.status).toBe('verified');
  });
});

describe('judgeSettings', () => {
  const raw = {
    clock: AT,
    clockText: '',
    leeway: 0 as number | string,
    expectedIssuer: '',
    expectedAudience: '',
    requiredClaimsText: '',
  };
  it.each([
    [30, 30],
    ['30', 30],
    ['', 0],
    [-5, 0],
    ['abc', 0],
    [Number.NaN, 0],
  ])('cleans the leeway %j to %j', (leeway, expected) => {
    expect(judgeSettings({ ...raw, leeway }).settings.leeway).toBe(expected);
  });
  it('reads the clock field, and falls back to the clock with its error', () => {
    const travel = judgeSettings({ ...raw, clockText: '2026-01-01T00:00:00Z' });
    expect(travel.settings).toMatchObject({ now: 1767225600, timeTravel: true });
    const bad = judgeSettings({ ...raw, clockText: 'yesterday' });
    expect(bad.settings).toMatchObject({ now: AT, timeTravel: false });
    expect(bad.clockError?.code).toBe('ERR_CLOCK_INVALID');
  });
  it('splits the required claims', () => {
    expect(
      judgeSettings({ ...raw, requiredClaimsText: ' exp, iat  sub,' }).settings.requiredClaims,
    ).toEqual(['exp', 'iat', 'sub']);
  });
});
