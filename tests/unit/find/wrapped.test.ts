/**
 * Wrapped tokens: rejoined while the token is visibly unfinished (a header
 * without its dot, too few parts, a signature or tag shorter than its
 * algorithm makes it), and not joined to what merely follows it.
 */
import { describe, expect, it } from 'vitest';
import { findTokens, type FoundToken } from '../../../src/lib/find';
import { ACCESS, ES_TOKEN, ID_TOKEN, json64, JWE_A2 } from './fixtures';

const found = (text: string): Pick<FoundToken, 'text' | 'note' | 'from' | 'to'>[] => {
  const result = findTokens(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.value.tokens.map(({ text, note, from, to }) => ({ text, note, from, to }));
};

/** `token` cut at `at` (offsets into the token), the pieces joined with `gap`. */
const cut = (token: string, at: number[], gap = '\n'): string =>
  [0, ...at].map((from, i) => token.slice(from, at[i] ?? token.length)).join(gap);

const dots = (token: string) => [token.indexOf('.'), token.lastIndexOf('.')];

describe('rejoined', () => {
  it.each([
    { name: 'cut inside the header', token: ACCESS, at: [12] },
    { name: 'cut just after a dot', token: ACCESS, at: [dots(ACCESS)[0]! + 1] },
    { name: 'cut just before a dot', token: ACCESS, at: [dots(ACCESS)[1]!] },
    {
      name: 'cut in the header, the payload and the signature',
      token: ID_TOKEN,
      at: [10, 100, 400],
    },
    {
      name: 'a JWE cut inside its tag (A128CBC-HS256: 16 bytes)',
      token: JWE_A2,
      at: [JWE_A2.length - 5],
    },
  ])('$name', ({ token, at }) => {
    const text = cut(token, at);
    expect(found(text)).toEqual([
      { text: token, note: `rejoined from ${at.length + 1} lines`, from: 0, to: text.length },
    ]);
  });

  it('CR LF line breaks and indentation', () => {
    const text = `  ${cut(ES_TOKEN, [30, 60], '\r\n    ')}\r\n`;
    expect(found(text)).toEqual([
      { text: ES_TOKEN, note: 'rejoined from 3 lines', from: 2, to: text.length - 2 },
    ]);
  });
});

describe('not joined', () => {
  it('a whole token and the word on the next line', () => {
    expect(found(`${ES_TOKEN}\nabcdef`)).toEqual([
      { text: ES_TOKEN, note: undefined, from: 0, to: ES_TOKEN.length },
    ]);
  });

  it('across a blank line: the token is listed as far as it goes', () => {
    const text = cut(ES_TOKEN, [ES_TOKEN.length - 10], '\n\n');
    expect(found(text)).toEqual([
      { text: ES_TOKEN.slice(0, -10), note: undefined, from: 0, to: ES_TOKEN.length - 10 },
    ]);
  });

  it('a header is not joined across spaces', () => {
    expect(found(cut(ACCESS, [12], ' '))).toEqual([]);
  });

  it('when joining would make the signature longer than the algorithm allows', () => {
    const short = ES_TOKEN.slice(0, -10);
    expect(found(`${short}\n${'x'.repeat(20)}`)).toEqual([
      { text: short, note: undefined, from: 0, to: short.length },
    ]);
  });

  it('a token whose algorithm fixes no signature length, once it has its three parts', () => {
    const token = `${json64({ alg: 'XYZ' })}.${json64({ a: 1 })}.c2ln`;
    expect(found(`${token}\nbmF0dXJl`)).toEqual([
      { text: token, note: undefined, from: 0, to: token.length },
    ]);
  });

  it('the next line starts a token of its own', () => {
    const first = ACCESS.slice(0, dots(ACCESS)[1]);
    expect(found(`${first}\n${ES_TOKEN}`)).toEqual([
      {
        text: ES_TOKEN,
        note: undefined,
        from: first.length + 1,
        to: first.length + 1 + ES_TOKEN.length,
      },
    ]);
  });
});
