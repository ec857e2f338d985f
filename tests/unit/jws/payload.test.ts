/**
 * A JWS that is not a JWT, and RFC 7797 unencoded payloads: the payload
 * forms decodeToken reads, how b64 is honoured, the RFC 7797 §4 example in
 * its encoded, detached and attached forms (checked with jose first, so the
 * data is shown right without our engine), tampering, and hex read back.
 */
import { readFileSync } from 'node:fs';
import * as jose from 'jose';
import { describe, expect, it } from 'vitest';
import {
  decodeToken,
  fromHex,
  readB64,
  toHex,
  type DecodedJws,
  type ErrorCode,
  type PayloadForm,
} from '../../../src/lib';

const b64 = (text: string | Uint8Array) => Buffer.from(text).toString('base64url');
const HEADER = b64(JSON.stringify({ alg: 'HS256' }));
const SIG = 'c2ln';

const RFC7797 = JSON.parse(
  readFileSync(new URL('../../vectors/rfc7797/rfc7797.json', import.meta.url), 'utf8'),
) as {
  key: string;
  payload: string;
  encoded: { token: string; header: object; protected: string };
  unencoded: {
    protected: string;
    header: object;
    signature: string;
    detached: string;
    attached: string;
  };
};

function decodeJws(input: string, detachedPayload?: string): DecodedJws {
  const result = decodeToken(input, undefined, { detachedPayload });
  if (!result.ok) throw new Error(`${input} did not decode: ${result.error.message}`);
  if (result.value.kind !== 'jws') throw new Error('not a JWS');
  return result.value;
}

describe('payload forms', () => {
  const cases: [string, string | Uint8Array, PayloadForm, string][] = [
    ['a claims set', '{"sub":"a"}', 'claims', '{"sub":"a"}'],
    ['an array', '[1,2]', 'json', '[1,2]'],
    ['a JSON string', '"claims"', 'json', '"claims"'],
    ['a number', '42', 'json', '42'],
    ['true', 'true', 'json', 'true'],
    ['null', 'null', 'json', 'null'],
    ['plain text', 'Payload', 'text', 'Payload'],
    ['text that starts like a number', '-not a number', 'text', '-not a number'],
    ['broken JSON (read as text)', '{"sub":"a",}', 'text', '{"sub":"a",}'],
    ['text with non-ASCII', 'It’s', 'text', 'It’s'],
    ['bytes that are not UTF-8', Uint8Array.of(0x7b, 0xc3, 0x28, 0x7d), 'binary', '7b c3 28 7d'],
  ];
  it.each(cases)('%s', (_, payload, form, shown) => {
    const token = decodeJws(`${HEADER}.${b64(payload)}.${SIG}`);
    expect(token.payloadForm).toBe(form);
    expect(token.payloadText).toBe(shown);
    expect(token.payload).toEqual(form === 'claims' ? JSON.parse(shown) : {});
    expect(token).toMatchObject({ unencoded: false, detached: false });
    expect(token.signingInput).toBe(`${HEADER}.${b64(payload)}`);
  });
});

describe('hex', () => {
  it('shows 32 bytes a line and reads back what it shows, white space and case aside', () => {
    const bytes = Uint8Array.from({ length: 40 }, (_, i) => i * 6);
    const hex = toHex(bytes);
    expect(hex.split('\n')).toHaveLength(2);
    expect(hex.startsWith('00 06 0c 12')).toBe(true);
    const back = fromHex(hex.toUpperCase());
    expect(back.ok && Array.from(back.value)).toEqual(Array.from(bytes));
  });

  it.each([
    ['zz', "'z' is not a hex digit"],
    ['abc', 'odd number of digits (3)'],
  ])('refuses %s with ERR_PAYLOAD_HEX', (text, words) => {
    const result = fromHex(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('ERR_PAYLOAD_HEX');
      expect(result.error.message).toContain(words);
    }
  });
});

describe('readB64 (RFC 7797 §3, §6)', () => {
  it.each([
    [{ alg: 'HS256' }, { unencoded: false }],
    [{ alg: 'HS256', b64: true, crit: ['b64'] }, { unencoded: false }],
    [{ alg: 'HS256', b64: false, crit: ['b64'] }, { unencoded: true }],
    [
      { alg: 'HS256', b64: false },
      { unencoded: false, ignoredB64False: true },
    ],
    [
      { alg: 'HS256', b64: false, crit: ['exp'] },
      { unencoded: false, ignoredB64False: true },
    ],
  ])('%j', (header, reading) => {
    expect(readB64(header)).toEqual({ ok: true, value: reading });
  });
});

