/**
 * JSON serializations through the engine's one pipeline: RFC 7515 A.6/A.7
 * and RFC 7516 A.4/A.5 pasted as text give the JSON form, the protected
 * header and payload in the editors, one verdict per signature (or the
 * recipient that opened), the claims and the `unprotected-header` finding.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as findings from '../../../src/lib/findings';
import * as outcomes from '../../../src/lib/explain/outcomes';
import * as finder from '../../../src/lib/find';
import * as forms from '../../../src/lib/check/json-decoding';
import { Checker, KeyResolver, resign, type KeyInput, type Settings } from '../../../src/lib';
import { decodeJoseJson } from '../../../src/lib/jws/json-serialization';

type Case = { id: string; serialization: object; checks: { key: string }[] };
const load = (name: string) =>
  (
    JSON.parse(readFileSync(`tests/vectors/json-serialization/${name}`, 'utf8')) as {
      cases: Case[];
    }
  ).cases;
const jws = load('jws-json.json');
const jwe = load('jwe-json.json');
const A6 = jws.find((c) => c.id === 'rfc7515-a6')!;
const A7 = jws.find((c) => c.id === 'rfc7515-a7')!;
const A4 = jwe.find((c) => c.id === 'rfc7516-a4')!;

const settings: Settings = {
  now: 1_300_000_000,
  leeway: 0,
  expectedIssuer: '',
  expectedAudience: '',
  requiredClaims: [],
  timeTravel: false,
};
const keysOf = (text: string, from: KeyInput['from'] = 'person'): KeyInput => ({
  text,
  encoding: 'utf8',
  innerText: '',
  from,
  ...(from === 'sample' ? { sampleToken: 'a.b.c' } : {}),
});

async function settle(text: string, keys: KeyInput) {
  const checker = new Checker();
  const input = { text, from: 'person' as const };
  const first = checker.check(input, settings, keys, { findings, outcomes, forms });
  const verdicts = await checker.verify(first, keys);
  return {
    first,
    last: checker.check(input, settings, keys, { findings, outcomes, forms }, verdicts),
  };
}

describe('JWS JSON serializations in the pipeline', () => {
  it('RFC 7515 A.6: the general form, both signatures verified by the JWKS, claims and findings', async () => {
    const text = JSON.stringify(A6.serialization, null, 2);
    const { first, last } = await settle(text, keysOf(A6.checks[2]!.key));
    expect(first.view?.form).toBe('json-jws-general');
    expect(first.signature.status).toBe('checking');
    expect(first.editors.header).toBe('{\n  "alg": "RS256"\n}');
    expect(JSON.parse(first.editors.payload)).toEqual({
      iss: 'joe',
      exp: 1300819380,
      'http://example.com/is_root': true,
    });
    expect(last.signature.status).toBe('verified');
    expect(last.signature.message).toMatch(
      /^Verified: signature 1 \(RS256, kid "2010-12-29"\) with JWKS key 1 of 2.*; signature 2 \(ES256, kid "e9bc097a-ce51-4036-9562-d2ade882db0d"\) with JWKS key 2 of 2/,
    );
    expect(last.signatures?.map((s) => s.status)).toEqual(['verified', 'verified']);
    expect(last.claims?.verdicts.find((v) => v.name === 'exp')?.status).toBe('ok');
    expect(last.findings?.map((f) => f.id)).toContain('unprotected-header');
    expect(last.error).toBeUndefined();
    expect(last.outcomes).toBeUndefined();
  });

  it('RFC 7515 A.7 with the RSA key of A.6: the flattened form, and why it is not verified', async () => {
    const { last } = await settle(JSON.stringify(A7.serialization), keysOf(A6.checks[0]!.key));
    expect(last.view?.form).toBe('json-jws-flattened');
    expect(last.signature.status).toBe('key-error');
    expect(last.signature.message).toMatch(/^The signature \(ES256, kid "e9bc.*"\): ES256 needs/);
  });

  it('RFC 7515 A.7 without its payload: the detached payload given is what the signature is checked over', async () => {
    const { payload: _payload, ...detached } = A7.serialization as Record<string, unknown>;
    const checker = new Checker();
    const keys = keysOf(A7.checks[0]!.key);
    const run = async (detachedPayload: string) => {
      const input = { text: JSON.stringify(detached), from: 'person' as const, detachedPayload };
      const first = checker.check(input, settings, keys, { findings, outcomes, forms });
      return checker.check(input, settings, keys, { forms }, await checker.verify(first, keys));
    };
    const claims = '{"iss":"joe",\r\n "exp":1300819380,\r\n "http://example.com/is_root":true}';
    expect((await run(claims)).signature.status).toBe('verified');
    expect((await run(claims.replace('joe', 'eve'))).signature.status).toBe('invalid');
  });

  it('RFC 7515 A.7 found inside a larger JSON document is read as a JSON serialization', async () => {
    const text = JSON.stringify({ request: 'sign', result: A7.serialization }, null, 2);
    const checker = new Checker();
    const keys = keysOf(A7.checks[0]!.key);
    const input = { text, from: 'person' as const };
    const tools = { findings, outcomes, finder, forms };
    const first = checker.check(input, settings, keys, tools);
    expect(first.view?.form).toBe('json-jws-flattened');
    expect(first.found?.note).toMatch(/found in/);
    const last = checker.check(input, settings, keys, tools, await checker.verify(first, keys));
    expect(last.signature.status).toBe('verified');
  });

  it('the untouched sample key does not judge a pasted JSON token', async () => {
    const { last } = await settle(JSON.stringify(A7.serialization), keysOf('secret', 'sample'));
    expect(last.signature.status).toBe('needs-key');
    expect(last.signatures?.map((s) => s.status)).toEqual(['needs-key']);
  });

  it('a JSON text that is not a serialization is a decode error with its code', async () => {
    const { last } = await settle('{"access_token": "x"}', keysOf(''));
    expect(last.error?.code).toBe('ERR_JSON_MEMBER');
    expect(last.signature.status).toBe('malformed');
  });
});

describe('JWE JSON serializations in the pipeline', () => {
  it('RFC 7516 A.4 opens at recipient 2 with the A128KW key, the plaintext in the payload editor', async () => {
    const { first, last } = await settle(
      JSON.stringify(A4.serialization),
      keysOf(A4.checks[0]!.key),
    );
    expect(first.view?.form).toBe('json-jwe');
    expect(first.editors.header).toBe('{\n  "enc": "A128CBC-HS256"\n}');
    expect(last.jwe?.status).toBe('decrypted');
    expect(last.jwe?.message).toMatch(/recipient 2 of 2/);
    expect(last.jwe?.payloadText).toBe('Live long and prosper.');
    expect(last.jwe?.status === 'decrypted' && last.jwe.recipients?.map((r) => r.opened)).toEqual([
      false,
      true,
    ]);
    expect(last.findings?.map((f) => f.id)).toContain('unprotected-header');
  });

  it('RFC 7516 A.4 with no key needs one', async () => {
    const { last } = await settle(JSON.stringify(A4.serialization), keysOf(''));
    expect(last.jwe?.status).toBe('needs-key');
  });
});

describe('resign into a JSON form', () => {
  const secret = 'a-long-enough-secret-for-hs256-tests';
  const edit = (outputForm: 'json-flattened' | 'json-general') => ({
    headerText: '{"alg":"HS256","typ":"JWT"}',
    payloadText: '{"sub":"x"}',
    tokenText: '',
    outputForm,
    unprotectedHeader: { kid: 'k1', typ: 'stale' },
    signatureCount: 3,
  });

  it.each(['json-flattened', 'json-general'] as const)(
    '%s: signed with the key, the unprotected header kept but for members now protected',
    async (form) => {
      const result = await resign(edit(form), keysOf(secret), new KeyResolver());
      if (!result.ok || result.token === undefined) throw new Error('not signed');
      // The general form keeps the other signatures it is given (none here: see resign.test.ts).
      expect(result.note).toBe(
        form === 'json-general'
          ? 'Re-signed with HS256 as a general JSON serialization.'
          : 'Re-signed with HS256 as a flattened JSON serialization. The other 2 signatures were dropped: the flattened form holds one signature; choose the general form to keep them.',
      );
      const decoded = decodeJoseJson(result.token);
      if (!decoded.ok || decoded.value.kind !== 'jws-json') throw new Error('not a JWS JSON');
      expect(decoded.value.form).toBe(
        form === 'json-general' ? 'json-jws-general' : 'json-jws-flattened',
      );
      expect(decoded.value.signatures[0]!.unprotectedHeader).toEqual({ kid: 'k1' });
      expect(decoded.value.payloadText).toBe('{"sub":"x"}');
      const { last } = await settle(result.token, keysOf(secret));
      expect(last.signature.status).toBe('verified');
    },
  );
});

describe('re-encrypt into a JSON form', () => {
  it.each(['json-flattened', 'json-general'] as const)(
    '%s: the compact JWE rewritten member by member, which the A128KW key opens',
    async (outputForm) => {
      const key = A4.checks[0]!.key;
      const result = await resign(
        {
          headerText: '{"alg":"A128KW","enc":"A128GCM"}',
          payloadText: 'Live long and prosper.',
          tokenText: '',
          outputForm,
        },
        keysOf(key),
        new KeyResolver(),
      );
      if (!result.ok || result.token === undefined) throw new Error('not encrypted');
      expect(result.note).toMatch(/Written as a (general|flattened) JSON serialization/);
      const { last } = await settle(result.token, keysOf(key));
      expect(last.view?.form).toBe('json-jwe');
      expect(last.view?.form === 'json-jwe' && last.view.token.flattened).toBe(
        outputForm === 'json-flattened',
      );
      expect(last.jwe?.payloadText).toBe('Live long and prosper.');
    },
  );
});

describe('re-sign a JSON JWS whose alg is unprotected', () => {
  it('RFC 7520 §4.7 (no protected header): its unprotected members move into the protected header', async () => {
    const c47 = jws.find((c) => c.id === 'rfc7520-4.7')!;
    const unprotected = (c47.serialization as { header: Record<string, unknown> }).header;
    const result = await resign(
      {
        headerText: '{}',
        payloadText: 'edited',
        tokenText: '',
        payload: { form: 'text' },
        outputForm: 'json-flattened',
        unprotectedHeader: unprotected,
      },
      keysOf(c47.checks[0]!.key),
      new KeyResolver(),
    );
    if (!result.ok || result.token === undefined) throw new Error('not signed');
    const decoded = decodeJoseJson(result.token);
    if (!decoded.ok || decoded.value.kind !== 'jws-json') throw new Error('not a JWS JSON');
    expect(decoded.value.signatures[0]!.protectedHeader).toEqual(unprotected);
    expect(decoded.value.signatures[0]!.unprotectedHeader).toBeUndefined();
    const { last } = await settle(result.token, keysOf(c47.checks[0]!.key));
    expect(last.signature.status).toBe('verified');
    expect(last.findings?.map((f) => f.id)).not.toContain('unprotected-header');
  });
});
