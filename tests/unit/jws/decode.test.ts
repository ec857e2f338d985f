/**
 * decodeToken: every failure code with its message and the offsets the editor
 * underlines, the wrappings it tolerates, and what still decodes.
 */
import { describe, expect, it } from 'vitest';
import { cleanToken, decodeToken, type DecodedJwe, type DecodedJws } from '../../../src/lib';
import type { ErrorCode, TokenPart } from '../../../src/lib';

const b64 = (text: string | Uint8Array) => Buffer.from(text).toString('base64url');
const json = (value: unknown) => b64(JSON.stringify(value));

const HEADER = json({ alg: 'HS256', typ: 'JWT' });
const PAYLOAD = json({ sub: '1234567890', name: 'John Doe', iat: 1516239022 });
const SIGNATURE = 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
const TOKEN = `${HEADER}.${PAYLOAD}.${SIGNATURE}`;

function decodeJws(input: string): DecodedJws {
  const result = decodeToken(input);
  if (!result.ok) throw new Error(`expected ${input} to decode: ${result.error.message}`);
  expect(result.value.kind).toBe('jws');
  return result.value as DecodedJws;
}

interface FailureCase {
  name: string;
  input: string;
  code: ErrorCode;
  message: string | RegExp;
  part?: TokenPart;
  from?: number;
  to?: number;
  pyjwt?: string;
}