describe('RFC 7797 decoding failures', () => {
  const cases: [string, string, ErrorCode, string][] = [
    [
      'b64 not a boolean',
      `${b64('{"alg":"HS256","b64":"false","crit":["b64"]}')}.abc.${SIG}`,
      'ERR_HEADER_B64',
      'The header\'s "b64" must be true or false (RFC 7797 §3), not "false".',
    ],
    [
      'b64 false without crit, payload not base64url',
      `${b64('{"alg":"HS256","b64":false}')}.a b.${SIG}`,
      'ERR_B64_NOT_CRITICAL',
      '"crit" does not list "b64"',
    ],
    [
      'b64 false without crit, payload with a dot',
      `${b64('{"alg":"HS256","b64":false}')}.$.02.${SIG}`,
      'ERR_B64_NOT_CRITICAL',
      'RFC 7797 §6 requires "crit": ["b64"]',
    ],
  ];
  it.each(cases)('%s → %s', (_, input, code, words) => {
    const result = decodeToken(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message).toContain(words);
    }
  });

  it('reads a b64:false payload that is base64url as base64url when crit lacks b64, as jose does', () => {
    const token = decodeJws(`${b64('{"alg":"HS256","b64":false}')}.${b64('hi')}.${SIG}`);
    expect(token).toMatchObject({ unencoded: false, payloadText: 'hi' });
  });

  it('does not mistake a sentence with spaces for a wrapped token when it is unencoded', () => {
    const header = b64('{"alg":"HS256","b64":false,"crit":["b64"]}');
    const token = decodeJws(`${header}.It is a text, with spaces.${SIG}`);
    expect(token).toMatchObject({ unencoded: true, payloadForm: 'text' });
    expect(token.payloadText).toBe('It is a text, with spaces');
  });
});

describe('RFC 7797 §4 example', () => {
  const { unencoded, encoded, payload } = RFC7797;
  const secret = () => jose.importJWK(JSON.parse(RFC7797.key) as jose.JWK, 'HS256');

  it('is right, by jose alone: §4.1 compact, and §4.2 as a flattened JWS with b64 false', async () => {
    const key = await secret();
    const plain = await jose.compactVerify(encoded.token, key);
    expect(new TextDecoder().decode(plain.payload)).toBe(payload);
    const detached = await jose.flattenedVerify(
      { protected: unencoded.protected, payload, signature: unencoded.signature },
      key,
    );
    expect(detached.protectedHeader).toEqual(unencoded.header);
  });

  it('§4.1 decodes as a text payload', () => {
    expect(decodeJws(encoded.token)).toMatchObject({
      payloadForm: 'text',
      payloadText: payload,
      unencoded: false,
    });
  });

  it('the detached form takes its payload from outside and signs it unencoded', () => {
    const token = decodeJws(unencoded.detached, payload);
    expect(token).toMatchObject({
      header: unencoded.header,
      payloadForm: 'text',
      payloadText: payload,
      unencoded: true,
      detached: true,
      signingInput: `${unencoded.protected}.${payload}`,
    });
    expect(decodeJws(unencoded.detached)).toMatchObject({ detached: true, payloadText: '' });
  });

  it('the attached form is read around its dots', () => {
    const token = decodeJws(unencoded.attached);
    expect(token).toMatchObject({ payloadText: payload, unencoded: true, detached: false });
    expect(token.segments.map((s) => [s.part, s.from, s.to])).toEqual([
      ['header', 0, unencoded.protected.length],
      ['payload', unencoded.protected.length + 1, unencoded.protected.length + 5],
      ['signature', unencoded.protected.length + 6, unencoded.attached.length],
    ]);
    expect(token.signingInput).toBe(`${unencoded.protected}.${payload}`);
  });

  it('a detached b64:true JWS signs BASE64URL of the payload given (RFC 7515 Appendix F)', () => {
    const token = decodeJws(`${encoded.protected}..sig`, payload);
    expect(token).toMatchObject({ detached: true, unencoded: false, payloadText: payload });
    expect(token.signingInput).toBe(`${encoded.protected}.JC4wMg`);
  });
});
