/**
 * The duplicate-aware JSON scanner: syntax errors with offset, line and column,
 * member offsets and duplicates, the depth limit, and formatting that keeps
 * every token as written.
 */
import { describe, expect, it } from 'vitest';
import { formatJson, lineColumn, MAX_JSON_DEPTH, minifyJson, scanJson } from '../../../src/lib';

interface SyntaxCase {
  name: string;
  text: string;
  message: string;
  position: number;
  line?: number;
  column?: number;
}

const syntaxErrors: SyntaxCase[] = [
  {
    name: 'empty text',
    text: '',
    message: 'expected a value, found the end of the text',
    position: 0,
  },
  {
    name: 'only white space',
    text: ' \n ',
    message: 'expected a value, found the end of the text',
    position: 3,
    line: 2,
    column: 2,
  },
  {
    name: 'an unclosed object',
    text: '{',
    message: 'expected a member name in double quotes, found the end of the text',
    position: 1,
  },
  {
    name: 'a trailing comma',
    text: '{"a":1,}',
    message: "expected a member name in double quotes, found '}'",
    position: 7,
  },
  { name: 'a single-quoted name', text: "{'a':1}", message: "unexpected '''", position: 1 },
  { name: 'an unquoted name', text: '{a:1}', message: "unexpected 'a'", position: 1 },
  {
    name: 'a missing colon',
    text: '{"a" 1}',
    message: "expected ':' after the member name, found '1'",
    position: 5,
  },
  {
    name: 'a missing comma',
    text: '{"a":1 "b":2}',
    message: "expected ',' or '}', found '\"'",
    position: 7,
  },
  { name: 'a missing value', text: '{"a":}', message: "expected a value, found '}'", position: 5 },
  {
    name: 'an unclosed array',
    text: '[1,2',
    message: "expected ',' or ']', found the end of the text",
    position: 4,
  },
  {
    name: 'a trailing comma in an array',
    text: '[1,]',
    message: "expected a value, found ']'",
    position: 3,
  },
  { name: 'a misspelt literal', text: '{"a":tru}', message: "unexpected 't'", position: 5 },
  { name: 'NaN', text: '[NaN]', message: "unexpected 'N'", position: 1 },
  { name: 'a bare minus', text: '[-]', message: 'invalid number', position: 1 },
  { name: 'a leading zero', text: '[01]', message: "expected ',' or ']', found '1'", position: 2 },
  { name: 'a number ending in a dot', text: '[1.]', message: "unexpected '.'", position: 2 },
  {
    name: 'an unclosed string',
    text: '{"a":"b}',
    message: 'a string is not closed with "',
    position: 5,
  },
  {
    name: 'a bad escape',
    text: '["a\\qb"]',
    message: 'invalid escape sequence in a string',
    position: 3,
  },
  {
    name: 'a short \\u escape',
    text: '["\\u12"]',
    message: 'invalid escape sequence in a string',
    position: 2,
  },
  {
    name: 'a raw line break in a string',
    text: '["a\nb"]',
    message: 'a line break must be escaped inside a string',
    position: 3,
  },
  {
    name: 'a raw tab in a string',
    text: '["a\tb"]',
    message: "'\t' must be escaped inside a string",
    position: 3,
  },
  { name: 'text after the value', text: '{} x', message: "unexpected 'x'", position: 3 },
  {
    name: 'a second value',
    text: '{} {}',
    message: "unexpected '{' after the end of the JSON value",
    position: 3,
  },
  { name: 'a comment', text: '{"a":1 // one\n}', message: "unexpected '/'", position: 7 },
  {
    name: 'an error on line 3',
    text: '{\n  "sub": "a",\n  "iat" 1\n}',
    message: "expected ':' after the member name, found '1'",
    position: 24,
    line: 3,
    column: 9,
  },
];

