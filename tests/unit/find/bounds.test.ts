/**
 * findTokens stays bounded by its input: a megabyte of adversarial text
 * (header-like starts, dots, tildes, lines that look like a wrapped header),
 * JSON nested 100,000 deep, thousands of tokens (a capped list with a
 * count), and the page's 16 MB limit. Linear scanning is what keeps these
 * quick; the tests check the answers, and get a timeout of their own.
 */
import { describe, expect, it } from 'vitest';
import { findTokens, MAX_FOUND, type FoundTokens } from '../../../src/lib/find';
import { SIZE_LIMITS } from '../../../src/lib/jws/limits';
import { ACCESS, ES_TOKEN, json64 } from './fixtures';

const find = (text: string): FoundTokens => {
  const result = findTokens(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

const HEADER = json64({ alg: 'HS256' });
const [, PAYLOAD, SIGNATURE] = ACCESS.split('.') as [string, string, string];
const MB = 1_000_000;
const HEAVY = { timeout: 60_000 };

const NOTHING: { name: string; text: () => string }[] = [
  { name: "'eyJ' repeated", text: () => 'eyJ'.repeat(MB / 3) },
  { name: "'.' repeated", text: () => '.'.repeat(MB) },
  { name: "'eyJ.' repeated", text: () => 'eyJ.'.repeat(MB / 4) },
  { name: "'~' repeated", text: () => '~'.repeat(MB) },
  {
    name: 'lines that each start like a header, to be rejoined',
    text: () => 'eyJhbGciOi\n'.repeat(MB / 11),
  },
  { name: 'words that each start like a header', text: () => 'eyJhbGciOi '.repeat(MB / 11) },
  {
    name: 'a header and one part on each line',
    text: () => `${HEADER}.x\n`.repeat(MB / (HEADER.length + 3)),
  },
  {
    name: 'one megabyte-long base64url word',
    text: () => `${HEADER}${'A'.repeat(MB)}.${PAYLOAD}.${SIGNATURE}`,
  },
  { name: 'an unclosed quote in a curl command', text: () => `curl -H '${'a'.repeat(MB)}` },
  {
    name: 'a URL with 250,000 parameters',
    text: () => `https://a.example/?${'a=1&'.repeat(MB / 4)}`,
  },
  {
    name: 'HTTP headers that look like wrapped headers',
    text: () => `GET / HTTP/1.1\n${'X-A: eyJhbGciOi\n'.repeat(MB / 16)}`,
  },
];

describe('adversarial text: linear work, nothing found', () => {
  it.each(NOTHING)(
    '$name',
    ({ text }) => {
      expect(find(text())).toEqual({ tokens: [], truncated: 0 });
    },
    HEAVY.timeout,
  );
});

describe('bounded answers', () => {
  it(
    'headers repeated make tokens of three: the list stops at MAX_FOUND and counts the rest',
    HEAVY,
    () => {
      const n = 30_000;
      const result = find(`${HEADER}.`.repeat(n));
      expect(result.tokens).toHaveLength(MAX_FOUND);
      expect(result.truncated).toBe(Math.floor(n / 3) - MAX_FOUND);
      expect(result.tokens[1]).toMatchObject({ text: `${HEADER}.${HEADER}.${HEADER}`, sameAs: 0 });
    },
  );

  it('5,000 header lines: 100 listed, 4,900 counted', HEAVY, () => {
    const result = find(`Authorization: Bearer ${ACCESS}\n`.repeat(5_000));
    expect(result.tokens).toHaveLength(100);
    expect(result.truncated).toBe(4_900);
    expect(result.tokens[99]).toMatchObject({
      where: 'the Authorization header (Bearer)',
      sameAs: 0,
    });
  });

  it('a token after a megabyte of words on one line', HEAVY, () => {
    const text = `${'a '.repeat(MB / 2)}${ES_TOKEN}`;
    expect(find(text).tokens).toMatchObject([
      { text: ES_TOKEN, from: MB, where: 'line 1 of the text' },
    ]);
  });

  it('a token wrapped over 14,000 lines is rejoined whole', HEAVY, () => {
    const long = `${HEADER}.${'A'.repeat(900_000)}.${SIGNATURE}`;
    const lines = long.match(/.{1,64}/g)!;
    const [token] = find(lines.join('\n')).tokens;
    expect(token?.text).toBe(long);
    expect(token?.note).toBe(`rejoined from ${lines.length} lines`);
  });

  it(
    'arrays nested 100,000 deep: found, with its whole path, without a stack overflow',
    HEAVY,
    () => {
      const depth = 100_000;
      const result = find(`${'['.repeat(depth)}"${ACCESS}"${']'.repeat(depth)}`);
      expect(result.tokens).toHaveLength(1);
      expect(result.tokens[0]!.path).toBe(`$${'[0]'.repeat(depth)}`);
    },
  );

  it('objects nested 100,000 deep', HEAVY, () => {
    const depth = 100_000;
    const result = find(`${'{"a":'.repeat(depth)}"${ACCESS}"${'}'.repeat(depth)}`);
    expect(result.tokens.map((t) => [t.text, t.path?.length])).toEqual([[ACCESS, 1 + 2 * depth]]);
  });

  it('text over the 16 MB limit is refused, as the decoder refuses it', HEAVY, () => {
    const result = findTokens(`${ACCESS} ${'a'.repeat(SIZE_LIMITS.refused.chars)}`);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('ERR_INPUT_TOO_LARGE');
      expect(result.error.message).toBe(`The text ${SIZE_LIMITS.refused.message}`);
    }
  });
});