const failures: FailureCase[] = [
  { name: 'empty input', input: '', code: 'ERR_TOKEN_EMPTY', message: 'Paste a token' },
  { name: 'only white space', input: ' \n\t ', code: 'ERR_TOKEN_EMPTY', message: 'Paste a token' },
  { name: 'only quotes', input: '""', code: 'ERR_TOKEN_EMPTY', message: 'Paste a token' },
  {
    name: 'only a Bearer prefix',
    input: 'Authorization: Bearer  ',
    code: 'ERR_TOKEN_PARTS',
    message: 'no dots',
  },
  {
    name: '1 part (an opaque token)',
    input: 'abcdef',
    code: 'ERR_TOKEN_PARTS',
    message: 'This has no dots, so it is not a JWT',
    from: 0,
    to: 6,
  },
  {
    name: '2 parts',
    input: `${HEADER}.${PAYLOAD}`,
    code: 'ERR_TOKEN_PARTS',
    message: 'this has 2. Is the signature missing? Even an unsigned token ends with a dot.',
    from: 0,
    to: HEADER.length + 1 + PAYLOAD.length,
  },
  {
    name: '4 parts',
    input: `${TOKEN}.x`,
    code: 'ERR_TOKEN_PARTS',
    message: 'this has 4. A part was lost or added when copying.',
    from: 0,
    to: TOKEN.length + 2,
  },
  {
    name: '6 parts',
    input: 'a.b.c.d.e.f',
    code: 'ERR_TOKEN_PARTS',
    message: /or 5 when encrypted \(JWE\); this has 6\.$/,
  },
  {
    name: 'parts counted after a stripped Bearer prefix',
    input: 'Bearer a.b',
    code: 'ERR_TOKEN_PARTS',
    message: 'this has 2.',
    from: 7,
    to: 10,
  },
  {
    name: 'empty header',
    input: `.${PAYLOAD}.${SIGNATURE}`,
    code: 'ERR_PART_EMPTY',
    message: 'The header is empty.',
    part: 'header',
    from: 0,
    to: 0,
  },
  {
    name: 'empty JWE ciphertext',
    input: `${json({ alg: 'dir', enc: 'A256GCM' })}..aXY..dGFn`,
    code: 'ERR_PART_EMPTY',
    message: 'The ciphertext is empty.',
    part: 'ciphertext',
  },
  {
    name: "a '+' from standard base64 in the payload",
    input: `${HEADER}.ab+d.${SIGNATURE}`,
    code: 'ERR_PART_BASE64URL',
    message:
      "The payload is not valid base64url: '+' at character 3 is not base64url ('+' belongs to standard base64; base64url uses '-').",
    part: 'payload',
    from: HEADER.length + 1 + 2,
    to: HEADER.length + 1 + 3,
  },
  {
    name: "a '/' in the signature",
    input: `${HEADER}.${PAYLOAD}.abc/`,
    code: 'ERR_PART_BASE64URL',
    message:
      "The signature is not valid base64url: '/' at character 4 is not base64url ('/' belongs to standard base64; base64url uses '_').",
    part: 'signature',
    from: HEADER.length + PAYLOAD.length + 2 + 3,
    to: HEADER.length + PAYLOAD.length + 2 + 4,
  },
  {
    name: 'the same character after a stripped "Bearer " prefix',
    input: `Bearer ${HEADER}.ab+d.${SIGNATURE}`,
    code: 'ERR_PART_BASE64URL',
    message: "'+' at character 3 is not base64url",
    part: 'payload',
    from: 7 + HEADER.length + 1 + 2,
    to: 7 + HEADER.length + 1 + 3,
  },
  {
    name: 'the same character after quotes, white space and an Authorization header',
    input: `  "Authorization: Bearer ${HEADER}.ab+d.${SIGNATURE}"\n`,
    code: 'ERR_PART_BASE64URL',
    message: "'+' at character 3 is not base64url",
    part: 'payload',
    from: 3 + 'Authorization: Bearer '.length + HEADER.length + 1 + 2,
  },
  {
    name: 'a space inside the header (a wrapped copy)',
    input: `eyJhbGci OiJIUzI1NiJ9.${PAYLOAD}.${SIGNATURE}`,
    code: 'ERR_PART_BASE64URL',
    message:
      "' ' at character 9 is not base64url (a space or line break inside the token: was it wrapped when copied?)",
    part: 'header',
    from: 8,
    to: 9,
  },
  {
    name: 'a line break inside the payload',
    input: `${HEADER}.eyJz\ndWIiOiIxIn0.${SIGNATURE}`,
    code: 'ERR_PART_BASE64URL',
    message: "'\\n' at character 5 is not base64url (a space or line break",
    part: 'payload',
    from: HEADER.length + 1 + 4,
  },
  {
    name: 'a control character is shown escaped',
    input: `${HEADER}.e\u0001J9.${SIGNATURE}`,
    code: 'ERR_PART_BASE64URL',
    message: "'\\u0001' at character 2 is not base64url.",
    part: 'payload',
  },
  {
    name: 'padding in the middle',
    input: `${HEADER}.e30=e30.${SIGNATURE}`,
    code: 'ERR_PART_BASE64URL',
    message: "'=' at character 4 is not base64url (padding may only stand at the end)",
    part: 'payload',
    from: HEADER.length + 1 + 3,
  },
  {
    name: 'an impossible length (4n+1)',
    input: `${HEADER}.e30ab.${SIGNATURE}`,
    code: 'ERR_PART_BASE64URL',
    message:
      'The payload is not valid base64url: its length (5) is impossible for base64url: one character too many or missing.',
    part: 'payload',
    from: HEADER.length + 1 + 4,
    to: HEADER.length + 1 + 5,
  },
  {
    name: 'a bad JWE authentication tag',
    input: `${json({ alg: 'dir', enc: 'A256GCM' })}..aXY.Y2lwaGVy.ta*g`,
    code: 'ERR_PART_BASE64URL',
    message: "The authentication tag is not valid base64url: '*' at character 3",
    part: 'tag',
  },
  {
    name: 'a header that is not UTF-8',
    input: `${b64(Uint8Array.of(0xff, 0xfe, 0x7b))}.${PAYLOAD}.${SIGNATURE}`,
    code: 'ERR_PART_UTF8',
    message: 'The header decodes to bytes that are not UTF-8 text, so it cannot be JSON.',
    part: 'header',
    from: 0,
    to: 4,
    pyjwt: 'DecodeError',
  },
  {
    name: 'a header that is not JSON, with the character',
    input: `${b64('{"alg":"HS256",}')}.${PAYLOAD}.${SIGNATURE}`,
    code: 'ERR_PART_JSON',
    message:
      "The header is not valid JSON: expected a member name in double quotes, found '}' at character 16 of the decoded header.",
    part: 'header',
    // The '}' is byte 15: the first byte of the sixth group of three, characters 20 and 21.
    from: 20,
    to: 22,
    pyjwt: 'DecodeError',
  },
  {
    name: 'a header that is an array',
    input: `${json([{ alg: 'HS256' }])}.${PAYLOAD}.${SIGNATURE}`,
    code: 'ERR_HEADER_NOT_OBJECT',
    message: 'The header must be a JSON object; this one is an array.',
    part: 'header',
    pyjwt: 'DecodeError',
  },
  {
    name: 'a header that is a string',
    input: `${json('HS256')}.${PAYLOAD}.${SIGNATURE}`,
    code: 'ERR_HEADER_NOT_OBJECT',
    message: 'this one is a string.',
  },
  {
    name: 'a header that is null',
    input: `${b64('null')}.${PAYLOAD}.${SIGNATURE}`,
    code: 'ERR_HEADER_NOT_OBJECT',
    message: 'this one is null.',
  },
  {
    name: 'a header that is a number',
    input: `${b64('42')}.${PAYLOAD}.${SIGNATURE}`,
    code: 'ERR_HEADER_NOT_OBJECT',
    message: 'this one is a number.',
  },
  {
    name: 'a header without alg',
    input: `${json({ typ: 'JWT' })}.${PAYLOAD}.${SIGNATURE}`,
    code: 'ERR_HEADER_ALG_MISSING',
    message: 'The header has no "alg"',
    part: 'header',
    from: 0,
    to: json({ typ: 'JWT' }).length,
    pyjwt: 'InvalidAlgorithmError',
  },
  {
    name: 'a JWE header without alg',
    input: `${json({ enc: 'A256GCM' })}..aXY.Y2lwaGVy.dGFn`,
    code: 'ERR_HEADER_ALG_MISSING',
    message: 'The header has no "alg"',
  },
  {
    name: 'alg a number',
    input: `${json({ alg: 256 })}.${PAYLOAD}.${SIGNATURE}`,
    code: 'ERR_HEADER_ALG_NOT_STRING',
    message: `The header's "alg" must be a string, not 256.`,
    part: 'header',
    pyjwt: 'InvalidAlgorithmError',
  },
  {
    name: 'alg null',
    input: `${json({ alg: null })}.${PAYLOAD}.${SIGNATURE}`,
    code: 'ERR_HEADER_ALG_NOT_STRING',
    message: `must be a string, not null.`,
  },
  {
    name: 'alg an array',
    input: `${json({ alg: ['HS256'] })}.${PAYLOAD}.${SIGNATURE}`,
    code: 'ERR_HEADER_ALG_NOT_STRING',
    message: `must be a string, not ["HS256"].`,
  },
];

