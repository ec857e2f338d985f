/**
 * The forms findTokens recognises and names: compact JWS and JWE (3 and 5
 * parts, the first a JSON header with a string `alg`), SD-JWT with and
 * without key binding, and the JWS and JWE JSON serializations, found whole.
 */
import { describe, expect, it } from 'vitest';
import { findTokens, type FoundTokens } from '../../../src/lib/find';
import {
  A1,
  ACCESS,
  expectFound,
  FLATTENED_JWE,
  FLATTENED_JWS,
  GENERAL_JWE,
  GENERAL_JWS,
  json64,
  JWE_A2,
  SD_JWT,
  SD_JWT_KB,
  type Expected,
} from './fixtures';

const find = (text: string): FoundTokens => {
  const result = findTokens(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

const flattened = JSON.stringify(FLATTENED_JWS, null, 2);
const parts = (token: string) => token.split('.');
/** Five parts whose header has `alg` but no `enc`: listed as a JWE, for the decoder to explain. */
const NO_ENC = `${json64({ alg: 'RSA-OAEP' })}.AAAA.BBBB.CCCC.DDDD`;
/** RFC 7797: a detached payload, `header..signature`. */
const DETACHED = `${parts(A1)[0]}..${parts(A1)[2]}`;

interface Case {
  name: string;
  text: string;
  found: Expected[];
}

const CASES: Case[] = [
  {
    name: 'RFC 7516 A.2 compact JWE (RSA1_5, A128CBC-HS256)',
    text: JWE_A2,
    found: [
      {
        text: JWE_A2,
        kind: 'compact-jwe',
        alg: 'RSA1_5',
        source: 'text',
        where: 'line 1 of the text',
        from: 0,
      },
    ],
  },
  {
    name: 'five parts without enc',
    text: `x ${NO_ENC} y`,
    found: [
      {
        text: NO_ENC,
        kind: 'compact-jwe',
        alg: 'RSA-OAEP',
        source: 'text',
        where: 'line 1 of the text',
        from: 2,
      },
    ],
  },
  {
    name: 'an RFC 7797 detached payload (header..signature)',
    text: DETACHED,
    found: [
      {
        text: DETACHED,
        kind: 'compact-jws',
        alg: 'HS256',
        source: 'text',
        where: 'line 1 of the text',
      },
    ],
  },
  {
    name: 'an SD-JWT without key binding, in a sentence ending with a full stop',
    text: `The wallet presented ${SD_JWT}.`,
    found: [
      { text: SD_JWT, kind: 'sd-jwt', alg: 'ES256', source: 'text', where: 'line 1 of the text' },
    ],
  },
  {
    name: 'an SD-JWT with a key-binding JWT, in an Authorization header',
    text: `Authorization: Bearer ${SD_JWT_KB}`,
    found: [
      {
        text: SD_JWT_KB,
        kind: 'sd-jwt',
        source: 'authorization',
        where: 'the Authorization header (Bearer)',
      },
    ],
  },
  {
    name: 'a flattened JSON JWS, the whole text: kept exactly as written',
    text: `\n${flattened}\n`,
    found: [
      {
        text: flattened,
        kind: 'json-jws',
        alg: 'HS256',
        source: 'json',
        container: 'json',
        path: '$',
        where: 'the JSON text (path $)',
        from: 1,
      },
    ],
  },
  {
    name: 'a general JSON JWS with two signatures, nested: not looked into',
    text: JSON.stringify({ jws: GENERAL_JWS, other: 1 }),
    found: [
      {
        text: JSON.stringify(GENERAL_JWS),
        kind: 'json-jws',
        alg: 'HS256',
        source: 'json',
        path: '$.jws',
        where: '"jws" in a JSON object (path $.jws)',
      },
    ],
  },
  {
    name: 'a flattened JSON JWE',
    text: JSON.stringify(FLATTENED_JWE),
    found: [
      {
        text: JSON.stringify(FLATTENED_JWE),
        kind: 'json-jwe',
        alg: 'dir',
        source: 'json',
        path: '$',
        where: 'the JSON text (path $)',
      },
    ],
  },
  {
    name: 'a general JSON JWE in an array, its alg in a recipient’s unprotected header',
    text: JSON.stringify([GENERAL_JWE]),
    found: [
      {
        text: JSON.stringify(GENERAL_JWE),
        kind: 'json-jwe',
        alg: 'A256KW',
        source: 'json',
        path: '$[0]',
        where: 'item 1 of a JSON array (path $[0])',
      },
    ],
  },
  {
    name: 'a JSON JWS held as a string in an HTTP response body',
    text: `HTTP/1.1 200 OK\nContent-Type: application/json\n\n${JSON.stringify({ signed: JSON.stringify(FLATTENED_JWS) })}`,
    found: [
      {
        text: JSON.stringify(FLATTENED_JWS),
        kind: 'json-jws',
        source: 'json',
        container: 'http',
        path: '$.signed',
        where: 'the response body, "signed" in a JSON object (path $.signed)',
      },
    ],
  },
  {
    name: 'a token inside a JSON string inside JSON (an escaped claim)',
    text: JSON.stringify({ event: JSON.stringify({ token: ACCESS }) }),
    found: [
      {
        text: ACCESS,
        kind: 'compact-jws',
        source: 'json',
        path: '$.event',
        where: '"event" in a JSON object (path $.event), "token" in a JSON object (path $.token)',
      },
    ],
  },
];

describe('findTokens recognises and names each form', () => {
  it.each(CASES)('$name', ({ text, found }) => {
    expectFound(text, find(text).tokens, found);
  });
});

describe('duplicates', () => {
  it('lists a token once per place, later places pointing at the first with sameAs', () => {
    const text = `Authorization: Bearer ${ACCESS}\nCookie: a=${ACCESS}\n${A1}\n${ACCESS}`;
    const found = find(text).tokens;
    expect(found.map((t) => t.sameAs)).toEqual([undefined, 0, undefined, 0]);
    expect(found.map((t) => t.from)).toEqual([
      22,
      22 + ACCESS.length + 11,
      text.indexOf(A1),
      text.lastIndexOf(ACCESS),
    ]);
  });
});
