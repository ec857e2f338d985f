/**
 * A JWS that is not a JWT, and RFC 7797, through the engine's one pipeline
 * (verdict, claims, findings, notes) and through re-signing, with RFC data
 * we did not make and every token we sign verified by jose.
 */
import { readFileSync } from 'node:fs';
import * as jose from 'jose';
import { describe, expect, it } from 'vitest';
import * as findings from '../../../src/lib/findings';
import {
  Checker,
  KeyResolver,
  resign,
  type KeyInput,
  type PayloadForm,
  type Settings,
} from '../../../src/lib';

const load = <T>(path: string): T =>
  JSON.parse(readFileSync(new URL(`../../vectors/${path}`, import.meta.url), 'utf8')) as T;
const rfc7797 = load<{
  key: string;
  payload: string;
  unencoded: { protected: string; detached: string; attached: string; signature: string };
}>('rfc7797/rfc7797.json');
type Case = { id: string; token: string; key: string; payloadText?: string };
const rfc7515 = load<{ cases: Case[] }>('rfc7515.json').cases;
const rfc7520 = load<{ cases: Case[] }>('rfc7520-jws.json').cases;
const TEXT_CASES = [
  rfc7515.find((c) => c.id === 'rfc7515-a4-es512')!,
  ...rfc7520.filter((c) => c.id !== 'rfc7520-4.4-hs256-secret'),
];

const settings: Settings = {
  now: 1_700_000_000,
  leeway: 0,
  expectedIssuer: 'joe',
  expectedAudience: '',
  requiredClaims: [],
  timeTravel: false,
};
const person = (text: string): KeyInput => ({
  text,
  encoding: 'utf8',
  innerText: '',
  from: 'person',
});

async function settle(text: string, key: string, detachedPayload?: string) {
  const checker = new Checker();
  const input = { text, from: 'person' as const, detachedPayload };
  const first = checker.check(input, settings, person(key), { findings });
  const verdicts = await checker.verify(first, person(key));
  return checker.check(input, settings, person(key), { findings }, verdicts);
}

describe('a JWS that is not a JWT, through check', () => {
  it.each(TEXT_CASES.map((c) => [c.id, c] as const))(
    '%s verifies, with no claims',
    async (_, c) => {
      const report = await settle(c.token, c.key);
      expect(report.signature.status, report.signature.message).toBe('verified');
      expect(report.jws).toMatchObject({ payloadForm: 'text', payloadText: c.payloadText });
      expect(report.editors.payload).toBe(c.payloadText);
      // Not even the expected issuer's row: there are no claims to judge.
      expect(report.claims).toBeUndefined();
      const ids = report.findings?.map((f) => f.id) ?? [];
      for (const id of ['exp-missing', 'aud-missing', 'iss-missing', 'typ-unexpected'])
        expect(ids).not.toContain(id);
    },
  );

  it('the same text with one character changed is invalid', async () => {
    const c = TEXT_CASES[0]!;
    const [h, , s] = c.token.split('.');
    const changed = Buffer.from(`${c.payloadText}.`).toString('base64url');
    const report = await settle(`${h}.${changed}.${s}`, c.key);
    expect(report.signature).toMatchObject({
      status: 'invalid',
      error: { code: 'ERR_SIGNATURE_INVALID' },
    });
  });

  it('says where a payload that looks like JSON breaks', async () => {
    const h = Buffer.from('{"alg":"HS256"}').toString('base64url');
    const p = Buffer.from('{"sub":"a",}').toString('base64url');
    const report = await settle(`${h}.${p}.c2ln`, 'secret');
    expect(report.notes.join(' ')).toContain('The payload looks like JSON but is not');
  });
});

describe('RFC 7797 §4, through check', () => {
  const { unencoded, payload, key } = rfc7797;

  it('the detached form verifies over the payload given, and says it is detached', async () => {
    const report = await settle(unencoded.detached, key, payload);
    expect(report.signature.status, report.signature.message).toBe('verified');
    expect(report.notes.join(' ')).toContain('The payload is detached');
    expect(report.findings?.map((f) => f.id)).not.toContain('crit-unknown');
    expect(report.findings?.map((f) => f.id)).not.toContain('b64-false');
  });

  it.each([
    ['a changed payload', '$.03', 'does not match the detached payload you gave'],
    ['no payload', '', 'This JWS has a detached payload (header..signature)'],
  ])('the detached form with %s is invalid, and says why', async (_, given, words) => {
    const report = await settle(unencoded.detached, key, given);
    expect(report.signature).toMatchObject({
      status: 'invalid',
      error: { code: 'ERR_SIGNATURE_INVALID' },
    });
    expect(report.signature.message).toContain(words);
  });

  it('the attached form verifies, with a note that RFC 7797 §5.2 forbids its dot', async () => {
    const report = await settle(unencoded.attached, key);
    expect(report.signature.status).toBe('verified');
    expect(report.notes.join(' ')).toContain('RFC 7797 §5.2 forbids');
  });

  it('the attached form with a changed payload is invalid', async () => {
    const report = await settle(unencoded.attached.replace('$.02', '$.20'), key);
    expect(report.signature.status).toBe('invalid');
  });

  it('b64-false still fires when the payload is a JWT claims set, or typ says JWT', async () => {
    const h = (header: object) => Buffer.from(JSON.stringify(header)).toString('base64url');
    const claims = await settle(
      `${h({ alg: 'HS256', b64: false, crit: ['b64'] })}.{"sub":"a"}.c2ln`,
      key,
    );
    expect(claims.findings?.find((f) => f.id === 'b64-false')?.message).toContain(
      'carries JWT claims',
    );
    const typ = await settle(
      `${h({ alg: 'HS256', typ: 'JWT', b64: false, crit: ['b64'] })}.hello.c2ln`,
      key,
    );
    expect(typ.findings?.find((f) => f.id === 'b64-false')?.message).toContain('"typ": "JWT"');
  });
});