describe('decodeToken failures', () => {
  it.each(failures)('$name → $code', (c) => {
    const result = decodeToken(c.input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const { error } = result;
    expect(error.code).toBe(c.code);
    if (typeof c.message === 'string') expect(error.message).toContain(c.message);
    else expect(error.message).toMatch(c.message);
    if (c.part !== undefined) expect(error.part).toBe(c.part);
    if (c.from !== undefined) expect(error.from).toBe(c.from);
    if (c.to !== undefined) expect(error.to).toBe(c.to);
    if (c.pyjwt !== undefined) expect(error.pyjwt).toBe(c.pyjwt);
  });

  it('points from/to at the offending character of the input as pasted', () => {
    const wrappings: [string, string][] = [
      ['', ''],
      ['Bearer ', ''],
      ['bearer   ', '\n'],
      ['  "Bearer ', '" '],
      ["'Authorization: Bearer ", "'"],
    ];
    for (const [before, after] of wrappings) {
      const input = `${before}${HEADER}.${PAYLOAD}.${SIGNATURE.slice(0, 10)}+${SIGNATURE.slice(11)}${after}`;
      const result = decodeToken(input);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(input.slice(result.error.from, result.error.to)).toBe('+');
      expect(result.error.message).toContain("'+' at character 11");
    }
  });

  it.each([
    // '"' (character 8, byte 7) is byte 1 of the third group: characters 9 and 10.
    ['a header', '', b64('{"alg" "HS256"}'), 9, 11, "found '\"' at character 8"],
    ['after a Bearer prefix', 'Bearer ', b64('{"alg" "HS256"}'), 7 + 9, 7 + 11, 'at character 8'],
    // 'ö' takes two bytes, so the '}' at character 16 is byte 16: characters 21 and 22.
    // The end of the text has no byte of its own: the part's last character (18 of 19).
    ['an unclosed header', '', b64('{"alg":"HS256"'), 18, 19, 'at character 15'],
  ])(
    'marks the token characters encoding the JSON error in %s',
    (_, before, part, from, to, words) => {
      const input = before
        ? `${before}${part}${before.endsWith('.') ? '' : `.${PAYLOAD}`}.${SIGNATURE}`
        : `${part}.${PAYLOAD}.${SIGNATURE}`;
      const result = decodeToken(input);
      if (result.ok) throw new Error('expected ERR_PART_JSON');
      expect(result.error).toMatchObject({ code: 'ERR_PART_JSON', from, to });
      expect(result.error.message).toContain(words);
      expect(result.error.reason).toBeUndefined();
    },
  );

  it('checks the parts in order: the first bad part is the one reported', () => {
    const result = decodeToken(`a+c.${b64('[')}.!!`);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toMatchObject({ code: 'ERR_PART_BASE64URL', part: 'header' });
  });
});

describe('tolerated wrappings', () => {
  const cases: { name: string; input: string; stripped: string[] }[] = [
    { name: 'nothing', input: TOKEN, stripped: [] },
    { name: 'surrounding white space', input: `\n  ${TOKEN}\t \n`, stripped: ['whitespace'] },
    { name: 'double quotes', input: `"${TOKEN}"`, stripped: ['quotes'] },
    { name: 'single quotes', input: `'${TOKEN}'`, stripped: ['quotes'] },
    { name: 'backticks', input: `\`${TOKEN}\``, stripped: ['quotes'] },
    {
      name: 'quotes inside white space',
      input: ` "${TOKEN}" `,
      stripped: ['whitespace', 'quotes'],
    },
    { name: 'Bearer prefix', input: `Bearer ${TOKEN}`, stripped: ['bearer'] },
    { name: 'lower-case bearer', input: `bearer ${TOKEN}`, stripped: ['bearer'] },
    { name: 'BEARER with a tab', input: `BEARER\t${TOKEN}`, stripped: ['bearer'] },
    {
      name: 'an Authorization header',
      input: `Authorization: Bearer ${TOKEN}`,
      stripped: ['authorization-header', 'bearer'],
    },
    {
      name: 'a lower-case header without a space',
      input: `authorization:bearer ${TOKEN}`,
      stripped: ['authorization-header', 'bearer'],
    },
    {
      name: 'a quoted Bearer header line',
      input: `  "Authorization: Bearer ${TOKEN}"\n`,
      stripped: ['whitespace', 'quotes', 'authorization-header', 'bearer'],
    },
    {
      name: 'quotes inside a Bearer prefix',
      input: `Bearer "${TOKEN}"`,
      stripped: ['bearer', 'quotes'],
    },
  ];

  it.each(cases)('$name', ({ input, stripped }) => {
    const token = decodeJws(input);
    expect(token.compact).toBe(TOKEN);
    expect(token.stripped).toEqual(stripped);
    expect(token.signingInput).toBe(`${HEADER}.${PAYLOAD}`);
    // Segments point into the text as pasted.
    for (const segment of token.segments) {
      const text = input.slice(segment.from, segment.to);
      const expected = { header: HEADER, payload: PAYLOAD, signature: SIGNATURE }[
        segment.part as 'header'
      ];
      expect(text).toBe(expected);
    }
  });

  it('leaves mismatched quotes alone', () => {
    const result = decodeToken(`"${TOKEN}'`);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('ERR_PART_BASE64URL');
      expect(result.error.message).toContain(`'"' at character 1`);
    }
  });

  it('cleanToken says where the token starts', () => {
    expect(cleanToken(` 'Bearer ${TOKEN}' `)).toEqual({
      compact: TOKEN,
      start: 9,
      stripped: ['whitespace', 'quotes', 'bearer'],
    });
  });
});