describe('scanJson syntax errors', () => {
  it.each(syntaxErrors)('$name', ({ text, message, position, line, column }) => {
    const result = scanJson(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toBe(message);
    expect(result.error.position).toBe(position);
    expect(result.error.line).toBe(line ?? 1);
    expect(result.error.column).toBe(column ?? position + 1);
    // JSON.parse agrees that the text is broken.
    expect(() => JSON.parse(text)).toThrow();
  });

  it.each([
    '{}',
    '[]',
    '0',
    '-1.5e+10',
    '"x"',
    'true',
    'null',
    ' {"a" : [ 1 , {"b":null} ] } ',
    '"\\u00e9\\n\\/"',
  ])('accepts %j, as JSON.parse does', (text) => {
    expect(scanJson(text).ok).toBe(true);
    expect(() => JSON.parse(text)).not.toThrow();
  });
});

describe('lineColumn', () => {
  it.each([
    [0, 1, 1],
    [2, 1, 3],
    [3, 2, 1],
    [5, 2, 3],
    [6, 3, 1],
  ])('offset %i is line %i, column %i', (offset, line, column) => {
    expect(lineColumn('ab\ncd\nef', offset)).toEqual({ line, column });
  });
});

describe('scanJson members', () => {
  it('records each member with the offsets of its name and value', () => {
    const text = '{"alg": "HS256", "n": [1, 2], "o": {"k": true}}';
    const result = scanJson(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const slices = result.scan.members.map((m) => ({
      path: m.path,
      name: text.slice(m.nameFrom, m.nameTo),
      value: text.slice(m.valueFrom, m.valueTo),
    }));
    // A member is recorded when its value ends, so nested members come first.
    expect(slices).toEqual([
      { path: '', name: '"alg"', value: '"HS256"' },
      { path: '', name: '"n"', value: '[1, 2]' },
      { path: 'o', name: '"k"', value: 'true' },
      { path: '', name: '"o"', value: '{"k": true}' },
    ]);
    expect(result.scan.duplicates).toEqual([]);
  });

  it('names nested paths with dots and array indexes', () => {
    const result = scanJson('{"a":{"b":[0,{"c":1}]}}');
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(result.scan.members.map((m) => `${m.path}|${m.name}`)).toEqual([
        'a.b[1]|c',
        'a|b',
        '|a',
      ]);
  });

  it('decodes escaped names', () => {
    const result = scanJson('{"\\u0061lg":"none"}');
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.scan.members[0]?.name).toBe('alg');
  });

  it('records the later members of a duplicated name, also when escaped differently', () => {
    const text = '{"alg":"none","kid":"a","alg":"HS256","\\u0061lg":"RS256"}';
    const result = scanJson(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.scan.duplicates.map((m) => text.slice(m.valueFrom, m.valueTo))).toEqual([
      '"HS256"',
      '"RS256"',
    ]);
    expect(result.scan.duplicates.every((m) => m.name === 'alg' && m.path === '')).toBe(true);
  });

  it('does not count the same name in different objects as a duplicate', () => {
    const result = scanJson('{"x":{"a":1},"y":{"a":2},"z":[{"a":3},{"a":4}]}');
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.scan.duplicates).toEqual([]);
  });

  it('finds duplicates inside nested objects', () => {
    const result = scanJson('{"cnf":{"jkt":"a","jkt":"b"}}');
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.scan.duplicates).toMatchObject([{ path: 'cnf', name: 'jkt' }]);
  });
});

describe('depth limit', () => {
  const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

  it(`accepts ${MAX_JSON_DEPTH + 1} nested arrays (depth ${MAX_JSON_DEPTH})`, () => {
    expect(scanJson(nested(MAX_JSON_DEPTH + 1)).ok).toBe(true);
  });

  it('refuses one level more, at the opening bracket', () => {
    const result = scanJson(nested(MAX_JSON_DEPTH + 2));
    expect(result).toEqual({
      ok: false,
      error: {
        message: `nested deeper than ${MAX_JSON_DEPTH} levels`,
        position: MAX_JSON_DEPTH + 1,
        line: 1,
        column: MAX_JSON_DEPTH + 2,
      },
    });
  });

  it('refuses deep objects too, without overflowing the stack', () => {
    const deep = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    const result = scanJson(deep);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error.message).toBe(`nested deeper than ${MAX_JSON_DEPTH} levels`);
  });
});

describe('formatJson and minifyJson', () => {
  const minified =
    '{"alg":"HS256","n":123456789012345678901234567890,"f":1.50,"e":1E+3,"neg":-0,"s":"a\\u00e9\\"b","n":2,"empty":{},"list":[],"deep":{"a":[1,{"b":null}]}}';

  it('indents, keeping numbers, escapes and duplicate members as written', () => {
    expect(formatJson(minified)).toBe(
      [
        '{',
        '  "alg": "HS256",',
        '  "n": 123456789012345678901234567890,',
        '  "f": 1.50,',
        '  "e": 1E+3,',
        '  "neg": -0,',
        '  "s": "a\\u00e9\\"b",',
        '  "n": 2,',
        '  "empty": {},',
        '  "list": [],',
        '  "deep": {',
        '    "a": [',
        '      1,',
        '      {',
        '        "b": null',
        '      }',
        '    ]',
        '  }',
        '}',
      ].join('\n'),
    );
  });

  it('indents with another width', () => {
    expect(formatJson('{"a":[1]}', 4)).toBe('{\n    "a": [\n        1\n    ]\n}');
  });

  it('minifies back to the same text', () => {
    expect(minifyJson(formatJson(minified))).toBe(minified);
  });

  it('minifies white space only, never values', () => {
    expect(minifyJson(' {\r\n\t"big" : 9007199254740993 ,\n "big": 1.0 } ')).toBe(
      '{"big":9007199254740993,"big":1.0}',
    );
    // What JSON.stringify would have lost:
    expect(JSON.stringify(JSON.parse('{"big":9007199254740993,"big":1.0}'))).toBe('{"big":1}');
  });

  it('keeps spaces inside strings', () => {
    expect(minifyJson('{ "a b" : " c  d " }')).toBe('{"a b":" c  d "}');
  });

  it('formats scalars as they are', () => {
    expect(formatJson('  12.50 ')).toBe('12.50');
    expect(minifyJson(' "x" ')).toBe('"x"');
  });
});