describe('re-signing other payloads', () => {
  const SECRET = 'a-long-enough-secret-for-hs256-0123456789';
  const secret = new TextEncoder().encode(SECRET);
  const sign = (headerText: string, payloadText: string, form?: PayloadForm, detached?: boolean) =>
    resign(
      { headerText, payloadText, tokenText: '', payload: { form, detached } },
      person(SECRET),
      new KeyResolver(),
    );

  it('signs a text payload as typed, and jose verifies it', async () => {
    const result = await sign('{"alg":"HS256"}', 'It’s a { text', 'text');
    const token = result.ok ? result.token! : '';
    const { payload } = await jose.compactVerify(token, secret);
    expect(new TextDecoder().decode(payload)).toBe('It’s a { text');
  });

  it('keeps JSON behaviour for claims: text there is an edit error', async () => {
    expect(await sign('{"alg":"HS256"}', 'hello')).toMatchObject({
      ok: false,
      error: { code: 'ERR_JSON_EDIT' },
    });
  });

  it('signs JSON that is not an object when the payload was such JSON', async () => {
    const result = await sign('{"alg":"HS256"}', '[1, 2]', 'json');
    const { payload } = await jose.compactVerify(result.ok ? result.token! : '', secret);
    expect(new TextDecoder().decode(payload)).toBe('[1,2]');
  });

  it('reads hex back to bytes for a binary payload', async () => {
    const result = await sign('{"alg":"HS256"}', 'ff 00\n7b', 'binary');
    const { payload } = await jose.compactVerify(result.ok ? result.token! : '', secret);
    expect(Array.from(payload)).toEqual([0xff, 0x00, 0x7b]);
    expect(await sign('{"alg":"HS256"}', 'fg', 'binary')).toMatchObject({
      ok: false,
      error: { code: 'ERR_PAYLOAD_HEX' },
    });
  });

  const B64_FALSE = '{"alg":"HS256","b64":false,"crit":["b64"]}';
  it('signs b64:false attached when the payload has no dot; jose verifies it', async () => {
    const result = await sign(B64_FALSE, 'hello world', 'text');
    expect(result).toMatchObject({ ok: true });
    const token = result.ok ? result.token! : '';
    const [protectedHeader, payload, signature] = token.split('.') as [string, string, string];
    expect(payload).toBe('hello world');
    const verified = await jose.flattenedVerify(
      { protected: protectedHeader, payload, signature },
      secret,
    );
    expect(verified.protectedHeader).toMatchObject({ b64: false });
  });

  it('signs b64:false detached when the payload has a dot, and hands the payload back', async () => {
    const result = await sign(B64_FALSE, '$.02', 'text');
    const token = result.ok ? result.token! : '';
    expect(token).toMatch(/^[\w-]+\.\.[\w-]+$/);
    expect(result.ok && result.detachedPayload).toBe('$.02');
    const [protectedHeader, , signature] = token.split('.') as [string, string, string];
    await expect(
      jose.flattenedVerify({ protected: protectedHeader, payload: '$.02', signature }, secret),
    ).resolves.toBeDefined();
  });

  it('reproduces the RFC 7797 §4.2 signature with its key', async () => {
    const result = await resign(
      {
        headerText: B64_FALSE,
        payloadText: rfc7797.payload,
        tokenText: rfc7797.unencoded.detached,
        payload: { form: 'text', detached: true },
      },
      { ...person(rfc7797.key) },
      new KeyResolver(),
    );
    expect(result.ok && result.token).toBe(rfc7797.unencoded.detached);
  });

  it('keeps a detached b64:true JWS detached', async () => {
    const result = await sign('{"alg":"HS256"}', 'abc', 'text', true);
    const token = result.ok ? result.token! : '';
    const [protectedHeader, empty, signature] = token.split('.') as [string, string, string];
    expect(empty).toBe('');
    await expect(
      jose.flattenedVerify({ protected: protectedHeader, payload: 'YWJj', signature }, secret),
    ).resolves.toBeDefined();
  });
});