describe('what decodes', () => {
  it('a JWS, with header, payload, texts and signature bytes', () => {
    const token = decodeJws(TOKEN);
    expect(token.alg).toBe('HS256');
    expect(token.header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(token.headerText).toBe('{"alg":"HS256","typ":"JWT"}');
    expect(token.payload).toEqual({ sub: '1234567890', name: 'John Doe', iat: 1516239022 });
    expect(token.payloadText).toBe('{"sub":"1234567890","name":"John Doe","iat":1516239022}');
    expect(Buffer.from(token.signature).toString('base64url')).toBe(SIGNATURE);
    expect(token.segments).toEqual([
      { part: 'header', from: 0, to: HEADER.length },
      { part: 'payload', from: HEADER.length + 1, to: HEADER.length + 1 + PAYLOAD.length },
      { part: 'signature', from: HEADER.length + PAYLOAD.length + 2, to: TOKEN.length },
    ]);
    expect(token.noncanonical).toEqual([]);
    expect(token.headerScan.members.map((m) => m.name)).toEqual(['alg', 'typ']);
  });

  it('an empty signature', () => {
    const token = decodeJws(`${HEADER}.${PAYLOAD}.`);
    expect(token.signature).toHaveLength(0);
    expect(token.signingInput).toBe(`${HEADER}.${PAYLOAD}`);
  });

  it.each(['HS257', 'none', 'NONE', 'ES256K', 'Ed448', ''])('an unknown or odd alg %j', (alg) => {
    expect(decodeJws(`${json({ alg })}.${PAYLOAD}.`).alg).toBe(alg);
  });

  it('odd claims (a verdict, not a decode error)', () => {
    const token = decodeJws(`${HEADER}.${json({ exp: 'tomorrow', aud: [1, 2] })}.${SIGNATURE}`);
    expect(token.payload).toEqual({ exp: 'tomorrow', aud: [1, 2] });
  });

  it('duplicate members, recorded by the scan (JSON.parse keeps the last)', () => {
    const token = decodeJws(
      `${b64('{"alg":"none","alg":"HS256"}')}.${b64('{"sub":"a","sub":"b"}')}.`,
    );
    expect(token.alg).toBe('HS256');
    expect(token.headerScan.duplicates.map((m) => m.name)).toEqual(['alg']);
    expect(token.payloadScan.duplicates.map((m) => m.name)).toEqual(['sub']);
  });

  it('a JWE (5 parts), without a key', () => {
    const header = json({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'k1' });
    const compact = `${header}.ZW5jcnlwdGVkLWtleQ.aXY.Y2lwaGVydGV4dA.dGFn`;
    const result = decodeToken(`Bearer ${compact}`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const token = result.value as DecodedJwe;
    expect(token.kind).toBe('jwe');
    expect(token.alg).toBe('RSA-OAEP-256');
    expect(token.enc).toBe('A256GCM');
    expect(token.stripped).toEqual(['bearer']);
    expect(token.segments.map((s) => s.part)).toEqual([
      'header',
      'encrypted_key',
      'iv',
      'ciphertext',
      'tag',
    ]);
    expect(token.segments[1]).toEqual({
      part: 'encrypted_key',
      from: 7 + header.length + 1,
      to: 7 + header.length + 1 + 'ZW5jcnlwdGVkLWtleQ'.length,
    });
  });

  it('a JWE with alg dir: an empty encrypted key; enc missing is undefined', () => {
    const result = decodeToken(`${json({ alg: 'dir' })}..aXY.Y2lwaGVy.dGFn`);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toMatchObject({ kind: 'jwe', alg: 'dir', enc: undefined });
  });

  it('a JWE does not need a JSON payload (its ciphertext is opaque)', () => {
    const result = decodeToken(`${json({ alg: 'dir', enc: 'A128GCM' })}..aXY.bm90IGpzb24.dGFn`);
    expect(result.ok).toBe(true);
  });
});

describe('non-canonical base64url', () => {
  // {"alg":"none"} is 14 bytes: 19 characters, the last carrying 2 unused bits.
  const header = json({ alg: 'none' });
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const withTrailingBits = header.slice(0, -1) + ALPHABET[ALPHABET.indexOf(header.at(-1)!) | 1];

  it('the canonical form is unremarkable', () => {
    expect(header).toHaveLength(19);
    expect(decodeJws(`${header}.e30.`).noncanonical).toEqual([]);
  });

  it('records padding and still decodes', () => {
    const token = decodeJws(`${header}=.e30.`);
    expect(token.noncanonical).toEqual([{ part: 'header', reason: 'padding' }]);
    expect(token.header).toEqual({ alg: 'none' });
    // The signing input is the token as sent: a verifier signs exactly these characters.
    expect(token.signingInput).toBe(`${header}=.e30`);
  });

  it('records non-zero trailing bits and still decodes to the same bytes', () => {
    const token = decodeJws(`${withTrailingBits}.e30.`);
    expect(withTrailingBits).not.toBe(header);
    expect(token.noncanonical).toEqual([{ part: 'header', reason: 'trailing-bits' }]);
    expect(token.headerText).toBe('{"alg":"none"}');
  });

  it('records each non-canonical part', () => {
    const token = decodeJws(`${withTrailingBits}.${b64('{"a":1}')}==.${b64('xy')}=`);
    expect(token.noncanonical).toEqual([
      { part: 'header', reason: 'trailing-bits' },
      { part: 'payload', reason: 'padding' },
      { part: 'signature', reason: 'padding' },
    ]);
  });
});

describe('padding beyond what the length needs', () => {
  it.each([
    ['a===', 2],
    ['abcd====', 5],
    ['====', 1],
  ])('%s is refused at the first "=" that is too many', (part, at) => {
    const result = decodeToken(`${HEADER}.${PAYLOAD}.${part}`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('ERR_PART_BASE64URL');
    expect(result.error.message).toContain(`at character ${at} is not base64url`);
  });
});

describe('text that is not ASCII', () => {
  it('reads UTF-8 header and payload text as a UTF-8 decoder does', () => {
    const header = { alg: 'HS256', kid: 'ключ-🔑' };
    const payload = { name: 'Zoë', city: '東京' };
    const token = decodeJws(`${json(header)}.${json(payload)}.${SIGNATURE}`);
    expect(token.header).toEqual(header);
    expect(token.payload).toEqual(payload);
    expect(token.headerText).toBe(JSON.stringify(header));
  });
});

describe('consecutive decodes', () => {
  it('never mix up the header of one token with the next', () => {
    const other = json({ alg: 'RS256', kid: 'b' });
    for (let i = 0; i < 3; i++) {
      expect(decodeJws(TOKEN).header).toEqual({ alg: 'HS256', typ: 'JWT' });
      expect(decodeJws(`${other}.${PAYLOAD}.${SIGNATURE}`).header).toEqual({
        alg: 'RS256',
        kid: 'b',
      });
      const broken = decodeToken(`${HEADER.slice(0, -2)}!.${PAYLOAD}.${SIGNATURE}`);
      expect(broken.ok).toBe(false);
    }
  });

  it('give the same header, segments and signing input whether the header was seen or not', () => {
    const first = decodeJws(`  Bearer ${TOKEN}`);
    const again = decodeJws(TOKEN);
    expect(again.header).toEqual(first.header);
    expect(again.segments[0]).toEqual({ part: 'header', from: 0, to: HEADER.length });
    expect(first.segments[0]).toEqual({ part: 'header', from: 9, to: 9 + HEADER.length });
    expect(again.signingInput).toBe(`${HEADER}.${PAYLOAD}`);
    expect(first.signingInput).toBe(`${HEADER}.${PAYLOAD}`);
  });
});
